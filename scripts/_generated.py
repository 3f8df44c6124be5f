"""Write a generated file of the package, or (``--check``) tell whether the committed one is current."""
from __future__ import annotations

from pathlib import Path


def write_or_check(target: Path, text: str, *, check: bool, rebuild: str, summary: str = "") -> int:
    """With ``check``: 1 (and how to rebuild) when ``target`` differs from ``text``, else 0.
    Without: write ``text`` to ``target``."""
    if check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date; run {rebuild}")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}{summary}")
    return 0
