"""CL70x: Message Batches, token counting, and `max_tokens: 0` (api-rules §15, §3 T6).

Batch-scope rules (``endpoints=("batch",)``) see the whole create body; params rules
(``("batch_params",)``) see one request's ``params`` and their paths get the engine's
``requests.<K>.params`` prefix. Duplicate `custom_id` detection is a small pure piece,
:class:`CustomIdTracker`, so that the CLI can find duplicates across the lines of a ``.jsonl``
file while holding one line at a time.
"""
from __future__ import annotations

from ..diagnostic import value_text

from typing import Iterable, Iterator, NamedTuple, Optional

from .base import Finding, rule, warn
from .media import has_media, media_blocks

REQUESTS_DOCUMENTED_LIMIT = 10_000  # the API reference's "1 - 10000 elements" (§17 item 1)


class DuplicateCustomId(NamedTuple):
    """``custom_id`` seen at ``position`` was already used at ``first``."""

    custom_id: str
    position: object
    first: object


_UNSEEN = object()


class CustomIdTracker:
    """Remembers each `custom_id` and where it was first seen.

    ``add(position, custom_id)`` returns a :class:`DuplicateCustomId` when the id was used before
    (always naming its first position), else ``None``. Positions are whatever the caller uses: an
    index into ``requests``, a line number. Non-string ids are ignored (a schema error already).
    Memory is one entry per distinct id (at most 64 characters each).
    """

    __slots__ = ("_first",)

    def __init__(self) -> None:
        self._first: dict = {}

    def add(self, position: object, custom_id) -> Optional[DuplicateCustomId]:
        if not isinstance(custom_id, str):
            return None
        first = self._first.get(custom_id, _UNSEEN)
        if first is _UNSEEN:
            self._first[custom_id] = position
            return None
        return DuplicateCustomId(custom_id, position, first)

    def __len__(self) -> int:
        return len(self._first)


def duplicate_custom_ids(pairs: Iterable[tuple[object, object]]) -> Iterator[DuplicateCustomId]:
    """Every repeated `custom_id` in ``(position, custom_id)`` pairs, in order, lazily."""
    tracker = CustomIdTracker()
    for position, custom_id in pairs:
        duplicate = tracker.add(position, custom_id)
        if duplicate is not None:
            yield duplicate


def duplicate_custom_id_finding(duplicate: DuplicateCustomId, loc: tuple, *, later: str, first: str) -> Finding:
    """The finding for one duplicate; ``later``/``first`` name the two places for a human
    (``"requests.2"`` / ``"requests.0"`` here, ``"line 3"`` / ``"line 1"`` in the CLI)."""
    return Finding(loc, f"custom_id {value_text(duplicate.custom_id)} at {later} is already used at {first}; "
                   "each request of a batch needs a unique custom_id",
                   fix="give every request its own custom_id (results come back by custom_id, in any order)")


@rule("CL701", "duplicate-custom-id", needs=('requests',), endpoints=("batch",),
      source="api-rules.md §15 B5 (documented: SDK docstring \"must be unique\", batch guide)")
def duplicate_custom_id(ctx):
    """Two requests of one batch have the same `custom_id`.

    Results come back in any order and are matched to requests by `custom_id`, so each must be
    unique within the batch; the API rejects the batch (400; the exact text is not captured). The
    later request is reported, with the position of the first.

    Fix: make the ids unique, e.g. by appending the row number.

    Bad:  {"requests": [{"custom_id": "q-1", ...}, {"custom_id": "q-1", ...}]}
    Good: {"requests": [{"custom_id": "q-1", ...}, {"custom_id": "q-2", ...}]}
    """
    requests = ctx.get("requests")
    if not isinstance(requests, list):
        return
    pairs = ((k, item.get("custom_id")) for k, item in enumerate(requests) if isinstance(item, dict))
    for duplicate in duplicate_custom_ids(pairs):
        yield duplicate_custom_id_finding(duplicate, ("requests", duplicate.position, "custom_id"),
                                          later=f"requests.{duplicate.position}", first=f"requests.{duplicate.first}")


@rule("CL702", "batch-too-many-requests", needs=('requests',), severity="warning", endpoints=("batch",), api=None,
      source="api-rules.md §15 B2, §17 item 1 (documented, conflicting: 100,000 in the guide, 10,000 in the API reference)")
def batch_too_many_requests(ctx):
    """A batch with more than 10,000 requests.

    The batch guide allows 100,000 requests (or 256 MB) per batch, while the API reference page
    shows `requests` as `1 - 10000 elements`. Above 100,000 the schema rejects the body (CL107);
    between the two numbers this is a warning.

    Fix: if the create call is refused, split the requests into batches of 10,000.

    Bad:  {"requests": [<20,000 requests>]}
    Good: {"requests": [<10,000 requests>]} twice
    """
    requests = ctx.get("requests")
    if isinstance(requests, list) and REQUESTS_DOCUMENTED_LIMIT < len(requests) <= 100_000:
        yield too_many_requests_finding(len(requests), ("requests",))


def too_many_requests_finding(count: int, loc: tuple) -> Finding:
    """CL702's finding, for a create body's ``requests`` or the lines of a ``.jsonl`` file."""
    return warn(loc, f"the batch has {count:,} requests; the API reference documents at most "
                f"{REQUESTS_DOCUMENTED_LIMIT:,} (the batch guide says 100,000)",
                fix=f"split the batch into batches of at most {REQUESTS_DOCUMENTED_LIMIT:,} requests")


@rule("CL703", "batch-stream", needs=('stream',), endpoints=("batch_params",),
      source="api-rules.md §15 B7 (documented: SDK MessageCreateParamsNonStreaming, batch guide)")
def batch_stream(ctx):
    """`stream: true` in the params of a batch request.

    Batch requests run asynchronously and their results are fetched later, so the params type is
    the non-streaming one; the batch guide lists `stream` as unsupported (400; text not
    captured). `stream: false` is harmless.

    Fix: remove `stream` from the params.

    Bad:  {"custom_id": "a", "params": {"model": "claude-haiku-4-5", "max_tokens": 256, "stream": true, ...}}
    Good: {"custom_id": "a", "params": {"model": "claude-haiku-4-5", "max_tokens": 256, ...}}
    """
    if ctx.get("stream") is True:
        yield Finding(("stream",), "`stream: true` is not supported inside a batch request", fix="remove `stream` from the params")


@rule("CL704", "batch-max-tokens-zero", needs=('max_tokens',), endpoints=("batch_params",),
      source="api-rules.md §3 T6, §15 B8 (documented: batch guide; conformance README \"Era\")")
def batch_max_tokens_zero(ctx):
    """`max_tokens: 0` in the params of a batch request.

    `max_tokens: 0` (cache pre-warming, accepted on `/v1/messages` since 2026-04) is not supported
    in Message Batches, where `max_tokens` must be at least 1 (batch guide; 400, text not
    captured). Pre-warming a cache for a batch is done with one ordinary Messages call instead.

    Fix: set `max_tokens` to at least 1, or warm the cache with a synchronous request.

    Bad:  {"custom_id": "warm", "params": {"max_tokens": 0, ...}}
    Good: {"custom_id": "job-1", "params": {"max_tokens": 1024, ...}}
    """
    value = ctx.get("max_tokens")
    if value == 0 and not isinstance(value, bool):
        yield Finding(("max_tokens",), "`max_tokens: 0` (cache pre-warming) is not supported inside a batch",
                      fix="set `max_tokens` to at least 1; pre-warm the cache with a regular Messages call")


@rule("CL705", "batch-fast-mode", needs=('speed',), evidence="D", severity="warning", endpoints=("batch_params",),
      source="batch guide and pricing notes as quoted second-hand (\"stream, speed and max_tokens: 0 are not supported in batches\"; fast mode \"does not work with Batch\")")
def batch_fast_mode(ctx):
    """`speed: "fast"` in the params of a batch request.

    Fast mode is a first-party, synchronous option; the batch guide is quoted as listing `speed`
    among the parameters batches do not support. No capture shows the API's answer, so this is a
    warning.

    Fix: drop `speed` from batch params; batches are priced for throughput, not latency.

    Bad:  {"custom_id": "a", "params": {"speed": "fast", ...}}
    Good: {"custom_id": "a", "params": {...}}
    """
    if ctx.get("speed") == "fast":
        yield warn(("speed",), "fast mode (`speed: \"fast\"`) is not supported inside a batch", fix="remove `speed` from the params")


# What max_tokens 0 cannot be combined with on /v1/messages: key -> test on the body
def _forced_tool_choice(body) -> bool:
    choice = body.get("tool_choice")
    return isinstance(choice, dict) and choice.get("type") in ("any", "tool")


def _thinking_enabled(body) -> bool:
    thinking = body.get("thinking")
    return isinstance(thinking, dict) and thinking.get("type") == "enabled"


def _structured_output(body) -> bool:
    config = body.get("output_config")
    return (isinstance(config, dict) and config.get("format") is not None) or body.get("output_format") is not None


_PREWARM_CONFLICTS = (
    ("stream", "`stream: true`", lambda body: body.get("stream") is True),
    ("thinking", "`thinking.type: \"enabled\"`", _thinking_enabled),
    ("tool_choice", "a forced `tool_choice` (`any` or `tool`)", _forced_tool_choice),
    ("output_config", "structured outputs (`output_config.format`)", _structured_output),
)


@rule("CL706", "max-tokens-zero-conflict", needs=('max_tokens',), evidence="D", endpoints=("messages",),
      source="api-rules.md §3 T6; prompt-caching / cost guide as quoted second-hand (\"max_tokens: 0 is rejected with stream: true, "
             "thinking.type: enabled, structured outputs, forced tool_choice, and inside batches\"); conformance README \"Era\"")
def max_tokens_zero_conflict(ctx):
    """`max_tokens: 0` combined with streaming, extended thinking, forced tool use or structured outputs.

    Since 2026-04 `/v1/messages` accepts `max_tokens: 0` to write the prompt cache without
    generating anything (cache pre-warming). A call that cannot produce output cannot stream,
    think with a budget, be forced to call a tool, or fill an output schema: the docs list
    `stream: true`, `thinking.type: "enabled"`, a forced `tool_choice` and structured outputs as
    rejected with it (400; text not captured). Adaptive thinking is not on that list.

    Fix: drop the conflicting option from the pre-warming call (keep everything that is part of
    the cached prefix — tools, system, messages — identical to the real calls).

    Bad:  {"max_tokens": 0, "stream": true, ...}
    Good: {"max_tokens": 0, ...}
    """
    value = ctx.get("max_tokens")
    if value != 0 or isinstance(value, bool) or not isinstance(ctx.body, dict):
        return
    for key, label, present in _PREWARM_CONFLICTS:
        if present(ctx.body):
            yield Finding(("max_tokens",), f"`max_tokens: 0` (cache pre-warming) cannot be combined with {label}",
                          fix=f"remove `{key}` from the pre-warming request, or set `max_tokens` to at least 1")
            return  # the API reports one problem


@rule("CL707", "count-tokens-remote-source", when=has_media, evidence="D", severity="warning", endpoints=("count_tokens",),
      source="token-counting docs as summarised second-hand (\"rejects url and file image or document sources\")")
def count_tokens_remote_source(ctx):
    """An image or document sent by `url` or `file_id` to the token-counting endpoint.

    The token-counting page is reported to reject `url` and `file` sources: the endpoint counts
    what is in the body and does not fetch. No capture shows the answer, so this is a warning.

    Fix: count with the base64 content, or count the rest of the request and add an estimate
    (about width x height / 750 tokens per image).

    Bad:  {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
    Good: {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "..."}}
    """
    for media in ctx.view(media_blocks):
        kind = media.source.get("type")
        if kind in ("url", "file"):
            yield warn(media.loc + ("source", "type"), f"token counting may not accept a `{kind}` {media.type} source",
                       fix="send the content as base64 for counting")
