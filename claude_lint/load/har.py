"""HAR captures (HTTP Archive 1.2: browsers' dev tools, mitmproxy, Charles, Proxyman).

Every ``POST`` entry of ``log.entries`` sent to the Claude API (``api.anthropic.com``, or one of the
configured base URLs) becomes one document: the JSON body from ``request.postData.text`` (base64
when ``postData.encoding`` says so), with the entry's headers and URL, so the request itself is
checked too. Entries to other hosts, reads (``GET``) and Claude API calls whose body is not a
Messages request (file uploads, batch cancels) are skipped.

Positions point into the ``.har`` file: a finding in the body lands inside the escaped string
``postData.text`` (:class:`~claude_lint.load.positions.EscapedString` maps decoded offsets to raw
ones), a header finding on the header's entry. Source lines shown with findings have every
credential (``x-api-key``, ``authorization``, cookies...) masked.
"""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import BinaryIO, Iterable, Iterator, Optional

from ..data import transport
from .documents import Document, LoadError, decode, parse
from .positions import EscapedString, LineIndex, element_starts, member_span, offsets

# A capture with its images and responses is larger than one request body may be.
MAX_HAR_BYTES = 1024 * 1024 * 1024
_NOT_HAR = 'not a HAR file: expected {"log": {"entries": [...]}}'


class HarFile:
    """The text of one ``.har`` file, shared by its documents. Positions are computed on the
    first finding that needs one; clean captures pay nothing for them."""

    def __init__(self, file: str, text: str, data: dict):
        self.file, self.text, self.data = file, text, data
        self._lines: Optional[LineIndex] = None
        self._entries: Optional[list] = None
        self._secrets: Optional[list] = None

    def position(self, start: int, end: int) -> tuple:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(start), self._lines.position(max(start + 1, end) if end <= start else end)

    def entry_start(self, index: int) -> int:
        if self._entries is None:
            found = member_span(self.text, ("log", "entries"))
            self._entries = element_starts(self.text, found[1]) if found else []
        return self._entries[index] if index < len(self._entries) else 0

    def offsets(self, index: int, loc: tuple, *, key: bool = False) -> tuple:
        """Offsets of ``loc`` inside entry ``index`` (the deepest part of it that exists)."""
        return offsets(self.text, loc, key=key, start=self.entry_start(index))

    def member(self, index: int, loc: tuple) -> Optional[tuple]:
        return member_span(self.text, loc, start=self.entry_start(index))

    def secret_spans(self) -> list:
        """``(start, end)`` of every credential value in the file: values of secret headers and
        of cookies, requests and responses alike."""
        if self._secrets is None:
            spans = []
            for i, entry in enumerate(_entries(self.data)):
                for part in ("request", "response"):
                    message = entry.get(part) if isinstance(entry, dict) else None
                    if not isinstance(message, dict):
                        continue
                    for list_name in ("headers", "cookies"):
                        items = message.get(list_name)
                        if not isinstance(items, list):
                            continue
                        secret = [k for k, item in enumerate(items) if _is_secret(item, list_name)]
                        if not secret:
                            continue
                        found = self.member(i, (part, list_name))
                        starts = element_starts(self.text, found[1]) if found else []
                        for k in secret:  # each list found once, each element from its own start
                            value = member_span(self.text, ("value",), start=starts[k]) if k < len(starts) else None
                            if value:
                                spans.append((value[1], value[2]))
            self._secrets = sorted(spans)
        return self._secrets

    def source_line(self, line: int) -> str:
        """Line ``line`` of the file (1-based) with every credential value masked."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        starts = self._lines._starts
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        pieces, at = [], start
        for s, e in self.secret_spans():
            if e <= start or s >= end:
                continue
            s, e = max(s, start), min(e, end)
            if s > at:
                pieces.append(self.text[at:s])
            pieces.append(transport.blot(self.text[s:e]) if self.text[s] != '"'
                          else '"' + transport.blot(self.text[s + 1:e - 1]) + self.text[e - 1:e])
            at = max(at, e)
        pieces.append(self.text[at:end])
        return transport.redact("".join(pieces), in_place=True).rstrip("\r")


def _is_secret(item, list_name: str) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("value"), str) or not item["value"]:
        return False
    name = item.get("name")
    return list_name == "cookies" or (isinstance(name, str) and name.lower() in transport.SECRET_HEADERS)


def _entries(data) -> list:
    log = data.get("log") if isinstance(data, dict) else None
    entries = log.get("entries") if isinstance(log, dict) else None
    return entries if isinstance(entries, list) else []


@dataclass
class HarDocument(Document):
    """One Claude request of a capture: its body as the document, plus the request around it."""

    har: Optional[HarFile] = field(default=None, repr=False)
    entry: int = 0
    method: str = "POST"
    url: str = ""
    endpoint: Optional[str] = None  # from the URL; None for a path that is not an endpoint
    headers: tuple = ()  # (name, value) as captured, pseudo-headers (":authority") left out
    header_index: dict = field(default_factory=dict, repr=False)  # lower-case name -> first index
    body: Optional[EscapedString] = field(default=None, repr=False)  # None: base64 body
    body_value: tuple = (0, 0)  # raw offsets of the postData.text value, quotes included

    def span(self, loc: tuple, *, key: bool = False, request: bool = False) -> Optional[tuple]:
        har = self.har
        if request:
            start, end = self._request_offsets(loc)
        elif self.body is None:
            start, end = self.body_value
        else:
            start, end = offsets(self.text, loc, key=key)
            start, end = self.body.raw_offset(start), self.body.raw_offset(end)
        return har.position(start, end)

    def _request_offsets(self, loc: tuple) -> tuple:
        har, i = self.har, self.entry
        if loc[:1] == ("url",):
            return har.offsets(i, ("request", "url"))
        if loc[:1] == ("headers",) and len(loc) > 1:
            k = self.header_index.get(str(loc[1]).lower())
            if k is not None:
                return har.offsets(i, ("request", "headers", k, "name"))
            return har.offsets(i, ("request", "headers"), key=True)  # a missing header: the list's key
        return har.offsets(i, ("request",), key=True)

    def source_line(self, line: int) -> str:
        return self.har.source_line(line)


def load(handle: BinaryIO, file: str, base_urls: Iterable[str] = ()) -> Iterator:
    """The Claude requests of one ``.har`` file, as :class:`HarDocument`; a file that is not a HAR,
    or an entry whose body cannot be read, as :class:`LoadError`."""
    try:
        raw = handle.read(MAX_HAR_BYTES + 1)
        if len(raw) > MAX_HAR_BYTES:
            yield LoadError(file, f"larger than {MAX_HAR_BYTES // (1024 * 1024)} MiB; not read")
            return
        text = decode(raw, file)
        data, _ = parse(text, file)
    except LoadError as error:
        yield error
        return
    except OSError as exc:
        yield LoadError(file, exc.strerror or str(exc))
        return
    if not (isinstance(data, dict) and isinstance(data.get("log"), dict) and isinstance(data["log"].get("entries"), list)):
        yield LoadError(file, _NOT_HAR)
        return
    har = HarFile(file, text, data)
    base_urls = tuple(base_urls)
    for i, entry in enumerate(data["log"]["entries"]):
        item = _document(har, i, entry, base_urls)
        if item is not None:
            yield item


def _document(har: HarFile, i: int, entry, base_urls: tuple):
    request = entry.get("request") if isinstance(entry, dict) else None
    if not isinstance(request, dict):
        return None
    url, method = request.get("url"), request.get("method")
    if not isinstance(url, str) or not isinstance(method, str) or method.upper() != "POST":
        return None
    path = transport.claude_path(url, base_urls)
    if path is None:
        return None
    endpoint = transport.endpoint_of_url(url)
    where = f"entry {i} (POST {path})"
    post = request.get("postData")
    text = post.get("text") if isinstance(post, dict) else None
    if not isinstance(text, str) or not text.strip():
        if endpoint is None:
            return None  # a body-less call to another API (a batch cancel...)
        line, column = har.position(*har.offsets(i, ("request",), key=True))[0]
        return LoadError(har.file, f"{where}: no request body captured (request.postData.text)", line, column)
    encoded = isinstance(post.get("encoding"), str) and post["encoding"].lower() == "base64"
    value = har.member(i, ("request", "postData", "text"))
    value_span = (value[1], value[2]) if value else (0, 1)
    if encoded:
        try:
            text = base64.b64decode(text, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            line, column = har.position(*value_span)[0]
            return LoadError(har.file, f"{where}: postData.text is not base64-encoded UTF-8", line, column)
    body = None if encoded else EscapedString(har.text, value_span[0] + 1, value_span[1] - 1)
    try:
        data, duplicates = parse(text, har.file)
    except LoadError as error:
        if endpoint is None:
            return None
        start = value_span[0] if body is None or error.line is None else body.raw_offset(_offset(text, error.line, error.column))
        line, column = har.position(start, start + 1)[0]
        return LoadError(har.file, f"{where}: request body: {error.message}", line, column)
    if not isinstance(data, dict) or (endpoint is None and "messages" not in data):
        if endpoint is None:
            return None  # another API's JSON body on the same host
        line, column = har.position(*value_span)[0]
        return LoadError(har.file, f"{where}: request body is not a JSON object", line, column)
    headers, index = [], {}
    for k, header in enumerate(request.get("headers") or ()):
        if isinstance(header, dict) and isinstance(header.get("name"), str) and not header["name"].startswith(":"):
            value_text = header.get("value")
            headers.append((header["name"], value_text if isinstance(value_text, str) else ""))
            index.setdefault(header["name"].lower(), k)
    return HarDocument(har.file, text, data, kind="har_entry", duplicates=duplicates, har=har, entry=i,
                       method=method.upper(), url=url, endpoint=endpoint, headers=tuple(headers),
                       header_index=index, body=body, body_value=value_span)


def _offset(text: str, line: int, column: Optional[int]) -> int:
    """The offset of 1-based ``line``/``column`` in ``text``."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + (column or 1) - 1, len(text))
