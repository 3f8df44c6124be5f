"""Building blocks shared by the request models.

Every model forbids unknown keys, as the API does. Unions that the API tells apart by ``type``
use :func:`tagged`, whose tags are the ``type`` values: pydantic then puts the tag into error
locations exactly where the API's own messages have it (``messages.0.content.1.tool_use.text``).
Union tags carry a marker (``@`` for a ``type`` tag the API shows, ``~`` for the string-or-list
tags it does not), so error locations can be split into real keys and tags without guessing.
"""
from __future__ import annotations

from typing import Annotated, Any, Callable, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

# Tags that pydantic inserts into error locations: "@<type>" appears in the API's paths as
# "<type>"; "~..." never appears.
TYPE_TAG_PREFIX = "@"
HIDDEN_TAG_PREFIX = "~"
STR_TAG = "~str"
LIST_TAG = "~list"


# strict: the API does not convert types. `"max_tokens": "1024"` is answered with
# `max_tokens: Input should be a valid integer` (reported by several users whose clients sent
# numbers as strings), which is pydantic's strict-mode text; lax mode would have accepted it.
class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class OpenModel(BaseModel):
    """For shapes the public record does not pin down (beta features): known fields are checked,
    unknown ones are allowed, so a new field never becomes a false alarm."""

    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)


def _type_of(default: Optional[str] = None) -> Callable[[Any], Optional[str]]:
    def discriminate(value: Any) -> Optional[str]:
        if isinstance(value, dict):
            tag = value.get("type", default)
            if tag is None:
                return None
            if isinstance(tag, str):
                return TYPE_TAG_PREFIX + tag
            try:
                return TYPE_TAG_PREFIX + repr(tag)
            except ValueError:  # an integer too long to print
                return TYPE_TAG_PREFIX + type(tag).__name__
        return None

    discriminate.__name__ = "type"
    return discriminate


def tagged(*members: type, default: Optional[str] = None) -> Any:
    """A union of models told apart by their ``type`` literal (``default`` when ``type`` is absent)."""
    options = tuple(Annotated[m, Tag(TYPE_TAG_PREFIX + _tag_of(m))] for m in members)
    return Annotated[Union[options], Discriminator(_type_of(default))]  # type: ignore[valid-type]


def _tag_of(model: type) -> str:
    annotation = model.model_fields["type"].annotation
    args = getattr(annotation, "__args__", ())
    literal = next((a for a in args if a is not type(None)), annotation)
    values = getattr(literal, "__args__", (literal,))
    return values[0]


def str_or_list(item: Any, *, failing_branch: str = LIST_TAG) -> Any:
    """``str | list[item]``. A value that is neither is reported against one branch only
    (``failing_branch``), as the API does (``messages.0.content: Input should be a valid list``)."""

    def discriminate(value: Any) -> str:
        if isinstance(value, str):
            return STR_TAG
        if isinstance(value, list):
            return LIST_TAG
        return failing_branch

    return Annotated[
        Union[Annotated[str, Tag(STR_TAG)], Annotated[list[item], Tag(LIST_TAG)]],
        Discriminator(discriminate),
    ]


class CacheControl(ApiModel):
    type: Literal["ephemeral"]
    ttl: Optional[Literal["5m", "1h"]] = None


class CitationsConfig(ApiModel):
    enabled: Optional[bool] = None


OptionalCache = Optional[CacheControl]
NonNegativeInt = Annotated[int, Field(ge=0)]
