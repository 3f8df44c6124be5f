"""What a rule sees: the request, and the facts it is judged against."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Optional

from ..data.catalog import Catalog, ModelInfo
from ..data.versions import UPGRADE_NOTE, ApiVersion, newer_than
from ..diagnostic import ERROR, WARNING

# Scopes a rule can apply to: a Messages body, a token-counting body, the params of one batch
# request, and the batch create body itself.
MESSAGES = "messages"
COUNT_TOKENS = "count_tokens"
BATCH_PARAMS = "batch_params"
BATCH = "batch"


@dataclass(frozen=True)
class Context:
    body: Any  # the request as given; rules must not assume the schema holds
    scope: str
    version: ApiVersion
    catalog: Catalog
    today: _dt.date
    model: Optional[ModelInfo]  # None when the body names no model the catalog knows
    # The HTTP request around the body, when the caller gave it: headers as {lower-case name:
    # value} (None: not given, so header rules stay silent and beta fields are only reminders),
    # and the full URL.
    headers: Optional[dict] = None
    url: Optional[str] = None
    body_size: Optional[int] = None  # bytes of the body as sent, when the caller knows them

    @property
    def betas(self) -> tuple:
        """The names in the ``anthropic-beta`` header (``()`` when none, or no headers given)."""
        from ..data.betas import parse

        return parse(self.headers.get("anthropic-beta")) if self.headers else ()

    @property
    def model_id(self) -> Optional[str]:
        value = self.body.get("model") if isinstance(self.body, dict) else None
        return value if isinstance(value, str) else None

    def view(self, derive: Callable[[Any], Iterable]) -> list:
        """``list(derive(body))``, computed once per request however many rules ask for it: the
        messages, the merged turns, the media blocks... (rules run one after another over the same
        request; each view is one pass instead of one pass per rule)."""
        memo = self.__dict__.get("_views")
        if memo is None:
            memo = self.__dict__["_views"] = {}  # frozen: bypass __setattr__ for this private cache
        found = memo.get(derive)
        if found is None:
            found = memo[derive] = list(derive(self.body))
        return found

    def get(self, key: str, default=None):
        return self.body.get(key, default) if isinstance(self.body, dict) else default

    def version_verdict(self, rejects: Callable[[ApiVersion], bool]) -> Optional[tuple[str, str]]:
        """``(severity, note)`` when this or a newer API version rejects what ``rejects`` tests.

        Under the version the request is sent with it is an error; if only a newer version rejects
        it, a warning that says which version breaks it.
        """
        if rejects(self.version):
            return ERROR, ""
        for newer in newer_than(self.version):
            if rejects(newer):
                return WARNING, UPGRADE_NOTE.format(version=newer.name)
        return None


def messages(body: Any) -> list[tuple[int, dict]]:
    """``(index, message)`` for each message that is an object."""
    items = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, m) for i, m in enumerate(items) if isinstance(m, dict)]


def blocks(content: Any) -> list[tuple[int, dict]]:
    """``(index, block)`` for each content block that is an object."""
    if not isinstance(content, list):
        return []
    return [(i, b) for i, b in enumerate(content) if isinstance(b, dict)]


def text_blocks(content: Any) -> Iterator[tuple[int, dict, str]]:
    for i, block in blocks(content):
        if block.get("type") == "text" and isinstance(block.get("text"), str):
            yield i, block, block["text"]


def is_empty_content(content: Any) -> bool:
    return content == "" or content == []


class Part(NamedTuple):
    """One content block of a turn, with where it sits in the request. (A named tuple: a long
    conversation has many, and tuples are the cheapest records to make.)"""

    message: int  # index in `messages`
    index: Optional[int]  # index in that message's content list; None for string content
    block: dict  # string content is given as a text block

    @property
    def loc(self) -> tuple:
        base = ("messages", self.message, "content")
        return base if self.index is None else base + (self.index,)

    @property
    def type(self):
        return self.block.get("type")


class Turn(NamedTuple):
    """Consecutive messages of one role, merged as the API merges them before checking."""

    role: Any
    messages: tuple  # indices of the merged messages, in order
    parts: tuple  # Part, in order

    @property
    def first(self) -> int:
        return self.messages[0]

    @property
    def last(self) -> int:
        return self.messages[-1]


def turns(body: Any) -> list[Turn]:
    """The conversation as the API sees it after merging same-role neighbours (api-rules G6)."""
    groups: list[tuple] = []  # (role, [message indices], [parts]); lists, so merging stays linear
    for n, message in messages(body):
        role = message.get("role")
        content = message.get("content")
        if isinstance(content, str):
            parts = [Part(n, None, {"type": "text", "text": content})]
        else:
            parts = [Part(n, m, block) for m, block in blocks(content)]
        if groups and groups[-1][0] == role:
            groups[-1][1].append(n)
            groups[-1][2].extend(parts)
        else:
            groups.append((role, [n], parts))
    return [Turn(role, tuple(indices), tuple(parts)) for role, indices, parts in groups]
