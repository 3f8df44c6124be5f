"""CL90x: what the ``anthropic-version`` changes (api-version-2026-10-21.md §1).

Each rule asks the version records in ``data/versions.py``; under ``2023-06-01`` a body that
``2026-10-21`` rejects gets a warning naming the version that breaks it.
"""
from __future__ import annotations

from ..checking.context import blocks, messages
from .. import fix
from ..data.versions import VERSIONS
from ..data.betas import BETA_FIELDS
from .base import Finding, Phase, rule, warn

# Keys some API version removed: only a body with one of them has anything for CL901 to check.
_REMOVED_SOMEWHERE = frozenset().union(*(v.removed_fields for v in VERSIONS.values()))
_SOURCE = "api-version-2026-10-21.md §1 (MIG, VER; QIITA live test)"


@rule("CL901", "removed-in-api-version", needs=sorted(_REMOVED_SOMEWHERE), evidence="O2", phase=Phase.SCHEMA, source=_SOURCE + " V1-V3",
      endpoints=("messages", "batch_params"))
def removed_in_api_version(ctx):
    """`temperature`, `top_p` or `top_k` under `anthropic-version: 2026-10-21`.

    API version 2026-10-21 (sent by default by Python SDK 2.x, TypeScript SDK 1.x and every other
    new SDK major) removed the three sampling parameters from the request schema. Any value, even
    the default, is answered with `temperature: Extra inputs are not permitted` (observed). Under
    2023-06-01 the request still works; claude-lint warns so the SDK upgrade does not surprise you.

    Fix: remove the key; if you really need non-default sampling on a model that still takes it,
    pin `anthropic-version: 2023-06-01` for that call.

    Bad:  {"model": "claude-sonnet-4-6", "temperature": 0.2, ...} with 2026-10-21
    Good: {"model": "claude-sonnet-4-6", ...}
    """
    if not isinstance(ctx.body, dict):
        return
    for key in ctx.body:  # the API names the first extra key in body order
        if key not in _REMOVED_SOMEWHERE:
            continue
        verdict = ctx.version_verdict(lambda v, key=key: key in v.removed_fields)
        if verdict is None:
            continue
        severity, note = verdict
        message = f"`{key}` is not part of the request schema under API version {ctx.version.name}"
        if note:
            message = f"`{key}` {note}"
        yield Finding((key,), message, api_message=f"{key}: Extra inputs are not permitted" if not note else None,
                      severity=severity, fix=f"remove `{key}`", edit=fix.remove((key,), f"remove `{key}`", safe=False),
                      status=None if note else 400, error_type=None if note else "invalid_request_error")


def _has_assistant_documents(ctx) -> bool:
    return "document" in ctx.census.by_role.get("assistant", ())


def _may_have_user_citations(ctx) -> bool:
    census = ctx.census
    return "citations" in census.keys or "search_result" in census.by_role.get("user", ())


@rule("CL902", "assistant-document-block", when=_has_assistant_documents, evidence="D", source=_SOURCE + " V4")
def assistant_document_block(ctx):
    """A `document` block directly in an assistant message, under `anthropic-version: 2026-10-21`.

    API version 2026-10-21 rejects documents placed directly in an assistant turn (400; the exact
    text is not captured). Documents nested in other blocks (a web-fetch result Claude produced)
    and documents in user messages are fine.

    Fix: move the document into a user message.

    Bad:  {"role": "assistant", "content": [{"type": "document", ...}]}
    Good: {"role": "user", "content": [{"type": "document", ...}, {"type": "text", "text": "..."}]}
    """
    verdict = ctx.version_verdict(lambda v: v.rejects_assistant_documents)
    if verdict is None:
        return
    severity, note = verdict
    for n, message in ctx.view(messages):
        if message.get("role") != "assistant":
            continue
        for m, block in blocks(message.get("content")):
            if block.get("type") == "document":
                yield _versioned(("messages", n, "content", m), "a document block directly in an assistant message",
                                 severity, note, ctx, fix="move the document into a user message")


@rule("CL903", "user-text-citations", when=_may_have_user_citations, evidence="D", source=_SOURCE + " V5")
def user_text_citations(ctx):
    """A user `text` block carries a non-empty `citations` list, under `anthropic-version: 2026-10-21`.

    API version 2026-10-21 rejects citations on text in user messages, directly or inside a
    `search_result` block (400; text not captured). Citations on assistant text (Claude's earlier
    answers sent back) and the `citations: {"enabled": true}` switch on documents are fine.

    Fix: drop `citations` from user text blocks.

    Bad:  {"role": "user", "content": [{"type": "text", "text": "...", "citations": [{...}]}]}
    Good: {"role": "user", "content": [{"type": "text", "text": "..."}]}
    """
    verdict = ctx.version_verdict(lambda v: v.rejects_user_citations)
    if verdict is None:
        return
    severity, note = verdict
    for n, message in ctx.view(messages):
        if message.get("role") != "user":
            continue
        for m, block in blocks(message.get("content")):
            nested = blocks(block.get("content")) if block.get("type") == "search_result" else ()
            candidates = [(("messages", n, "content", m), block)]
            candidates += [(("messages", n, "content", m, "content", k), inner) for k, inner in nested]
            for loc, text_block in candidates:
                if text_block.get("type") == "text" and isinstance(text_block.get("citations"), list) and text_block["citations"]:
                    yield _versioned(loc + ("citations",), "citations on a text block of a user message",
                                     severity, note, ctx, fix="remove `citations` from the user text block")


def _versioned(loc, what, severity, note, ctx, fix):
    if note:
        return Finding(loc, f"{what} {note}", severity=severity, fix=fix, status=None, error_type=None)
    return Finding(loc, f"{what} is rejected under API version {ctx.version.name}", severity=severity, fix=fix)


@rule("CL951", "beta-field", needs=tuple(BETA_FIELDS), severity="warning", phase=Phase.SCHEMA, api=None, evidence="O2",
      endpoints=("messages", "count_tokens", "batch_params"),
      source="api-rules.md §2 H8 (observed second-hand: Claude Code gateway docs); api-version-2026-10-21.md §5 VN10")
def beta_field(ctx):
    """A body field that exists only behind an `anthropic-beta` header.

    Without the header the API answers `<field>: Extra inputs are not permitted` (H8), a schema
    error. Given the body alone, claude-lint cannot tell whether the header is sent, so this is a
    reminder (warning). Given the request's headers (`validate(..., headers=...)`, a HAR capture,
    the SDK guard) it is the API's error when none of the betas that enable the field is sent.
    For a field whose beta name is not public, only a request with no `anthropic-beta` at all is
    certainly rejected.

    Fix: send the beta header named in the finding with the request (SDK: the `betas=[...]`
    argument of `client.beta.messages.create`), or remove the field.

    Bad:  {"context_management": {...}} sent without `anthropic-beta: context-management-2025-06-27`
    Good: the same body with that header
    """
    from ..data.betas import FIELD_BETAS

    if not isinstance(ctx.body, dict):
        return
    sent = set(ctx.betas)
    for key, header in BETA_FIELDS.items():
        if key not in ctx.body:
            continue
        enabling = FIELD_BETAS.get(key) or ((header,) if header else ())
        needs = f"the `anthropic-beta: {header}` header" if header else "its beta header"
        rejected = ctx.headers is not None and (sent.isdisjoint(enabling) if enabling else not sent)
        if rejected:
            yield Finding((key,), f"`{key}` is a beta field, and the request does not send {needs}",
                          api_message=f"{key}: Extra inputs are not permitted", severity="error", status=400,
                          error_type="invalid_request_error", fix=f"send {needs}, or remove `{key}`")
        elif ctx.headers is None or not enabling:
            yield warn((key,), f"`{key}` is a beta field: it is accepted only with {needs}",
                       fix=f"send {needs}, or remove `{key}`")
