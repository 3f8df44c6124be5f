"""Find the API error in what was pasted: a bare message, an error body, or a log line with one.

Error bodies come as JSON (``{"type": "error", "error": {"type", "message"}, "request_id"}``; the
413 of the front door has only ``{"error": {...}}``), as Python reprs (``anthropic.BadRequestError:
Error code: 400 - {'type': 'error', ...}``), escaped inside other JSON (Claude Code's error log
keeps ``"Error: 400 {\\"type\\":...}"`` strings), or inside a batch result (``result.error``).
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from .known import STATUS_OF_EXCEPTION, STATUS_OF_TYPE

_MAX_TEXT = 1_000_000  # a pasted log can be long; the error is near its start or end in practice
_MAX_OBJECTS = 2_000
_MAX_DEPTH = 6
_MAX_LITERAL = 200_000


@dataclass(frozen=True)
class Found:
    """What the text says about the error; ``message`` is None when no error body was found."""

    status: Optional[int]
    error_type: Optional[str]
    message: Optional[str]
    request_id: Optional[str] = None
    error_code: Optional[str] = None  # error.details.error_code (2026-11 bodies)
    proxy: bool = False  # a FastAPI-style `{"detail": [...]}` body: a proxy answered, not the API


def errors_in(text: str) -> list:
    """Every error body in ``text`` (first first), without repeats."""
    text = text[:_MAX_TEXT]
    found, seen = [], set()
    for error in _walk_text(text, 0):
        key = (error.error_type, error.message)
        if key not in seen:
            seen.add(key)
            found.append(error)
    return found


def status_in(text: str) -> tuple:
    """``(status, error type)`` named outside any body: ``Error code: 529``, ``API Error: 500``,
    ``HTTP/1.1 429``, ``(429)``, ``overloaded_error``, ``RateLimitError``, or a leading ``404``."""
    text = text[:_MAX_TEXT]
    error_type = None
    found = _TYPE_WORD.search(text)
    if found:
        error_type = found.group(1).lower()
    for pattern in _STATUS_PATTERNS:
        match = pattern.search(text)
        if match and 400 <= int(match.group(1)) <= 599:
            return int(match.group(1)), error_type
    found = _EXCEPTION_WORD.search(text)
    if found:
        return STATUS_OF_EXCEPTION[found.group(1)], error_type
    return STATUS_OF_TYPE.get(error_type), error_type


def residue(text: str) -> str:
    """``text`` without the words that only name a status (``API Error: 529``, ``429 Too Many
    Requests``, ``overloaded_error``): what is left is a message, when anything is."""
    text = re.sub(r"[\s\W_]+", " ", _RESIDUE.sub(" ", text)).strip()
    return text if re.search(r"[^\W\d_]{2}", text) else ""


_TYPES = ("invalid_request_error|authentication_error|billing_error|permission_error|not_found_error|conflict_error"
          "|request_too_large|rate_limit_error|api_error|timeout_error|overloaded_error")
_TYPE_WORD = re.compile(rf"\b({_TYPES})\b", re.IGNORECASE)
_EXCEPTION_WORD = re.compile(r"\b(" + "|".join(STATUS_OF_EXCEPTION) + r")\b")
_STATUS_PATTERNS = (
    re.compile(r"(?i)\b(?:error[ _]code|status(?:[ _]code)?|http(?:/[\d.]+)?|api error|error|code)\s*[:=]?\s*\(?(\d{3})\b"),
    re.compile(r"\((\d{3})\)"),
    re.compile(r"^\s*(\d{3})\b"),
)
_RESIDUE = re.compile(
    rf"(?i)\b(?:{_TYPES}|" + "|".join(STATUS_OF_EXCEPTION) +
    r"|anthropic|api|error|errors|code|status|http|request|rejected|response|exception|retrying|failed"
    r"|bad request|unauthorized|payment required|forbidden|not found|conflict|payload too large|too many requests"
    r"|internal server error|gateway timeout|service unavailable|overloaded)\b|\b\d{3}\b|HTTP/[\d.]+")


def _walk_text(text: str, depth: int) -> Iterator[Found]:
    if depth > _MAX_DEPTH:
        return
    for value in _values_in(text):
        yield from _walk_value(value, depth)


def _walk_value(value: Any, depth: int) -> Iterator[Found]:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            error = _as_error(node)
            if error is not None:
                if "{" in error.message:  # a gateway that wraps the API's body in its own message
                    yield from _walk_text(error.message, depth + 1)
                yield error
                continue
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, str) and "{" in node:
            yield from _walk_text(node, depth + 1)


def _as_error(node: dict) -> Optional[Found]:
    inner = node.get("error")
    if isinstance(inner, dict) and isinstance(inner.get("message"), str):
        if isinstance(inner.get("error"), dict):  # a batch result: {"type": "error", "error": {...}} nested again
            return _as_error(inner)
        details = inner.get("details") if isinstance(inner.get("details"), dict) else {}
        error_type = inner.get("type") if isinstance(inner.get("type"), str) else None
        if error_type not in STATUS_OF_TYPE and isinstance(inner.get("code"), str):
            error_type = inner["code"]  # an OpenAI-compatible wrapper puts the Anthropic type in `code`
        request_id = node.get("request_id") if isinstance(node.get("request_id"), str) else None
        code = details.get("error_code") if isinstance(details.get("error_code"), str) else None
        return Found(STATUS_OF_TYPE.get(error_type), error_type, inner["message"], request_id, code)
    kind = node.get("type") if node.get("type") in STATUS_OF_TYPE else node.get("code")
    if isinstance(kind, str) and kind in STATUS_OF_TYPE and isinstance(node.get("message"), str):
        return Found(STATUS_OF_TYPE[kind], kind, node["message"])  # the inner object alone, or a proxy's copy
    detail = node.get("detail")
    if isinstance(detail, list) and detail and all(isinstance(d, dict) and "loc" in d for d in detail):
        first = detail[0]
        message = f"{'.'.join(map(str, first.get('loc', ())))}: {first.get('msg', '')}"
        return Found(422, None, message, proxy=True)
    return None


def _values_in(text: str) -> Iterator[Any]:
    """Each JSON value or Python literal that starts at a ``{`` or ``[`` of ``text`` (outermost
    first), then the same for the text with one level of ``\\"`` escaping removed."""
    yielded = False
    for candidate in (text, _unescape(text)) if '\\"' in text else (text,):
        if yielded:
            break
        if candidate.lstrip().startswith('"'):
            try:
                value = json.loads(candidate.strip(), strict=False)
                yielded = True
                yield value
                continue
            except ValueError:
                pass
        # strict=False: terminals wrap long messages, and pasted bodies keep the line breaks
        decoder, pos, attempts = json.JSONDecoder(strict=False), 0, 0
        while attempts < _MAX_OBJECTS:
            start = _next_open(candidate, pos)
            if start < 0:
                break
            attempts += 1
            value, end = _decode_at(decoder, candidate, start)
            if end is None:
                pos = start + 1
                continue
            if isinstance(value, (dict, list)):
                yielded = True
                yield value
            pos = end


def _next_open(text: str, pos: int) -> int:
    brace, bracket = text.find("{", pos), text.find("[", pos)
    if brace < 0 or (0 <= bracket < brace):
        return bracket
    return brace


def _decode_at(decoder, text: str, start: int):
    try:
        return decoder.raw_decode(text, start)
    except ValueError:
        pass
    end = _balanced_end(text, start)
    if end is None:
        return None, None
    try:
        return ast.literal_eval(text[start:end]), end
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return None, None


def _balanced_end(text: str, start: int) -> Optional[int]:
    """The end of the bracketed Python literal starting at ``start``, quotes respected."""
    depth, quote, i = 0, None, start
    stop = min(len(text), start + _MAX_LITERAL)
    while i < stop:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _unescape(text: str) -> str:
    return text.replace('\\\\', '\x00').replace('\\"', '"').replace("\\n", "\n").replace('\x00', '\\')
