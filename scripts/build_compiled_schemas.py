#!/usr/bin/env python3
"""Write claude_lint/data/compiled-schemas.json: the schemas the compiled pass checks bodies
against (checking/compiled.py), generated from the request models.

Usage:
    python scripts/build_compiled_schemas.py [--check]

Stored in the package so that a run reads them without loading the models. ``--check`` exits 1
when the committed file differs from what the models generate (a test does the same).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _generated import write_or_check  # noqa: E402
from claude_lint.checking.compiled import STORED  # noqa: E402
from claude_lint.schemas import render_compiled  # noqa: E402


def main(argv: list) -> int:
    return write_or_check(STORED, render_compiled(), check="--check" in argv, rebuild="scripts/build_compiled_schemas.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
