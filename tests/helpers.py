"""Small builders shared by the rule tests."""
from __future__ import annotations

import copy

import claude_lint


def request(**overrides) -> dict:
    """A minimal valid Messages request; keyword arguments replace or add top-level keys
    (``None`` removes the key)."""
    body = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 256,
        "messages": [{"role": "user", "content": "Hello"}],
    }
    for key, value in overrides.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def user(content) -> dict:
    return {"role": "user", "content": content}


def assistant(content) -> dict:
    return {"role": "assistant", "content": content}


def lint(body, **options) -> list:
    """``validate`` that also asserts the input was not modified."""
    before = copy.deepcopy(body)
    diagnostics = claude_lint.validate(body, **options)
    assert body == before, "validate() modified its input"
    return diagnostics


def errors(body, **options) -> list:
    return [d for d in lint(body, **options) if d.severity == "error"]


def codes(body, **options) -> list:
    """The codes of every finding, errors and warnings, in order."""
    return [d.code for d in lint(body, **options)]


def error_codes(body, **options) -> list:
    return [d.code for d in errors(body, **options)]


def only(body, code, **options):
    """The single finding of ``code``; fails if there is not exactly one."""
    found = [d for d in lint(body, **options) if d.code == code]
    assert len(found) == 1, f"expected one {code}, got {found!r}"
    return found[0]
