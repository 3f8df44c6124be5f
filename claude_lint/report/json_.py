"""Machine output: one JSON document, streamed.

Schema (version 1)::

    {"version": 1,
     "diagnostics": [{"file", "line", "column", "end_line", "end_column", "code", "name",
                      "severity", "path", "pointer", "message", "status", "error_type",
                      "api_message", "fix", "fixable"}, ...],
     "summary": {"files", "requests", "errors", "warnings", "load_errors"}}

Positions are 1-based (columns count characters) and ``null`` when the finding concerns the whole
request or the input was not text. ``path`` is the API's dotted path in the body, or, for a finding
about the HTTP request (a ``.har`` capture, ``validate(headers=..., url=...)``), the pseudo-path
``headers.<lower-case name>`` or ``url``. ``fixable`` is ``"safe"`` (``--fix`` applies it),
``"unsafe"`` (``--unsafe-fixes``) or ``null``.
"""
from __future__ import annotations

import json
from typing import Optional

from ..diagnostic import Diagnostic
from .base import Reporter, Summary

SCHEMA_VERSION = 1


class JsonReporter(Reporter):
    name = "json"

    def __init__(self, out, **options):
        super().__init__(out, **options)
        self._first = True
        out.write('{"version": %d, "diagnostics": [' % SCHEMA_VERSION)

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        self.out.write(("\n  " if self._first else ",\n  ") + json.dumps(d.to_dict(), ensure_ascii=False))
        self._first = False

    def close(self, summary: Summary) -> None:
        totals = {
            "files": summary.files,
            "requests": summary.documents,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "load_errors": summary.load_errors,
        }
        self.out.write(("\n" if not self._first else "") + '], "summary": ' + json.dumps(totals) + "}\n")
