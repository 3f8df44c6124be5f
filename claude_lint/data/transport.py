"""The HTTP request around a body: where it goes, its headers, and which of them are secrets.

Shared by the checks (the header rules), the HAR loader (which entries are Claude requests) and
the reporters (masking), so none of them imports the others.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Iterable, Optional
from urllib.parse import urlsplit

from .endpoints import ENDPOINTS
from .versions import LATEST_VERSION, VERSIONS

API_HOST = "api.anthropic.com"
# URL path -> the linter's endpoint name ("/v1/messages" -> "messages", ...)
PATHS = {e.path: e.name for e in ENDPOINTS.values()}

# Headers whose values are credentials or session state: never printed, masked in every output.
SECRET_HEADERS = frozenset({
    "x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie",
    "x-goog-api-key", "api-key", "anthropic-admin-key",
})


def normalize_headers(headers) -> dict:
    """Headers as ``{lower-case name: value}``. ``headers`` is a mapping (values ``str``, or a
    list of ``str`` for a repeated header) or an iterable of ``(name, value)`` pairs; a repeated
    header is joined with ``", "``, as HTTP servers (and the API) join it. Bytes are read as
    Latin-1, as HTTP does."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    result: dict = {}
    for name, value in items:
        if value is None:  # "no such header", as HTTP clients read a None value
            continue
        name = _text(name).strip().lower()
        values = [_text(v) for v in value] if isinstance(value, (list, tuple)) else [_text(value)]
        if name in result:
            values = [result[name], *values]
        result[name] = ", ".join(values)
    return result


def _text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else str(value)


def mask(value: str) -> str:
    """A secret as it may be shown: its first characters and its length, never the rest.

    Seven characters (``sk-ant-`` of an Anthropic key) tell which kind of credential it is and
    nothing more; a short value shows at most a third of itself."""
    shown = value[: min(7, len(value) // 3)]
    return f"`{shown}…` ({len(value)} characters)"


# An Anthropic credential anywhere in a text: what the reporters mask even where no header says so
# (a key pasted into a prompt, a header the capture did not name).
_KEY_IN_TEXT = re.compile(r"sk-ant-[A-Za-z0-9]+-[A-Za-z0-9_\-]{8,}")


def blot(value: str) -> str:
    """A secret masked in place: the characters :func:`mask` shows, then ``*`` for the rest, so
    that a source line keeps its length and the columns of a finding still point right."""
    shown = min(7, len(value) // 3)
    return value[:shown] + "*" * (len(value) - shown)


def redact(text: Optional[str], *, in_place: bool = False) -> Optional[str]:
    """``text`` with every Anthropic key or token in it replaced by :func:`mask` (by
    :func:`blot` with ``in_place``, for source lines)."""
    if not text or "sk-ant-" not in text:
        return text
    return _KEY_IN_TEXT.sub(lambda m: (blot if in_place else mask)(m.group()), text)


# --- where a request goes ------------------------------------------------------------------------


def split_url(url) -> Optional[tuple]:
    """``(scheme, host, port, path)`` of ``url`` (host lower-case, path at least ``/``), or
    ``None`` for what is not a URL (``urlsplit`` raises on a bad IPv6 host or port)."""
    if not isinstance(url, str) or not url:
        return None
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port, parts.path or "/"
    except ValueError:
        return None


def endpoint_of_url(url: Optional[str]) -> Optional[str]:
    """The endpoint a URL names (``messages``, ``count_tokens``, ``batch``), or ``None``.

    On the API's own host the path must be exact; through a gateway (another host) the Messages
    path may follow a prefix of the gateway's (``https://gw.example.com/anthropic/v1/messages``)."""
    parts = split_url(url)
    if parts is None:
        return None
    path = parts[3].rstrip("/") or "/"
    if parts[1] == API_HOST:
        return PATHS.get(path)
    if "/v1/v1/" in path + "/":  # a base URL ending in /v1 plus the SDK's own /v1: never right
        return None
    return next((name for suffix, name in PATHS.items() if path.endswith(suffix)), None)


def is_api_host(url: Optional[str]) -> bool:
    parts = split_url(url)
    return parts is not None and parts[1] == API_HOST


def claude_path(url: str, base_urls: Iterable[str] = ()) -> Optional[str]:
    """The path of ``url`` below the Claude API it is sent to (``api.anthropic.com`` or one of
    ``base_urls``), or ``None`` when ``url`` goes elsewhere."""
    parts = split_url(url)
    if parts is None or parts[0] not in ("http", "https"):
        return None
    scheme, host, port, path = parts
    if host == API_HOST:
        return path
    for base in base_urls:
        b = split_url(base if "://" in base else "https://" + base)
        if b is None or b[1] != host or b[2] != port:
            continue
        prefix = b[3].rstrip("/")
        if path == prefix or path.startswith(prefix + "/"):
            return path[len(prefix):] or "/"
    return None


# --- anthropic-version values --------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LEGACY_VERSIONS = frozenset({"2023-01-01"})  # the initial version: whether it still works is not known


def version_status(value: Optional[str]) -> str:
    """What an ``anthropic-version`` value is: ``missing``, ``known``, ``legacy``, ``newer`` (a
    date after the newest version claude-lint knows: maybe a version released since) or
    ``invalid`` (anything else, a repeated header joined with ``, `` included)."""
    if value is None:
        return "missing"
    if value in VERSIONS:
        return "known"
    if value in LEGACY_VERSIONS:
        return "legacy"
    if _DATE.match(value) and value > LATEST_VERSION.name:
        return "newer"
    return "invalid"
