"""Where a field is in the JSON text: computed only for the fields that have findings.

Parsing keeps no positions (clean files pay nothing). When a finding needs one, :func:`locate`
scans the kept text along the finding's path: it skips whole values it does not need with regular
expressions and a bracket counter (no recursion, so any depth works), and reads only the keys on
the way. Duplicate keys resolve to the last one, as the parser and the API do.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Optional

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_SCALAR = re.compile(r"[^,\]}\s]+")
_SKIP = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)

_DECODER = json.JSONDecoder()
Span = tuple  # ((line, column), (end_line, end_column)), 1-based, end exclusive


class LineIndex:
    """Offsets of line starts, built once per text on first use."""

    def __init__(self, text: str):
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    @staticmethod
    def direct(text: str, offset: int) -> tuple:
        """``(line, column)`` of ``offset`` without an index: two scans in C, cheaper than
        building the index when a document has only a finding or two."""
        return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)

    def start(self, line: int):
        """The offset where 1-based ``line`` starts, or ``None`` past the end."""
        return self._starts[line - 1] if 1 <= line <= len(self._starts) else None

    def position(self, offset: int) -> tuple:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()


def _value_end(text: str, i: int) -> int:
    """The offset just after the JSON value that starts at ``i``."""
    c = text[i:i + 1]
    if c == '"':
        m = _STRING.match(text, i)
        return m.end() if m else len(text)
    if c not in ("{", "["):
        m = _SCALAR.match(text, i)
        return m.end() if m else i
    try:  # the C scanner, at parsing speed (the text has parsed once already)
        return _DECODER.raw_decode(text, i)[1]
    except (ValueError, RecursionError):
        pass
    depth = 0
    for m in _SKIP.finditer(text, i):
        token = m.group()
        if token in ("{", "["):
            depth += 1
        elif token in ("}", "]"):
            depth -= 1
            if depth == 0:
                return m.end()
    return len(text)


def _member(text: str, i: int, key: str, first: bool = False) -> Optional[tuple]:
    """In the object at ``i``: ``(key_start, key_end, value_start)`` of the last member ``key``
    (the first, with ``first=True``: when the document has no duplicate keys it is the same one,
    and the rest of the object need not be skipped)."""
    found = None
    i = _ws(text, i + 1)
    while i < len(text) and text[i] != "}":
        m = _STRING.match(text, i)
        if not m:
            return found
        key_start, key_end = m.start(), m.end()
        try:
            name = json.loads(m.group())
        except ValueError:
            name = m.group()[1:-1]
        i = _ws(text, key_end)
        if text[i:i + 1] != ":":
            return found
        value_start = _ws(text, i + 1)
        if name == key:
            found = (key_start, key_end, value_start)
            if first:
                return found
        i = _ws(text, _value_end(text, value_start))
        if text[i:i + 1] == ",":
            i = _ws(text, i + 1)
    return found


def _element(text: str, i: int, index: int) -> Optional[int]:
    """In the array at ``i``: the start of element ``index``."""
    i = _ws(text, i + 1)
    n = 0
    while i < len(text) and text[i] != "]":
        if n == index:
            return i
        i = _ws(text, _value_end(text, i))
        if text[i:i + 1] == ",":
            i = _ws(text, i + 1)
        n += 1
    return None


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_$.-]+")


def _spelled_once(text: str, key: str) -> Optional[tuple]:
    """``(key_start, key_end, value_start)`` of the only member named ``key`` anywhere in ``text``,
    found by its spelling; ``None`` when it is spelled as a key more than once or never.

    Parsed JSON alternates opening and closing quotes, so an unescaped quote followed by
    ``key"`` and a colon opens that key. The caller knows that the top-level object has the key,
    that no object repeats a key and that no key is spelled with an escape
    (:func:`keys_spelled_plainly`): a single such spelling is then that member, found without
    skipping the values before it (the whole ``messages`` array, for the fields after it)."""
    if not _PLAIN_KEY.fullmatch(key):
        return None
    found = None
    for m in re.finditer('"' + re.escape(key) + r'"[ \t\n\r]*:', text):
        quote = m.start()
        escapes = quote
        while escapes and text[escapes - 1] == "\\":
            escapes -= 1
        if (quote - escapes) % 2:
            continue  # an escaped quote inside a string
        if found is not None:
            return None
        found = m
    if found is None:
        return None
    return found.start(), found.start() + len(key) + 2, _ws(text, found.end())


_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def keys_spelled_plainly(text: str) -> bool:
    """Whether no key of the parsed JSON ``text`` contains a ``\\u`` escape (so a plain key can
    only be spelled one way). Each escape's string is read to its end once: linear in the text."""
    # Searching for one character is a fast scan; for two, CPython's search is 30 times slower in
    # a text with a character beyond Latin-1 (stored two bytes a character), and a regular
    # expression twice as fast as that.
    if "\\" not in text:
        return True
    found = _UNICODE_ESCAPE.search(text)
    while found is not None:
        m = _STRING_REST.match(text, found.start())
        if m is None:
            return False
        after = _ws(text, m.end())
        if text[after:after + 1] == ":":
            return False
        found = _UNICODE_ESCAPE.search(text, m.end())
    return True


_UNICODE_ESCAPE = re.compile(r"\\u")


def offsets(text: str, loc: tuple, *, key: bool = False, start: int = 0, unique_keys: bool = False,
            top_keys=None) -> tuple:
    """``(start, end)`` offsets of the value at ``loc`` (of its key, with ``key=True``).

    Where the path stops existing (a missing field), the span is the key of the deepest field that
    exists (or the opening bracket of the top-level value). ``unique_keys``: the document is known
    to have no duplicate keys, so the first match is the one. ``top_keys``: the keys of the
    top-level object, when the caller has it parsed and no key is spelled with an escape (a
    top-level field may then be found by its spelling alone).
    """
    i = _ws(text, start)
    anchor = (i, i + 1)
    for n, seg in enumerate(loc):
        c = text[i:i + 1]
        last = n == len(loc) - 1
        if c == "{" and isinstance(seg, str):
            member = None
            if n == 0 and unique_keys and top_keys is not None and seg in top_keys:
                member = _spelled_once(text, seg)
            if member is None:
                member = _member(text, i, seg, first=unique_keys)
            if member is None:
                return anchor
            key_start, key_end, i = member
            if last and key:
                return key_start, key_end
            anchor = (key_start, key_end)
        elif c == "[" and isinstance(seg, int):
            element = _element(text, i, seg)
            if element is None:
                return anchor
            i = element
            anchor = (i, i + 1)
        else:
            return anchor
    return i, _value_end(text, i)


def member_span(text: str, loc: tuple, *, start: int = 0) -> Optional[tuple]:
    """``(item_start, value_start, value_end)`` of the field at ``loc`` when it exists exactly:
    ``item_start`` is where its key starts (an object member) or its value (an array element).
    ``None`` when any part of the path is missing."""
    if not loc:
        return None
    i = _ws(text, start)
    item_start = i
    for seg in loc:
        c = text[i:i + 1]
        if c == "{" and isinstance(seg, str):
            member = _member(text, i, seg)
            if member is None:
                return None
            item_start, _, i = member
        elif c == "[" and isinstance(seg, int):
            element = _element(text, i, seg)
            if element is None:
                return None
            item_start = i = element
        else:
            return None
    return item_start, i, _value_end(text, i)


def element_starts(text: str, start: int) -> list:
    """The start offset of every element of the JSON array at ``start``, in one pass (finding
    each element with ``offsets`` would scan the array once per element)."""
    result = []
    i = _ws(text, start + 1)
    while i < len(text) and text[i] != "]":
        result.append(i)
        i = _ws(text, _value_end(text, i))
        if text[i:i + 1] == ",":
            i = _ws(text, i + 1)
        elif text[i:i + 1] != "]":
            break  # not well-formed: stop rather than guess
    return result


_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|.)', re.S)


class EscapedString:
    """Offsets in the decoded value of a JSON string <-> offsets in its raw text.

    ``raw_start``/``raw_end`` delimit the string's content in ``text`` (inside the quotes). An
    escape (``\\n``, ``\\"``, ``\\u00e9``; a surrogate pair ``\\ud83d\\ude00`` is one character
    in Python) is several raw characters for one decoded character; every other character is one
    for one. Only the escapes are recorded, once, so mapping an offset is a binary search.
    """

    def __init__(self, text: str, raw_start: int, raw_end: int):
        self.raw_start, self.raw_end = raw_start, raw_end
        self._decoded: list = []  # decoded offset where each escape's character starts
        self._raw: list = []  # raw offset of that escape
        self._width: list = []  # raw characters of the escape (12 for a surrogate pair)
        decoded, skip_until = 0, -1
        for m in _ESCAPE.finditer(text, raw_start, raw_end):
            if m.start() < skip_until:
                continue
            width = m.end() - m.start()
            high = m.group(1)
            if high and 0xD800 <= int(high, 16) <= 0xDBFF:
                low = _ESCAPE.match(text, m.end(), raw_end)
                if low and low.group(1) and 0xDC00 <= int(low.group(1), 16) <= 0xDFFF:
                    width, skip_until = low.end() - m.start(), low.end()
            decoded += m.start() - (self._raw[-1] + self._width[-1] if self._raw else raw_start)
            self._decoded.append(decoded)
            self._raw.append(m.start())
            self._width.append(width)
            decoded += 1

    def raw_offset(self, decoded: int) -> int:
        """The raw offset of the decoded character at ``decoded`` (or of the end, for the
        offset just past the last character)."""
        k = bisect_right(self._decoded, decoded) - 1
        if k < 0:
            return self.raw_start + decoded
        if decoded == self._decoded[k]:
            return self._raw[k]
        return self._raw[k] + self._width[k] + (decoded - self._decoded[k] - 1)
