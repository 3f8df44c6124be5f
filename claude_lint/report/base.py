"""The reporter interface every output format implements."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, TextIO

from ..diagnostic import Diagnostic


@dataclass
class Summary:
    files: int = 0
    documents: int = 0
    errors: int = 0
    warnings: int = 0
    load_errors: int = 0
    fixed: int = 0  # fixes applied (or, with --diff, that would be)
    changed_files: int = 0
    by_code: Counter = field(default_factory=Counter)
    names: dict = field(default_factory=dict)

    def count(self, d: Diagnostic) -> None:
        if d.is_error:
            self.errors += 1
        else:
            self.warnings += 1
        self.by_code[d.code] += 1
        self.names[d.code] = d.name


class Reporter:
    """Receives findings one at a time (so a huge batch file streams) and writes them to ``out``."""

    name = ""

    def __init__(self, out: TextIO, *, color: bool = False):
        self.out = out
        self.color = color

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        raise NotImplementedError

    def close(self, summary: Summary) -> None:
        """Called once, after the last finding."""
