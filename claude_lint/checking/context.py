"""What a rule sees: the request, and the facts it is judged against."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
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


# Not frozen: a frozen dataclass pays a call per field on every construction, once per request;
# rules treat the context as read-only all the same.
@dataclass(eq=False)
class Context:
    body: Any  # the request as given; rules must not assume the schema holds
    scope: str
    version: ApiVersion
    catalog: Catalog
    today: Optional[_dt.date]  # the date models' lifecycles are judged on; None: the day it is asked (`date`)
    model: Optional[ModelInfo]  # None when the body names no model the catalog knows
    # The HTTP request around the body, when the caller gave it: headers as {lower-case name:
    # value} (None: not given, so header rules stay silent and beta fields are only reminders),
    # and the full URL.
    headers: Optional[dict] = None
    url: Optional[str] = None
    body_size: Optional[int] = None  # bytes of the body as sent, when the caller knows them
    _memos: dict = field(default_factory=dict, init=False, repr=False)  # the views of this request

    @property
    def betas(self) -> tuple:
        """The names in the ``anthropic-beta`` header (``()`` when none, or no headers given)."""
        from ..data.betas import parse

        return parse(self.headers.get("anthropic-beta")) if self.headers else ()

    @property
    def date(self) -> _dt.date:
        return self.today if self.today is not None else _dt.date.today()

    @property
    def model_id(self) -> Optional[str]:
        value = self.body.get("model") if isinstance(self.body, dict) else None
        return value if isinstance(value, str) else None

    def view(self, derive: Callable[[Any], Iterable]) -> list:
        """``list(derive(body))``, computed once per request however many rules ask for it: the
        messages, the merged turns, the media blocks... (rules run one after another over the same
        request; each view is one pass instead of one pass per rule)."""
        memo = self._memos
        found = memo.get(derive)
        if found is None:
            found = memo[derive] = list(derive(self.body))
        return found

    def derived(self, derive: Callable[["Context"], Iterable]) -> list:
        """``list(derive(ctx))``, computed once per request: a view built from other views (the
        base64 images out of the media blocks), so it does not walk the request again."""
        memo = self._memos
        found = memo.get(derive)
        if found is None:
            found = memo[derive] = list(derive(self))
        return found

    def fact(self, derive: Callable[[Any], Any]) -> Any:
        """``derive(body)`` (any value, None included), computed once per request."""
        memo = self._memos
        if derive not in memo:
            memo[derive] = derive(self.body)
        return memo[derive]

    @cached_property
    def census(self) -> "Census":
        """What the request's content holds (:func:`census`), gathered once per request (then a
        plain attribute: rules ask for it often)."""
        return census(self.body)

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
    type: Any  # the block's `type`, read once: every pairing and thinking rule asks for it

    @property
    def loc(self) -> tuple:
        base = ("messages", self.message, "content")
        return base if self.index is None else base + (self.index,)


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


# Part(...) and Turn(...) run the named tuple's Python-level __new__; building the tuple directly
# halves the cost of the one record made per content block.
_new = tuple.__new__


def turns(body: Any) -> list[Turn]:
    """The conversation as the API sees it after merging same-role neighbours (api-rules G6)."""
    items = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(items, list):
        return []
    groups: list[tuple] = []  # (role, [message indices], [parts]); lists, so merging stays linear
    for n, message in enumerate(items):
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        if groups and groups[-1][0] == role:
            indices, parts = groups[-1][1], groups[-1][2]
            indices.append(n)
        else:
            indices, parts = [n], []
            groups.append((role, indices, parts))
        content = message.get("content")
        if isinstance(content, list):
            for m, block in enumerate(content):
                if isinstance(block, dict):
                    parts.append(_new(Part, (n, m, block, block.get("type"))))
        elif isinstance(content, str):
            parts.append(Part(n, None, {"type": "text", "text": content}, "text"))
    return [_new(Turn, (role, tuple(indices), tuple(parts))) for role, indices, parts in groups]


class TextPart(NamedTuple):
    """A text block of a message or of the system prompt (``block`` None: a message's string content)."""

    where: str  # "messages" or "system": the word the API's messages start with
    loc: tuple  # of the block (of the content, for string content)
    block: Optional[dict]
    text: str


class Census(NamedTuple):
    """What a request's content holds, gathered in one pass: a rule that looks for something rare
    (an empty text, a cache marker, a tool block, an image) asks here first and skips the many
    requests that have none of it, instead of walking every message itself."""

    types: frozenset  # `type` of every top-level message block ("" for a block that is no object or has no string type)
    by_role: dict  # role ("" when not a string) -> the types in that role's messages
    inner_types: frozenset  # types of the blocks in the `content` list of a top-level block (tool results, search results)
    keys: frozenset  # keys of the top-level message blocks, the system blocks and the tools
    blank: tuple  # TextPart: top-level text blocks and string contents whose text is empty or only
    # whitespace, those of messages first, in request order
    roles: frozenset  # the `role` of every message ("" when not a string)
    cache_places: tuple  # (message index, block index, block) of the top-level message blocks that
    # can hold a cache marker: their own `cache_control`, or content of their own that may
    empty: tuple  # indices of the messages whose content is "" or []


def _type_of(block) -> str:
    if not isinstance(block, dict):
        return ""
    kind = block.get("type")
    return kind if isinstance(kind, str) else ""


def census(body: Any) -> Census:
    types, inner, keys, blank, by_role, roles, places, empty = set(), set(), set(), [], {}, set(), [], []
    if not isinstance(body, dict):
        return Census(frozenset(), {}, frozenset(), frozenset(), (), frozenset(), (), ())
    tools = body.get("tools")
    if isinstance(tools, list):
        for tool in tools:
            if isinstance(tool, dict):
                keys.update(tool)
    items = body.get("messages")
    for n, message in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        role = role if isinstance(role, str) else ""
        roles.add(role)
        content = message.get("content")
        if isinstance(content, str):
            if not content or content.isspace():
                blank.append(TextPart("messages", ("messages", n, "content"), None, content))
                if not content:
                    empty.append(n)
            continue
        if not isinstance(content, list):
            continue
        if not content:
            empty.append(n)
        here = by_role.get(role)
        if here is None:
            here = by_role[role] = set()
        for m, block in enumerate(content):
            if not isinstance(block, dict):
                here.add("")
                continue
            kind = block.get("type")
            if not isinstance(kind, str):
                kind = ""
            here.add(kind)
            keys.update(block)
            if "cache_control" in block or "content" in block or "source" in block:
                places.append((n, m, block))
            if kind == "text":
                text = block.get("text")
                if isinstance(text, str) and (not text or text.isspace()):
                    blank.append(TextPart("messages", ("messages", n, "content", m), block, text))
                continue
            nested = block.get("content")
            if isinstance(nested, list):
                inner.update(map(_type_of, nested))
    system = body.get("system")
    if isinstance(system, list):
        for k, block in enumerate(system):
            if isinstance(block, dict):
                keys.update(block)
                text = block.get("text")
                if block.get("type") == "text" and isinstance(text, str) and (not text or text.isspace()):
                    blank.append(TextPart("system", ("system", k), block, text))
    for kinds in by_role.values():
        types |= kinds
    return Census(frozenset(types), {role: frozenset(kinds) for role, kinds in by_role.items()},
                  frozenset(inner), frozenset(keys), tuple(blank), frozenset(roles), tuple(places), tuple(empty))


# Tests shared by groups of rules (``rule(when=...)``): the engine asks each once per request.

def has_blank_text(ctx: Context) -> bool:
    """Whether any text block or string content is empty or only whitespace."""
    return bool(ctx.census.blank)


def has_empty_content(ctx: Context) -> bool:
    """Whether any message has content `""` or `[]`."""
    return bool(ctx.census.empty)


def has_system_role(ctx: Context) -> bool:
    """Whether any message has the role `system` (OpenAI-style histories)."""
    return "system" in ctx.census.roles


def ends_with_assistant(ctx: Context) -> bool:
    """Whether the last message is an assistant message (a prefill)."""
    items = ctx.get("messages")
    return isinstance(items, list) and bool(items) and isinstance(items[-1], dict) and items[-1].get("role") == "assistant"

