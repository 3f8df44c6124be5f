"""CL62x: the size of the request body (api-rules §2 H9-H11, §15 B9).

The front door measures the body before anything else reads it, so this is the first check
(Phase.SIZE). The body is given as parsed JSON; its size on the wire depends on how the client
serialises it (compact or with spaces, UTF-8 or ``\\uXXXX`` escapes), so the rule computes the
smallest and the largest plausible serialisation and calls an error only when even the smallest
is over the limit read as MiB.
"""
from __future__ import annotations

import io
import json
import math
import pickle
from typing import Optional

from ..checking.media_bytes import ascii_residue
from .base import TOO_LARGE, Finding, Phase, rule, warn

MB = 1_000_000
MIB = 1024 * 1024
# endpoint scope -> limit in MB as documented; "32 MB" may mean 32,000,000 or 33,554,432 bytes
LIMIT_MB = {"messages": 32, "count_tokens": 32, "batch": 256}

# The ASCII characters JSON writes as themselves (all but quote, backslash and C0 controls);
# deleting them leaves only what needs escaping, so the scan allocates next to nothing.
_PLAIN = bytes(c for c in range(0x20, 0x80) if c not in (0x22, 0x5C))
_encode_ascii = json.encoder.encode_basestring_ascii  # C implementations
_encode_utf8 = json.encoder.encode_basestring


# Strings shorter than this are only counted in the quick pass; longer ones are kept aside and
# measured exactly (in C) when the bounds are not enough.
_LONG = 256


def serialized_size(value, *, stop_above: float = math.inf) -> tuple[int, int]:
    """``(smallest, largest)`` byte length of ``value`` serialised as JSON, exactly.

    Smallest: compact separators, non-ASCII as raw UTF-8 (``JSON.stringify``, httpx >= 0.28).
    Largest: ``", "``/``": "`` separators and ``\\uXXXX`` escapes (Python's ``json.dumps`` default).
    Uses the C encoder of the ``json`` module (faster than parsing the same body); a value it
    cannot encode is walked in Python instead, stopping once past ``stop_above`` (which also ends
    the walk of a cyclic value).
    """
    try:
        compact = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        spaced = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        low, high, _short, _wide, _count, _long = _walk(value, long=0, stop_above=stop_above)
        return low, high
    return len(compact.encode("utf-8", "surrogatepass")), len(spaced)


# No JSON serialisation of a value is more than this many times longer than its pickle (protocol
# 5): a character is 1 to 4 bytes pickled and at most 6 as a JSON escape; false is 1 byte pickled
# and "false, " 7 in a spaced list.
_MAX_JSON_PER_PICKLE_BYTE = 8


def certainly_under(value, limit: int) -> bool:
    """Whether every JSON serialisation of ``value`` is under ``limit`` bytes, decided by the C
    pickler (one pass at memory speed, about half the cost of parsing the JSON) instead of a walk
    in Python. ``False`` when that cannot tell (a value it cannot pickle, a cycle): walk then."""
    return _pickle_under(pickled_size(value), limit)


def _pickle_under(pickled: Optional[int], limit: int) -> bool:
    return pickled is not None and pickled * _MAX_JSON_PER_PICKLE_BYTE < limit


def pickled_size(value) -> Optional[int]:
    """Bytes of ``value`` pickled without a memo: never less than the characters of all its
    strings (a character pickles to 1-4 bytes), so also a bound on its text. ``None`` for a value
    that cannot be pickled (a cycle, a foreign object)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: request bodies are trees, and it halves the cost
    try:
        pickler.dump(value)
    except Exception:  # unpicklable objects, cycles (RecursionError)
        return None
    return buffer.tell()


def exceeds(value, *, error_above: int, warn_above: int) -> tuple[Optional[str], int, int]:
    """``(verdict, smallest, largest)``: ``"error"`` when even the smallest serialisation is over
    ``error_above`` bytes, ``"warning"`` when the largest is over ``warn_above``, else ``None``.

    Cheap far from the limits: one pass counts characters, and JSON escaping can make an ASCII
    character at most 6 bytes (``\\u001f``) and any character at most 12 (an astral character
    as a ``\\u`` surrogate pair). Only when those bounds straddle a limit are the long strings
    measured exactly (in C), and only if that is still not enough is the body serialised.
    """
    low, high, short, wide, count, longs = _walk(value, long=_LONG, stop_above=error_above)
    quotes = 2 * (count + len(longs))
    long_chars = sum(map(len, longs))
    low_min = low + short + long_chars + quotes
    if low_min > error_above:
        return "error", low_min, low_min
    long_wide = sum(len(text) for text in longs if not text.isascii())
    short_max = 6 * short + 6 * wide
    if high + short_max + 6 * long_chars + 6 * long_wide + quotes <= warn_above:
        return None, low_min, low_min
    for text in longs:
        a, b = _string_sizes(text)
        low += a
        high += b
    low_min, high_max = low + short + 2 * count, high + short_max + 2 * count
    if low_min <= error_above < low + 6 * short + 2 * count or high_max > warn_above >= high + short + 2 * count:
        low_min, high_max = serialized_size(value, stop_above=error_above)  # the short strings decide
    if low_min > error_above:
        return "error", low_min, high_max
    return ("warning" if high_max > warn_above else None), low_min, high_max


def _walk(value, *, long: int, stop_above: float = math.inf) -> tuple[int, int, int, int, int, list]:
    """``(low, high, short_chars, short_wide_chars, short_strings, long_strings)``: exact sizes of
    everything but the strings; those shorter than ``long`` are counted (``wide``: characters of
    non-ASCII ones), the others returned."""
    low = high = short = wide = count = 0
    longs: list = []
    stack = [value]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is str or (kind is not dict and kind is not list and isinstance(node, str)):
            if len(node) < long:
                short += len(node)
                count += 1
                if not node.isascii():
                    wide += len(node)
            elif long:
                longs.append(node)
                low += len(node)
            else:
                a, b = _string_sizes(node)
                low += a
                high += b
        elif kind is dict or isinstance(node, dict):
            n = len(node)
            low += 1 + 2 * n if n else 2  # braces, n-1 commas, n colons
            high += 4 * n if n else 2  # ", " and ": "
            for key in node:
                if type(key) is not str:
                    key = str(key)
                if len(key) < long:
                    short += len(key)
                    count += 1
                    if not key.isascii():
                        wide += len(key)
                else:
                    a, b = _string_sizes(key)
                    low += a
                    high += b
            extend(node.values())
        elif kind is list or isinstance(node, (list, tuple)):
            n = len(node)
            low += 1 + n if n else 2
            high += 2 * n if n else 2
            extend(node)
        else:
            size = _scalar_size(node)
            low += size
            high += size
        if low + short > stop_above:
            break
    if long:
        low -= sum(map(len, longs))  # counted above only for the early stop
    return low, high, short, wide, count, longs


def _string_sizes(text: str) -> tuple[int, int]:
    """``(utf8, ascii-escaped)`` JSON length of a string, quotes included."""
    if text.isascii():  # O(1) in CPython
        if not ascii_residue(text, _PLAIN):
            return len(text) + 2, len(text) + 2
        size = len(_encode_ascii(text))
        return size, size
    return len(_encode_utf8(text).encode("utf-8", "surrogatepass")), len(_encode_ascii(text))


def _scalar_size(value) -> int:
    if value is None or value is True:
        return 4
    if value is False:
        return 5
    if isinstance(value, int):
        if value.bit_length() > 10_000:  # str() of a huge int is slow (and capped); estimate
            return int(value.bit_length() * 0.30103) + 2
        return len(str(value))
    if isinstance(value, float):
        return len(repr(value)) if math.isfinite(value) else 9  # NaN / Infinity / -Infinity
    return len(str(value))


@rule("CL620", "request-too-large", phase=Phase.SIZE, api=TOO_LARGE,
      source="api-rules.md §2 H9 (observed: sdkpy#938, cc#10314, exe#8), H10/B9 (documented), H11 (docs: api/errors)",
      endpoints=("messages", "count_tokens", "batch"))
def request_too_large(ctx):
    """The request body is larger than the endpoint accepts (32 MB; 256 MB for a batch).

    The API's front door refuses the body before reading it, with a 413 whose body has no
    `"type": "error"` wrapper: `{"error": {"type": "request_too_large", "message": "Request exceeds
    the maximum size"}}` (observed on `/v1/messages`; the limits are 32 MB for Messages and Token
    Counting, 256 MB for Message Batches). Base64 images and PDFs count at their base64 length.
    "MB" is not pinned down: above 32 MiB the body is too large either way (error); between
    32,000,000 bytes and 32 MiB, or when only a spaced / `\\u`-escaped serialisation passes the
    limit, it is a warning.

    Fix: send large files once through the Files API and reference them by `file_id`, send images
    by URL, downscale images, or split the batch.

    Bad:  {"model": "claude-opus-4-8", "messages": [{"role": "user", "content": [<40 MB of base64 images>]}]}
    Good: {"model": "claude-opus-4-8", "messages": [{"role": "user", "content": [{"type": "image", "source": {"type": "file", "file_id": "file_011C..."}}]}]}
    """
    limit = LIMIT_MB.get(ctx.scope)
    if limit is None:
        return
    hard, soft = limit * MIB, limit * MB
    if ctx.body_size is not None:  # the exact size, from the caller: no walk needed
        size = ctx.body_size
        verdict, low, high = ("error" if size > hard else "warning" if size > soft else None), size, size
    elif _pickle_under(_pickled(ctx), soft):  # the bound CL630 reuses
        return
    else:
        verdict, low, high = exceeds(ctx.body, error_above=hard, warn_above=soft)
    if verdict is None:
        return
    fix = ("upload large files with the Files API and send `file_id` sources, or downscale the images"
           if ctx.scope != "batch" else "split the requests into several batches")
    if verdict == "error":
        yield Finding((), f"the body is at least {low:,} bytes; the limit is {limit} MB",
                      api_message="Request exceeds the maximum size", fix=fix)
    else:
        reading = (f"{low:,} bytes compact" + (f", up to {high:,} as some clients serialise it" if high != low else ""))
        yield warn((), f"the body is {reading}; that is over {limit} MB if MB means {soft:,} bytes or the client adds "
                   "spaces and \\u escapes", api_message="Request exceeds the maximum size", fix=fix)


def _pickled(ctx) -> Optional[int]:
    return ctx.fact(pickled_size)


# No tokenizer yields more than this many characters of ordinary text per token on average, so
# characters / this is a floor on the token count that needs no tokenizer.
MAX_CHARS_PER_TOKEN = 16


def text_characters(body) -> int:
    """Characters of prompt text: string content and text blocks of messages and system, and
    text inside tool results. Media, ids and JSON syntax are left out, so this never overcounts."""
    from ..checking.context import blocks, messages

    total = 0
    system = body.get("system") if isinstance(body, dict) else None
    if isinstance(system, str):
        total += len(system)
    for _, block in blocks(system):
        text = block.get("text")
        total += len(text) if isinstance(text, str) else 0
    for _, message in messages(body):
        content = message.get("content")
        if isinstance(content, str):
            total += len(content)
            continue
        for _, block in blocks(content):
            text = block.get("text")
            if isinstance(text, str):
                total += len(text)
            inner = block.get("content") if block.get("type") == "tool_result" else None
            if isinstance(inner, str):
                total += len(inner)
            for _, part in blocks(inner):
                text = part.get("text")
                total += len(text) if isinstance(text, str) else 0
    return total


@rule("CL630", "context-window-exceeded", needs=('model',), severity="warning", evidence="O",
      source="api-rules.md §13 S1 (observed: pi#102, exe#62, cc#11434); models.json context windows")
def context_window_exceeded(ctx):
    """The prompt text alone is certainly larger than the model's context window.

    The API counts tokens and answers `prompt is too long: <n> tokens > <limit> maximum`
    (observed). claude-lint has no tokenizer, so it counts characters of text and assumes at most
    16 characters per token — far more than any real text reaches — and warns only when even that
    floor is over the window. Images, documents and tool definitions add more tokens on top.

    Fix: trim or summarise the conversation history, or use a model with a larger context window
    (1M tokens on Claude 4.6 and later).

    Bad:  {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "<4 MB of text>"}]}
    Good: {"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": "<4 MB of text>"}]}
    """
    window = ctx.model.context_window if ctx.model is not None else None
    if not window:
        return
    # a bound on the characters of the whole body is a bound on its text (a character is at least
    # one byte, as sent and as pickled): most requests are far below any window
    bound = ctx.body_size if ctx.body_size is not None else _pickled(ctx)
    if bound is not None and bound // MAX_CHARS_PER_TOKEN <= window:
        return
    characters = text_characters(ctx.body)
    floor = characters // MAX_CHARS_PER_TOKEN
    if floor > window:
        yield warn((), f"the prompt has {characters:,} characters of text: at least {floor:,} tokens, over the "
                   f"{window:,}-token context window of {ctx.model_id}",
                   fix="shorten the history or use a model with a larger context window")
