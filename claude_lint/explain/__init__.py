"""``claude-lint explain``: from an API error back to the rule that predicts it.

    >>> from claude_lint.explain import explain
    >>> e = explain("messages: text content blocks must be non-empty")
    >>> [m.code for m in e.matches]
    ['CL203']

The input may be the message, the whole error body, or a log line holding one (see
``extract.py``). The message is matched against the templates of every rule (``templates.py``)
and of the API messages no rule predicts (``known.py``); indices, ids, numbers and model names
are wildcards. A status without a message (``529``, ``Error code: 429``) gets what the status
means for this API and whether and how to retry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .extract import Found, errors_in, residue, status_in
from .known import KNOWN, STATUSES, Status
from .matching import Template, match_all, match_in
from .templates import HINTS, TEMPLATES

__all__ = ["explain", "Explanation", "Match", "TEMPLATE_INDEX", "render_text", "to_dict"]

TEMPLATE_INDEX = tuple(
    [Template(text, code=code) for code, texts in TEMPLATES.items() for text in texts]
    + [Template(text, known=i) for i, known in enumerate(KNOWN) for text in known.templates]
)


@dataclass(frozen=True)
class Match:
    """One rule (``code``) or known API message (``code`` None) the message is an instance of."""

    code: Optional[str]
    title: str
    template: str
    values: dict
    status: Optional[int]
    error_type: Optional[str]
    meaning: str
    here: Optional[str]  # what the values say about this request
    details: str
    fix: str
    lint: tuple  # the rule codes to lint for
    offline: Optional[str]  # None: claude-lint checks it; else what it can and cannot check
    severity: Optional[str] = None
    evidence: Optional[str] = None


@dataclass(frozen=True)
class Explanation:
    input: str
    status: Optional[int]
    error_type: Optional[str]
    message: Optional[str]
    matches: tuple = ()
    status_info: Optional[Status] = None
    request_id: Optional[str] = None
    error_code: Optional[str] = None
    proxy: bool = False

    @property
    def matched(self) -> bool:
        """Something explains the error: a template, or a status that says it all."""
        if self.matches:
            return True
        if self.status_info is None:
            return False
        return self.message is None or self.status_info.message_free


def explain(text: str) -> Explanation:
    """What the API error in ``text`` means, which rules predict it, and how to fix or retry it."""
    text_status, text_type = status_in(text)
    errors = errors_in(text)
    for error in errors:
        hits = match_all(TEMPLATE_INDEX, error.message) or match_in(TEMPLATE_INDEX, error.message)
        if hits:
            return _build(text, error, hits, text_status, text_type)
    if errors:
        return _build(text, errors[0], [], text_status, text_type)
    hits = match_in(TEMPLATE_INDEX, text)
    if not hits:
        for line in text.splitlines():
            hits = match_in(TEMPLATE_INDEX, line)
            if hits:
                break
    # Without a body, the text is the message unless it only names a status (`Error code: 529`).
    message = text.strip() if hits or residue(text) else None
    return _build(text, Found(None, None, message), hits, text_status, text_type)


def _build(text, error: Found, hits, text_status, text_type) -> Explanation:
    status = text_status or error.status
    matches = _matches(hits)
    if status is None and matches:
        status = matches[0].status
    if status is not None:
        # the matches the status agrees with come first
        matches = sorted(matches, key=lambda m: m.status is not None and m.status != status)
    error_type = error.error_type or text_type or (STATUSES[status].error_type if status in STATUSES else None)
    return Explanation(
        input=text, status=status, error_type=error_type, message=error.message, matches=tuple(matches),
        status_info=STATUSES.get(status), request_id=error.request_id, error_code=error.error_code,
        proxy=error.proxy,
    )


def _matches(hits) -> list:
    seen, result = set(), []
    for hit in hits:
        template = hit.template
        key = template.code or ("known", template.known)
        if key in seen:
            continue
        seen.add(key)
        result.append(_rule_match(hit) if template.code else _known_match(hit))
    return result


def _rule_match(hit) -> Match:
    from .. import rules

    rule = rules.RULES[hit.template.code]
    details, fix = _docs_parts(rule.docs)
    hint = HINTS.get(rule.code)
    try:
        here = hint.format_map(hit.values) if hint else None
    except (KeyError, IndexError, ValueError):
        here = None
    return Match(
        code=rule.code, title=rule.name, template=hit.template.text, values=hit.values,
        status=rule.status or 400, error_type=rule.error_type or "invalid_request_error",
        meaning=rule.summary, here=here, details=details, fix=fix, lint=(rule.code,), offline=None,
        severity=rule.severity, evidence=rule.evidence,
    )


def _known_match(hit) -> Match:
    known = KNOWN[hit.template.known]
    related = tuple(dict.fromkeys(known.related + _quoting_rules(known.quote)))
    return Match(
        code=None, title=known.title, template=hit.template.text, values=hit.values, status=known.status,
        error_type=known.error_type, meaning=known.meaning, here=None, details=known.causes, fix=known.fix,
        lint=related, offline=known.offline, evidence=known.source,
    )


def _quoting_rules(quote: Optional[str]) -> tuple:
    """Rules whose docs quote ``quote``: the rules written for that API message."""
    if not quote:
        return ()
    from .. import rules

    wanted = _flat(quote)
    return tuple(r.code for r in rules.RULES.values() if wanted in _flat(r.docs))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _docs_parts(docs: str) -> tuple:
    """``(details, fix)`` of a rule's docs: the paragraphs between the summary and the examples."""
    details, fix = [], ""
    for paragraph in re.split(r"\n\s*\n", docs)[1:]:
        lines = [line for line in paragraph.strip().splitlines() if not line.startswith(("Bad:", "Good:"))]
        text = " ".join(line.strip() for line in lines).strip()
        if not text:
            continue
        if text.startswith("Fix:"):
            fix = text[4:].strip()
        elif not fix:
            details.append(text)
    return " ".join(details), fix


# --- output ---------------------------------------------------------------------------------

def to_dict(e: Explanation) -> dict:
    status = None
    if e.status_info is not None:
        s = e.status_info
        status = {"status": s.status, "error_type": s.error_type, "meaning": s.meaning, "retry": s.retry,
                  "how": s.how, "related": list(s.related)}
    return {
        "matched": e.matched,
        "status": e.status,
        "error_type": e.error_type,
        "message": e.message,
        "request_id": e.request_id,
        "error_code": e.error_code,
        "proxy": e.proxy,
        "matches": [
            {"code": m.code, "title": m.title, "template": m.template, "values": m.values, "status": m.status,
             "error_type": m.error_type, "meaning": m.meaning, "here": m.here, "details": m.details,
             "fix": m.fix, "lint": list(m.lint), "checked_offline": m.offline is None, "offline": m.offline,
             "severity": m.severity, "evidence": m.evidence}
            for m in e.matches
        ],
        "status_info": status,
    }


def render_text(e: Explanation, width: int = 100) -> str:
    import textwrap

    out = []

    def field_(label: str, text: Optional[str]) -> None:
        if text:
            out.append(textwrap.fill(text, width, initial_indent=f"  {label:<9}", subsequent_indent=" " * 11))

    head = " ".join(str(x) for x in (e.status, e.error_type) if x)
    if head or e.request_id:
        out.append((head or "API error") + (f" (request_id {e.request_id})" if e.request_id else ""))
    if e.message:
        out.append(textwrap.shorten(re.sub(r"\s+", " ", e.message), 600, placeholder=" ..."))
    if e.proxy:
        out.append("This body comes from a proxy or gateway (FastAPI-style `detail`), not from the Claude API.")
    for m in e.matches:
        out.append("")
        if m.code:
            out.append(f"{m.code} {m.title}: {m.meaning}")
        else:
            kind = f"{m.status} {m.error_type}" if m.status else "not an API error"
            out.append(f"Known API message ({kind}): {m.title}")
            field_("Means:", m.meaning)
        field_("Here:", m.here)
        field_("Causes:" if not m.code else "Details:", m.details)
        field_("Fix:", m.fix)
        if m.offline:
            field_("Offline:", m.offline)
        if m.lint:
            out.append(f"  {'Lint:':<9}claude-lint --select {','.join(m.lint)} request.json")
    s = e.status_info
    if s is not None:
        out.append("")
        retry = {"yes": "retry", "no": "do not retry", "depends": "retry once the cause is resolved"}[s.retry]
        out.append(f"Status {s.status}" + (f" {s.error_type}" if s.error_type else "") + f": {retry}.")
        if any(m.code for m in e.matches) and not s.message_free:
            out[-1] += " The same request fails again: fix it (the rule above says how)."
        else:
            if not e.matches or all(m.code is None for m in e.matches):
                field_("Means:", s.meaning)
            field_("How:", s.how)
        if e.error_code == "enforced_spend_limit_reached":
            field_("Note:", "error_code enforced_spend_limit_reached: the tier's monthly spend cap; retrying does "
                            "not help until the next month or a higher tier.")
    if not e.matched:
        out.append("")
        out.append("No rule or known API message matches this" + (" message." if e.message else " text."))
    return "\n".join(out).strip("\n") + "\n"
