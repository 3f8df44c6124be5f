"""What a rule is: a small function with a stable code, a name, a severity, docs and evidence.

A rule module defines functions decorated with :func:`rule`; the function's docstring is the
rule's documentation (``claude-lint rule CODE`` prints it). The function takes the check
:class:`~claude_lint.checking.context.Context` and yields :class:`Finding` objects; the engine turns
them into :class:`~claude_lint.diagnostic.Diagnostic` records carrying the rule's metadata.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Callable, Iterable, Optional

from ..diagnostic import ERROR, WARNING, Loc

INVALID_REQUEST = (400, "invalid_request_error")
NOT_FOUND = (404, "not_found_error")
TOO_LARGE = (413, "request_too_large")


# The bodies a rule applies to by default: a Messages request, a token-counting request, and the
# params of one batch request. "batch" (the batch create body itself) is opt-in.
REQUEST_SCOPES = ("messages", "count_tokens", "batch_params")
# The bodies that have generation parameters (temperature, top_p, top_k, max_tokens, stream);
# the token-counting body has none of them, so its schema already rejects them as extra inputs.
GENERATION_SCOPES = ("messages", "batch_params")


class Phase(IntEnum):
    """The order in which the API checks a request (api-rules §1.4); findings are sorted by it."""

    HEADERS = -1  # the HTTP request itself: path, credential, anthropic-version, anthropic-beta
    SIZE = 0  # the front door measures the body before reading it
    SCHEMA = 1  # missing, extra, mistyped fields
    MODEL = 2  # model lookup (404)
    SEMANTIC = 3  # conversation structure, tools, thinking, caching
    ADVISORY = 4  # never an API error: costs, deprecations, style


# Marks a Finding field that takes the rule's value.
INHERIT = "inherit"


@dataclass(frozen=True)
class Finding:
    """One problem a rule found. ``loc`` is relative to the request the rule was given."""

    loc: Loc
    message: str
    api_message: Optional[str] = None
    fix: Optional[str] = None
    severity: Optional[str] = None  # None: the rule's default
    status: object = INHERIT  # an int, None (no API error predicted), or the rule's
    error_type: object = INHERIT
    edit: object = None  # an automatic fix (claude_lint.fix.Edit), when one is certain enough


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    phase: Phase
    summary: str
    docs: str
    source: str
    check: Optional[Callable]  # None: the findings come from the request models (schema rules)
    status: Optional[int] = 400
    error_type: Optional[str] = "invalid_request_error"
    endpoints: frozenset = frozenset(REQUEST_SCOPES)
    evidence: str = "I"  # O observed, O2 observed second-hand, D documented, I inferred (api-rules §0.1)
    # Top-level keys of which at least one must be in the body for the rule to have anything to
    # check; empty: always run. Most requests use few features, so most rules are skipped outright.
    needs: frozenset = frozenset()
    # A cheap test on the request shared by a group of rules (has it any media? any tool block?);
    # the engine asks it once per request and skips the whole group when it is false.
    when: Optional[Callable] = None

    @property
    def area(self) -> str:
        return AREAS[self.code[2]]

    def run(self, ctx) -> Iterable[Finding]:
        return self.check(ctx) or () if self.check else ()


AREAS = {
    "0": "internal", "1": "schema", "2": "messages and content", "3": "tools", "4": "thinking and effort",
    "5": "prompt caching", "6": "models and limits", "7": "batches and token counting",
    "8": "parameters and outputs", "9": "API versions and headers",
}
GRADES = ("O", "O2", "D", "I", "-")
_GRADE_WORDS = (("observed second-hand", "O2"), ("observed", "O"), ("documented", "D"), ("inferred", "I"))


def _grade_of(source: str) -> Optional[str]:
    """The evidence grade a source string states, e.g. "api-rules.md §5 G1 (observed: ...)"."""
    lowered = source.lower()
    found = [(lowered.find(word), -len(word), grade) for word, grade in _GRADE_WORDS if word in lowered]
    return min(found)[2] if found else None


_CODE = re.compile(r"^CL\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def rule(
    code: str,
    name: str,
    *,
    severity: str = ERROR,
    phase: Phase = Phase.SEMANTIC,
    source: str,
    api=INVALID_REQUEST,
    endpoints=REQUEST_SCOPES,
    evidence: Optional[str] = None,
    needs=(),
    when: Optional[Callable] = None,
):
    """Declare a rule. The decorated function's docstring is its docs; its first line the summary."""
    assert _CODE.match(code), code
    assert _NAME.match(name), name
    assert severity in (ERROR, WARNING), severity

    grade = evidence or _grade_of(source)
    assert grade in GRADES, f"{code}: state the evidence grade (evidence=...) or name it in source"

    def wrap(fn: Optional[Callable], docs: Optional[str] = None) -> Rule:
        docs = inspect.cleandoc(docs or fn.__doc__ or "")
        assert docs, f"{code} has no docs"
        status, error_type = api if api else (None, None)
        return Rule(
            code=code,
            name=name,
            severity=severity,
            phase=phase,
            summary=docs.splitlines()[0],
            docs=docs,
            source=source,
            check=fn,
            status=status,
            error_type=error_type,
            endpoints=frozenset(endpoints),
            evidence=grade,
            needs=frozenset(needs),
            when=when,
        )

    return wrap


def declare(code: str, name: str, docs: str, **options) -> Rule:
    """A rule whose findings another stage produces (the request models); it still has a code,
    a name and docs, so it can be selected, ignored and explained like any other."""
    return rule(code, name, **options)(None, docs)


def collect(namespace: dict) -> list:
    """The rules a module defines, in definition order."""
    return [value for value in namespace.values() if isinstance(value, Rule)]


def warn(loc: Loc, message: str, **kwargs) -> Finding:
    return Finding(loc, message, severity=WARNING, **kwargs)
