"""GitHub Actions workflow commands: one annotation per finding, then a plain summary.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``. Columns are sent only for
single-line spans (GitHub misplaces or drops them otherwise); values are escaped as the runner's
toolkit does.
"""
from __future__ import annotations

from typing import Optional

from ..diagnostic import Diagnostic
from .base import Reporter, Summary


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    name = "github"

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        props = {"file": d.file or "stdin"}
        if d.line is not None:
            props["line"] = d.line
            props["endLine"] = d.end_line or d.line
            if props["endLine"] == d.line:
                props["col"] = d.column
                props["endColumn"] = d.end_column
        props["title"] = f"{d.code} {d.name}"
        text = d.message
        if d.api_message:
            text += f"\nAPI answer: {d.status} {d.error_type}: {d.api_message}"
        if d.fix:
            text += f"\nFix: {d.fix}"
        params = ",".join(f"{key}={_escape_property(str(value))}" for key, value in props.items() if value is not None)
        self.out.write(f"::{'error' if d.is_error else 'warning'} {params}::{_escape_data(text)}\n")

    def close(self, summary: Summary) -> None:
        self.out.write(f"claude-lint: {summary.errors} error(s), {summary.warnings} warning(s) in {summary.documents} request(s)\n")
