"""Every conformance case must get the verdict the live API gives it.

A case is ``{"id", "endpoint", "request", "expect", ["api_version"], ["synthetic"]}``:
``endpoint`` is ``messages``, ``count_tokens`` or ``batch_line`` (one ``{custom_id, params}`` object,
or a list of them for rules that span lines); ``expect`` is ``{"valid": true}`` or
``{"valid": false, "status", "error_type", "message" (exact text or null), "path" (or null)}``.
A ``synthetic`` size case replaces the string ``"__SYNTHETIC_FILL__"`` with ``repeat_text_bytes``
ASCII characters before checking.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import claude_lint

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
SHARED_DIR = HERE.parent.parent.parent / "shared" / "conformance" / "cases"
FILL = "__SYNTHETIC_FILL__"


def _cases():
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES_DIR.glob("*.json"))]


def _fill(node, text):
    if node == FILL:
        return text
    if isinstance(node, dict):
        return {k: _fill(v, text) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, text) for v in node]
    return node


def materialize(case):
    """``(body, endpoint, expected path)`` in the terms of ``claude_lint.validate``."""
    body, path = case["request"], case["expect"].get("path")
    if case.get("synthetic"):
        body = _fill(body, "x" * case["synthetic"]["repeat_text_bytes"])
    endpoint = case["endpoint"]
    if endpoint == "batch_line":
        lines = body if isinstance(body, list) else [body]
        body = {"requests": lines}
        prefix = "requests" if isinstance(case["request"], list) else "requests.0"
        path = f"{prefix}.{path}" if path else None
        endpoint = "batch"
    return body, endpoint, path


CASES = _cases()


def test_the_public_set_is_here():
    assert len(CASES) >= 134
    assert sum(c["expect"]["valid"] for c in CASES) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    body, endpoint, want_path = materialize(case)
    options = {"api_version": case["api_version"]} if case.get("api_version") else {}
    found = claude_lint.validate(body, endpoint=endpoint, **options)
    errors = [d for d in found if d.severity == "error"]
    expect = case["expect"]
    if expect["valid"]:
        assert errors == [], f"a valid request got errors: {errors}"
        return
    assert errors, "an invalid request got no error"
    same_kind = [d for d in errors if (d.status, d.error_type) == (expect["status"], expect["error_type"])]
    assert same_kind, f"no error with {expect['status']} {expect['error_type']}: {errors}"
    at_path = [d for d in same_kind if d.path == want_path]
    assert at_path, f"no error at {want_path!r}: {same_kind}"
    if expect.get("message") is not None:
        assert any(d.api_message == expect["message"] for d in at_path), f"message differs: {at_path}"
    assert len(same_kind) == len(errors), f"errors about something else: {[d for d in errors if d not in same_kind]}"
    # check() must raise with the API-shaped body of an error at the expected place
    with pytest.raises(claude_lint.RequestInvalid) as raised:
        claude_lint.check(body, endpoint=endpoint, **options)
    assert raised.value.status == expect["status"]


@pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="the shared conformance set is not beside the repository")
def test_copy_matches_the_shared_set():
    ours = {p.name: p.read_bytes() for p in CASES_DIR.glob("*.json")}
    theirs = {p.name: p.read_bytes() for p in SHARED_DIR.glob("*.json")}
    assert ours == theirs, "tests/conformance/cases differs from ../shared/conformance/cases; copy it again"
