"""CL50x: prompt caching — breakpoint count, automatic caching, TTL order, empty blocks (api-rules §12).

`cache_control` on thinking blocks (TH13 / C5) is a schema error (CL102); the minimum cacheable
prefix (C6) is not an error at all (nothing is cached), so neither has a rule here.
"""
from __future__ import annotations

from typing import Iterator

from ..checking.context import blocks, has_blank_text
from .base import Finding, rule

MAX_BREAKPOINTS = 4
_NESTING = 3  # tool_result > search_result > text is the deepest place a marker can sit


def _marked(block) -> bool:
    return isinstance(block.get("cache_control"), dict)


def _nested(block, loc, depth):
    """Markers inside a block's own content (tool_result, search_result, content documents), which
    the prefix reaches before the block's own marker."""
    if depth >= _NESTING:
        return
    source = block.get("source")
    places = ((loc + ("content",), block.get("content")),
              (loc + ("source", "content"), source.get("content") if isinstance(source, dict) else None))
    for where, content in places:
        for k, inner in blocks(content):
            yield from _nested(inner, where + (k,), depth + 1)
            if _marked(inner):
                yield where + (k,), inner["cache_control"]


def breakpoints(ctx) -> Iterator[tuple]:
    """``(loc, cache_control)`` for every explicit marker, in the order the API processes them:
    `tools`, then `system`, then `messages` (api-rules C2). Of the message blocks, only those the
    census found able to hold one (their own marker, or content of their own) are looked at."""
    body = ctx.body
    tools = body.get("tools") if isinstance(body, dict) else None
    for i, tool in blocks(tools):
        if _marked(tool):
            yield ("tools", i), tool["cache_control"]
    system = body.get("system") if isinstance(body, dict) else None
    for k, block in blocks(system):
        if _marked(block):
            yield ("system", k), block["cache_control"]
    for n, m, block in ctx.census.cache_places:
        if "content" in block or "source" in block:
            yield from _nested(block, ("messages", n, "content", m), 0)
        if _marked(block):
            yield ("messages", n, "content", m), block["cache_control"]


def _automatic(ctx) -> bool:
    return isinstance(ctx.get("cache_control"), dict)


def has_breakpoints(ctx) -> bool:
    census = ctx.census
    # a marker sits on a tool, a system block or a message block, or inside a block's content
    if "cache_control" not in census.keys and not census.cache_places:
        return False
    return bool(ctx.derived(breakpoints))


@rule("CL501", "too-many-cache-breakpoints", when=has_breakpoints,
      source="api-rules.md §12 C1 (observed second-hand: fix:55806737749, fix:70103638696, copilot-cli#4185)")
def too_many_cache_breakpoints(ctx):
    """More than 4 blocks carry `cache_control`.

    Tools, system blocks and message blocks (including blocks nested in `tool_result` content)
    together may carry at most 4 cache breakpoints. The API answers `A maximum of 4 blocks with
    cache_control may be provided. Found <n>.` (observed second-hand). Whether top-level automatic
    caching adds one to that count is not confirmed, so no text is predicted when it is also set.

    Fix: keep the 4 breakpoints that end the longest stable prefixes (last tool, last system
    block, the latest turns) and drop the others.

    Bad:  five message blocks each with {"cache_control": {"type": "ephemeral"}}
    Good: four of them with cache_control, the fifth without
    """
    count = sum(1 for _ in ctx.derived(breakpoints))
    if count <= MAX_BREAKPOINTS:
        return
    api = None if _automatic(ctx) else f"A maximum of {MAX_BREAKPOINTS} blocks with cache_control may be provided. Found {count}."
    yield Finding((), f"{count} blocks carry cache_control; at most {MAX_BREAKPOINTS} are allowed", api_message=api,
                  fix=f"remove cache_control from {count - MAX_BREAKPOINTS} block(s)")


@rule("CL502", "automatic-cache-no-free-slot", needs=('cache_control',), evidence="D",
      source="api-rules.md §12 (top-level cache_control); prompt-caching docs on automatic caching; case invalid-top-level-cache-with-four-explicit")
def automatic_cache_no_free_slot(ctx):
    """Top-level `cache_control` (automatic caching) while 4 explicit breakpoints are already set.

    Automatic caching places one more breakpoint itself, so it needs one of the 4 slots free; with
    four explicit markers the request is rejected (400, documented; text not captured).

    Fix: drop the top-level `cache_control`, or one of the explicit markers.

    Bad:  {"cache_control": {"type": "ephemeral"}, "system": [three blocks with cache_control], "messages": [a block with cache_control]}
    Good: {"cache_control": {"type": "ephemeral"}, "system": [two blocks with cache_control], "messages": [a block with cache_control]}
    """
    if _automatic(ctx) and sum(1 for _ in ctx.derived(breakpoints)) == MAX_BREAKPOINTS:
        yield Finding(("cache_control",), "automatic caching needs a free breakpoint slot, but 4 explicit cache_control markers are set",
                      fix="remove the top-level cache_control or one explicit marker")


@rule("CL503", "cache-ttl-order", when=has_breakpoints,
      source="api-rules.md §12 C2 (observed: claude-code#37842, cccachefix#44, vibeproxy#202)")
def cache_ttl_order(ctx):
    """A `ttl: "1h"` breakpoint comes after a 5-minute one.

    Longer-lived entries must come first in the processing order `tools` → `system` →
    `messages`; a marker without `ttl` is 5 minutes. The API answers ``<path>.cache_control.ttl:
    a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that
    blocks are processed in the following order: `tools`, `system`, `messages`.`` (observed).

    Fix: give the earlier markers `ttl: "1h"` as well, or shorten the later one to 5 minutes.

    Bad:  {"tools": [{..., "cache_control": {"type": "ephemeral"}}], "system": [{..., "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}
    Good: {"tools": [{..., "cache_control": {"type": "ephemeral", "ttl": "1h"}}], "system": [{..., "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}
    """
    seen_short = None
    for loc, marker in ctx.derived(breakpoints):
        ttl = marker.get("ttl", "5m")
        if ttl == "5m" and seen_short is None:
            seen_short = loc
        elif ttl == "1h" and seen_short is not None:
            path = ".".join(map(str, loc))
            yield Finding(loc + ("cache_control", "ttl"),
                          f"this 1h cache breakpoint comes after the 5m one at {'.'.join(map(str, seen_short))}",
                          api_message=f"{path}.cache_control.ttl: a ttl='1h' cache_control block must not come after a "
                                      "ttl='5m' cache_control block. Note that blocks are processed in the following order: "
                                      "`tools`, `system`, `messages`.",
                          fix="put 1h breakpoints before 5m ones (or make them all the same ttl)")


@rule("CL504", "cache-control-empty-text", when=has_blank_text,
      source="api-rules.md §12 C4 (observed second-hand: fix:59097946198, fix:55058398123); case invalid-cache-control-empty-assistant-text")
def cache_control_empty_text(ctx):
    """`cache_control` on a text block whose text is empty.

    The API answers `messages.<N>.content.<M>.text: cache_control cannot be set for empty text
    blocks` (observed second-hand), before the general empty-block check (CL203 defers to this
    rule for such blocks). Empty system blocks are rejected the same way; their text is not
    captured.

    Fix: remove the empty block (and put the marker on the last non-empty block).

    Bad:  {"role": "assistant", "content": [{"type": "text", "text": "", "cache_control": {"type": "ephemeral"}}]}
    Good: {"role": "assistant", "content": [{"type": "text", "text": "Hello.", "cache_control": {"type": "ephemeral"}}]}
    """
    fix = "remove the empty text block and put cache_control on a non-empty one"
    for where, loc, block, text in ctx.census.blank:
        if text != "" or block is None or not _marked(block):
            continue
        if where == "messages":
            _, n, _, m = loc
            yield Finding(loc + ("text",), f"cache_control is set on an empty text block in message {n}",
                          api_message=f"messages.{n}.content.{m}.text: cache_control cannot be set for empty text blocks", fix=fix)
        else:
            yield Finding(loc + ("text",), "cache_control is set on an empty system text block", fix=fix)


def marks_empty_text(block) -> bool:
    """An empty text block that CL504 reports; CL203 leaves it alone so the API's text is the one shown."""
    return isinstance(block, dict) and block.get("text") == "" and _marked(block)
