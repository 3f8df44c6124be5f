"""Human output: ``file:line:col: CODE [status error_type] message``, the API's text, the fix,
and the source line with a caret under the offending value."""
from __future__ import annotations

from typing import Optional

from ..diagnostic import Diagnostic
from .base import Reporter, Summary

_RED, _YELLOW, _BOLD, _DIM, _CYAN, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[36m", "\033[0m"
_MAX_EXCERPT = 160


class TextReporter(Reporter):
    name = "text"

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        where = d.file or "<request>"
        if d.line is not None:
            where += f":{d.line}:{d.column}"
        if d.is_error:
            tag = self._c(_RED, f"[{d.status} {d.error_type}]" if d.status else "[error]")
        else:
            tag = self._c(_YELLOW, "[warning]")
        path = f" ({d.path})" if d.path else ""
        write = self.out.write
        write(f"{self._c(_BOLD, where)}: {self._c(_BOLD, d.code)} {tag} {d.message}{self._c(_DIM, path)}\n")
        if d.api_message:
            write(f"  {self._c(_CYAN, 'api:')} {d.api_message}\n")
        if d.fix:
            write(f"  {self._c(_CYAN, 'fix:')} {d.fix}\n")
        if source_line is not None and d.line is not None:
            write(_excerpt(d, source_line, self._c))

    def close(self, summary: Summary) -> None:
        if summary.fixed:
            self.out.write(f"Fixed {summary.fixed} problem{'s' * (summary.fixed != 1)} "
                           f"in {summary.changed_files} file{'s' * (summary.changed_files != 1)}.\n")
        if summary.errors or summary.warnings:
            self.out.write(
                f"Found {summary.errors} error{'s' * (summary.errors != 1)} and "
                f"{summary.warnings} warning{'s' * (summary.warnings != 1)} "
                f"in {summary.documents} request{'s' * (summary.documents != 1)}.\n"
            )


def _excerpt(d: Diagnostic, line: str, paint) -> str:
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line and d.end_column and d.end_column > d.column else start + 1
    offset = 0
    if len(line) > _MAX_EXCERPT:  # long lines (minified JSON, base64): show a window around the value
        offset = max(0, start - 40)
        line = line[offset:offset + _MAX_EXCERPT]
        start, end = start - offset, min(end - offset, _MAX_EXCERPT)
    gutter = " " * len(str(d.line))
    caret = " " * start + "^" * max(1, end - start)
    expanded = line.expandtabs(1)
    return f"  {gutter} |\n  {d.line} | {expanded}\n  {gutter} | {paint(_RED if d.is_error else _YELLOW, caret)}\n"
