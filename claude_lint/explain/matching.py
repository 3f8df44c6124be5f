"""Message templates with named placeholders, and matching an API message against them.

A template is the API's text with its variable parts written as ``{name}`` (``messages.{n}:
all messages must ...``). The name says what the part may be: indices (``n``, ``m``, ``k``) are
digits, ``path`` is a dotted path without spaces, ``expected`` is pydantic's quoted list
(``'a', 'b' or 'c'``), ``rest`` is any tail (possibly empty), and any other name is any non-empty
text. ``{name:a|b}`` allows only the listed values. A digit suffix (``{url2}``) gives a second
placeholder of the same kind its own name.

Matching is forgiving where copies of the API's text differ in practice: case (2024 bodies wrote
``field required``), runs of whitespace (wrapped terminal output), a final period, and backticks
(one 2026 body printed `` `temperature` is deprecated`` without them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_PLACEHOLDER = re.compile(r"\{([a-z_]+?)(\d*)(?::([^{}]*))?\}")
_QUOTED_LIST = r"'[^']*'(?:, '[^']*')*(?: or '[^']*')?"
_INDEX = r"\d+"
_NUMBER = r"-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?"
_KINDS = {
    "n": _INDEX, "m": _INDEX, "k": _INDEX,
    "count": _NUMBER, "limit": _NUMBER, "cap": _NUMBER, "number": _NUMBER,
    "images": _NUMBER, "documents": _NUMBER, "pages": _NUMBER,
    "path": r"\S+?", "where": r"\S+?", "url": r"\S+?", "id": r"\S+?",
    # echoed as sent, so anything but the pydantic texts that follow `model:` for other reasons
    "model": r"(?!(?:Field required|Extra inputs|Input should|Input tag|String should|List should)\b).*",
    "expected": _QUOTED_LIST,
    "rest": r".*?",
}
_ANY = r".+?"


def normalize(text: str) -> str:
    """The form both sides are compared in: one space for any whitespace, no surrounding
    quotes or spaces, no final period."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return text[:-1].rstrip() if text.endswith(".") else text


def _prefilter_form(text: str) -> str:
    return text.replace("`", "").lower()


@dataclass(frozen=True)
class Template:
    """One template of one rule (``code``) or of one known API message (``known``, an index)."""

    text: str
    code: Optional[str] = None
    known: Optional[int] = None
    regex: re.Pattern = field(init=False, repr=False, compare=False)
    relaxed: re.Pattern = field(init=False, repr=False, compare=False)
    literal: int = field(init=False, repr=False, compare=False)  # literal characters: specificity
    key: str = field(init=False, repr=False, compare=False)  # longest literal part, for a cheap pre-check

    def __post_init__(self):
        text = normalize(self.text)
        strict, relaxed, literals, names = [], [], [], set()
        pos = 0
        for found in _PLACEHOLDER.finditer(text):
            literals.append(text[pos:found.start()])
            strict.append(_literal(literals[-1]))
            relaxed.append(_literal(literals[-1]))
            base, digits, choices = found.groups()
            if choices is not None:
                options = sorted(choices.split("|"), key=len, reverse=True)
                pattern = "|".join(re.escape(option) for option in options)
            else:
                pattern = _KINDS.get(base, _ANY)
            name = base + digits
            strict.append(f"(?P<{name}>{pattern})" if name not in names else f"(?:{pattern})")
            relaxed.append(".*?")
            names.add(name)
            pos = found.end()
        literals.append(text[pos:])
        strict.append(_literal(literals[-1]))
        relaxed.append(_literal(literals[-1]))
        flags = re.IGNORECASE | re.DOTALL
        object.__setattr__(self, "regex", re.compile("".join(strict), flags))
        object.__setattr__(self, "relaxed", re.compile("".join(relaxed), flags))
        object.__setattr__(self, "literal", sum(len(part) for part in literals))
        object.__setattr__(self, "key", _prefilter_form(max(literals, key=len)))

    def match(self, normalized: str, prefiltered: str) -> Optional[dict]:
        """The placeholder values when ``normalized`` (see :func:`normalize`) is this template."""
        if self.key not in prefiltered:
            return None
        found = self.regex.fullmatch(normalized)
        if found is None:
            return None
        return {name: value for name, value in found.groupdict().items() if value is not None}


def _literal(text: str) -> str:
    return re.escape(text).replace("`", "`?")


@dataclass(frozen=True)
class Hit:
    template: Template
    values: dict

    @property
    def score(self) -> int:
        # A value that had to be one of a few listed ones is as telling as literal text.
        constrained = sum(len(v) for k, v in self.values.items() if f"{{{k}:" in self.template.text)
        return self.template.literal + constrained


def match_all(templates, message: str) -> list:
    """Every template ``message`` is an instance of, most specific first."""
    normalized = normalize(message)
    prefiltered = _prefilter_form(normalized)
    hits = []
    for template in templates:
        values = template.match(normalized, prefiltered)
        if values is not None:
            hits.append(Hit(template, values))
    return sorted(hits, key=lambda hit: -hit.score)


_START = re.compile(r"(?:^|(?<=\s))\S")


def match_in(templates, text: str, *, max_starts: int = 400) -> list:
    """Like :func:`match_all`, for a message with something in front of it (a logger's prefix,
    ``anthropic.BadRequestError:``, a wrapper's ``The model returned the following errors:``):
    the longest tail of ``text`` that starts a word and matches wins."""
    normalized = normalize(text)
    for k, start in enumerate(_START.finditer(normalized)):
        if k >= max_starts:
            break
        hits = match_all(templates, normalized[start.start():])
        if hits:
            return hits
    return []
