"""Text to data: decoding and parsing one request document, keeping the text for positions."""
from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .positions import LineIndex, keys_spelled_plainly, offsets


@dataclass
class LoadError(Exception):
    """A source that is not a lintable JSON document; reported as one line, exit status 2."""

    file: str
    message: str
    line: Optional[int] = None
    column: Optional[int] = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: error: {self.message}"


@dataclass
class Document:
    """One request as text and data. ``first_line`` is where the text starts in its file
    (a line of a ``.jsonl`` file); ``kind`` is ``request`` or ``batch_line``."""

    file: str
    text: str
    data: Any
    kind: str = "request"
    first_line: int = 1
    # (object, key) for every key that appears more than once in an object; the parser (and the
    # API) keep the last value
    duplicates: tuple = ()
    size: Optional[int] = None  # bytes of the body as read: what would be sent if sent as is
    _lines: Optional[LineIndex] = field(default=None, repr=False)
    _lookups: int = field(default=0, repr=False)
    _line_starts: dict = field(default_factory=dict, repr=False)  # line -> offset, seen so far
    _plain_keys: Optional[bool] = field(default=None, repr=False)  # no key spelled with an escape

    @classmethod
    def parsed(cls, file: str, text: str, kind: str = "request", first_line: int = 1,
               size: Optional[int] = None) -> "Document":
        data, duplicates = parse(text, file, first_line)
        if not isinstance(data, dict):
            raise LoadError(file, f"the JSON value is {_kind_of(data)}, not a request object", first_line, 1)
        return cls(file, text, data, kind, first_line, duplicates, size)

    def span(self, loc: tuple, *, key: bool = False, request: bool = False) -> Optional[tuple]:
        """``((line, column), (end_line, end_column))`` of the field at ``loc`` in the file.

        ``request``: ``loc`` is about the HTTP request (``("headers", name)``, ``("url",)``), which
        a file holding only the body does not contain: no position (``None``)."""
        if request:
            return None
        if self._plain_keys is None:
            self._plain_keys = keys_spelled_plainly(self.text)
        start, end = offsets(self.text, loc, key=key, unique_keys=not self.duplicates,
                             top_keys=self.data if self._plain_keys else None)
        (line, column), (end_line, end_column) = self._position(start), self._position(end)
        shift = self.first_line - 1
        return (line + shift, column), (end_line + shift, end_column)

    def _position(self, offset: int) -> tuple:
        # Most documents have a finding or two: count lines directly; build the index only for
        # documents with many findings.
        self._lookups += 1
        if self._lines is None and self._lookups <= 8:
            line, column = LineIndex.direct(self.text, offset)
            self._line_starts[line] = offset - column + 1
            return line, column
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.position(offset)

    def source_line(self, line: int) -> str:
        """The text of one line (without copying the rest of a possibly huge document)."""
        start = self._line_starts.get(line - self.first_line + 1)
        if start is None:
            if self._lines is None:
                self._lines = LineIndex(self.text)
            start = self._lines.start(line - self.first_line + 1)
        if start is None:
            return ""
        end = self.text.find("\n", start)
        return self.text[start:end if end != -1 else len(self.text)].rstrip("\r")


_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_UTF_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes, file: str, first_line: int = 1) -> str:
    """UTF-8 text of ``data`` (a leading BOM dropped), or a :class:`LoadError` saying why not."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise LoadError(file, f"binary file ({what}), not JSON")
    for bom, name in _UTF_BOMS:
        if data.startswith(bom):
            raise LoadError(file, f"file is {name}-encoded; request bodies must be UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif len(data) >= 2 and data[0] != 0 and data[1] == 0 or len(data) >= 2 and data[0] == 0 and data[1] != 0:
        raise LoadError(file, "file looks UTF-16-encoded (no byte-order mark); request bodies must be UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise LoadError(file, f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); request bodies must be UTF-8",
                        line + first_line - 1, column) from None
    if b"\x00" in data:  # in UTF-8 only U+0000 has a zero byte; searching the bytes is faster
        line, column = _char_position(text, text.find("\x00"))
        raise LoadError(file, "NUL byte in the file: binary data, not JSON", line + first_line - 1, column)
    return text


def _byte_position(data: bytes, offset: int) -> tuple:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _char_position(text: str, offset: int) -> tuple:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _kind_of(value) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def parse(text: str, file: str, first_line: int = 1) -> tuple:
    """``(value, duplicates)`` of ``text``, or a :class:`LoadError` with the position of the problem.

    ``duplicates`` lists ``(object, key)`` for keys repeated within one object (the value kept is
    the last, as the API keeps it); finding them costs one small check per object.
    """
    if not text.strip():
        raise LoadError(file, "empty file, not a JSON request", first_line if first_line > 1 else None)
    duplicates = []

    def pairs_to_dict(pairs):
        result = dict(pairs)
        if len(result) != len(pairs):
            seen = set()
            for key, _ in pairs:
                if key in seen:
                    duplicates.append((result, key))
                seen.add(key)
        return result

    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=pairs_to_dict), tuple(duplicates)
    except json.JSONDecodeError as exc:
        raise LoadError(file, f"invalid JSON: {exc.msg}", exc.lineno + first_line - 1, exc.colno) from None
    except ValueError as exc:  # NaN / Infinity, which JSON does not have
        offset = _constant_offset(text)
        line, column = _char_position(text, offset)
        raise LoadError(file, f"invalid JSON: {exc}", line + first_line - 1, column) from None
    except RecursionError:
        line, column = _char_position(text, _too_deep_offset(text))
        raise LoadError(file, "JSON nested too deeply to check", line + first_line - 1, column) from None


_CONSTANT = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(-?Infinity|NaN)', re.S)


def _constant_offset(text: str) -> int:
    for m in _CONSTANT.finditer(text):
        if m.group(1):
            return m.start(1)
    return 0


_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]', re.S)
DEPTH_SHOWN = 500


def _too_deep_offset(text: str) -> int:
    depth = 0
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > DEPTH_SHOWN:
                return m.start()
        elif token in ("]", "}"):
            depth -= 1
    return 0
