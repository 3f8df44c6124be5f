"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

One run; every rule is described in ``tool.driver.rules`` with its docs as help text and a help
URI; results carry a region (columns count code points, as stated in ``columnKind``) and a
fingerprint that stays stable when unrelated lines move.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Optional

from ..__about__ import DOCS_URL, __version__
from ..diagnostic import Diagnostic
from .base import Reporter, Summary

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules():
    from ..rules import RULES

    return list(RULES.values())


def help_uri(code: str) -> str:
    return f"{DOCS_URL}#{code.lower()}"


class SarifReporter(Reporter):
    name = "sarif"

    def __init__(self, out, **options):
        super().__init__(out, **options)
        self._results = []
        self._rules = _rules()
        self._index = {r.code: i for i, r in enumerate(self._rules)}

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        text = d.message
        if d.api_message:
            text += f"\nAPI answer: {d.status} {d.error_type}: {d.api_message}"
        if d.fix:
            text += f"\nFix: {d.fix}"
        line = d.line or 1
        region = {"startLine": line, "startColumn": d.column or 1,
                  "endLine": d.end_line or line, "endColumn": d.end_column or (d.column or 1) + 1}
        self._results.append({
            "ruleId": d.code,
            "ruleIndex": self._index[d.code],
            "level": "error" if d.is_error else "warning",
            "message": {"text": text},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(d.file)},
                "region": region,
            }}],
            "partialFingerprints": {"claudeLint/v1": _fingerprint(d)},
            "properties": {"path": d.path, "status": d.status, "errorType": d.error_type, "apiMessage": d.api_message},
        })

    def close(self, summary: Summary) -> None:
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "claude-lint",
                    "semanticVersion": __version__,
                    "informationUri": DOCS_URL,
                    "rules": [_descriptor(r) for r in self._rules],
                }},
                "columnKind": "unicodeCodePoints",
                "results": self._results,
            }],
        }
        json.dump(log, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")


def _descriptor(rule) -> dict:
    api = f"{rule.status} {rule.error_type}" if rule.status else "advisory, no API error"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[:1024]},
        "fullDescription": {"text": rule.docs[:1024]},
        "help": {"text": rule.docs, "markdown": f"**{rule.code} {rule.name}** ({api})\n\n{rule.docs}\n\nEvidence: {rule.source}"},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": "error" if rule.severity == "error" else "warning"},
        "properties": {"tags": ["claude", "api-request"]},
    }


def _uri(file: Optional[str]) -> str:
    if not file or file.startswith("<"):
        return "stdin"
    path = os.path.relpath(file) if os.path.isabs(file) else file
    return path.replace(os.sep, "/")


def _fingerprint(d: Diagnostic) -> str:
    return hashlib.sha256(f"{d.code}\0{_uri(d.file)}\0{d.path}".encode()).hexdigest()[:32]
