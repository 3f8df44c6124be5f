"""Run the pydantic models and turn their errors into findings that read like the API's own.

A pydantic location mixes real keys and indices with the tags of discriminated unions
(``messages, 0, content, ~list, 0, tool_use, text``). The API's messages keep the ``type`` tags and
drop the rest (``messages.0.content.0.tool_use.text: Extra inputs are not permitted``); our
``path`` keeps only real segments, so it points at a field of the request as sent.
"""
from __future__ import annotations

from typing import Any, Iterator

from pydantic import ValidationError

from ..diagnostic import value_text
from ..models import adapter
from ..models.common import HIDDEN_TAG_PREFIX, TYPE_TAG_PREFIX
from ..rules.base import Finding

# pydantic error type -> the schema rule that reports it
_RULE_OF_TYPE = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "union_tag_invalid": "unknown-type-tag",
    "union_tag_not_found": "missing-field",
    "literal_error": "invalid-value",
    "enum": "invalid-value",
    "greater_than_equal": "value-out-of-range",
    "greater_than": "value-out-of-range",
    "less_than_equal": "value-out-of-range",
    "less_than": "value-out-of-range",
    "finite_number": "value-out-of-range",
    "string_too_long": "invalid-length",
    "string_too_short": "invalid-length",
    "too_long": "invalid-length",
    "too_short": "invalid-length",
    "string_pattern_mismatch": "invalid-pattern",
}


def split_loc(loc: tuple, body: Any = None) -> tuple[tuple, tuple]:
    """``(path, api_loc)``: the real segments of ``loc``, and the segments the API shows.

    A segment is a union tag only where it is not a key of the object it is found in, so a body
    key that happens to start with a tag marker (``"~x"``, ``"@y"``) stays a key.
    """
    path, api_loc = [], []
    node = body
    for seg in loc:
        is_key = isinstance(node, dict) and seg in node
        if not is_key and isinstance(seg, str) and seg.startswith(HIDDEN_TAG_PREFIX):
            continue
        if not is_key and isinstance(seg, str) and seg.startswith(TYPE_TAG_PREFIX):
            api_loc.append(seg[len(TYPE_TAG_PREFIX):])
            continue
        path.append(seg)
        api_loc.append(seg)
        if is_key:
            node = node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
        else:
            node = None
    return tuple(path), tuple(api_loc)


def schema_findings(kind: str, body: Any, api_prefix: tuple = ()) -> Iterator[tuple[str, Finding]]:
    """``(rule name, finding)`` for every schema error of ``body`` validated as ``kind``;
    ``api_prefix`` is put in front of the path the API's message shows."""
    try:
        adapter(kind).validate_python(body)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            if error["type"] == "list_type" and type(error.get("input")) is tuple:
                continue  # sent as the JSON array it serialises to, as the compiled pass reads it
            yield _convert(error, api_prefix, body)
    except RecursionError:
        yield "nesting-too-deep", Finding((), "the request is nested too deeply to validate")


def _convert(error: dict, api_prefix: tuple = (), body: Any = None) -> tuple[str, Finding]:
    kind = error["type"]
    path, api_loc = split_loc(error["loc"], body)
    api_loc = tuple(api_prefix) + api_loc
    text = error["msg"]
    name = _RULE_OF_TYPE.get(kind, "wrong-type")
    value = error.get("input")
    if kind == "union_tag_invalid":
        ctx = error.get("ctx") or {}
        tag = str(ctx.get("tag", ""))
        expected = str(ctx.get("expected_tags", "")).replace("'" + TYPE_TAG_PREFIX, "'")
        text = (
            f"Input tag '{tag[len(TYPE_TAG_PREFIX):] if tag.startswith(TYPE_TAG_PREFIX) else tag}' "
            f"found using 'type' does not match any of the expected tags: {expected}"
        )
        path = path + ("type",)
    elif kind == "union_tag_not_found":
        if isinstance(value, dict):
            path, api_loc, text = path + ("type",), api_loc + ("type",), "Field required"
        else:
            name, text = "wrong-type", "Input should be a valid dictionary or object to extract fields from"
    elif kind == "model_type":
        text = "Input should be a valid dictionary"  # pydantic names our class here; the API's is not ours
    api_message = f"{'.'.join(map(str, api_loc))}: {text}" if api_loc else text
    return name, Finding(path, _plain(name, path, text, value), api_message=api_message, fix=_fix(name, path))


def _plain(name: str, path: tuple, text: str, value: Any) -> str:
    field = ".".join(map(str, path)) or "the request body"
    if name == "missing-field":
        return f"`{field}` is required but missing"
    if name == "unknown-field" and path:
        return f"`{path[-1]}` is not a field the API accepts here"
    if name == "unknown-type-tag":
        return f"`{field}` is {value_text(value.get('type'))}, which is not a type the API knows here" if isinstance(value, dict) else text
    return f"`{field}`: {text[0].lower()}{text[1:]}"


_FIXES = {
    "missing-field": "add the field",
    "unknown-field": "remove the key (a client-library option or another provider's field does not belong in the body)",
    "unknown-type-tag": "use one of the expected `type` values listed in the API's message",
    "invalid-value": "use one of the values the API lists",
    "value-out-of-range": "bring the value into the allowed range",
    "invalid-length": "shorten or lengthen the value to the allowed size",
    "invalid-pattern": "use only the characters the pattern allows",
    "wrong-type": "send the JSON type the API expects",
}


def _fix(name: str, path: tuple) -> str:
    return _FIXES.get(name, _FIXES["wrong-type"])
