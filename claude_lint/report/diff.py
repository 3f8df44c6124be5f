"""``--diff``: the unified diffs of the fixes go to stdout (written by the fixer); findings are not
listed, and a one-line count goes to stderr."""
from __future__ import annotations

import sys
from typing import Optional

from ..diagnostic import Diagnostic
from .base import Reporter, Summary


class DiffReporter(Reporter):
    name = "diff"

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        pass

    def close(self, summary: Summary) -> None:
        print(f"Would fix {summary.fixed} problem{'s' * (summary.fixed != 1)} in "
              f"{summary.changed_files} file{'s' * (summary.changed_files != 1)}.", file=sys.stderr)
