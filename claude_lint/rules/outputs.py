"""CL81x: structured outputs — `output_config.format` (and the beta `output_format`) (api-rules §3 T24/T25).

The API reports schema problems against the schema as a whole (`output_config.format.schema:
For 'number' type, properties maximum, minimum are not supported`, for a nested property), so
every finding here sits at the schema's own path and names the nested place in its message.
"""
from __future__ import annotations

from ..checking.context import blocks, messages
from .base import Finding, rule, warn

_NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_STRING = ("minLength", "maxLength")
# keywords whose value is one subschema, a list of them, or a name -> subschema map
_ONE = ("items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames")
_LIST = ("anyOf", "allOf", "oneOf", "prefixItems", "items")
_MAP = ("properties", "$defs", "definitions", "patternProperties", "dependentSchemas")


def json_formats(ctx):
    """``(format loc, schema loc, schema, API path prefix)`` for each JSON-schema output format set."""
    config = ctx.get("output_config")
    candidates = (
        (("output_config", "format"), config.get("format") if isinstance(config, dict) else None, "output_config.format.schema"),
        (("output_format",), ctx.get("output_format"), "output_format.schema"),  # the beta spelling
    )
    for loc, fmt, prefix in candidates:
        if isinstance(fmt, dict) and fmt.get("type") == "json_schema" and isinstance(fmt.get("schema"), dict):
            yield loc, loc + ("schema",), fmt["schema"], prefix


def subschemas(schema):
    """``(pointer, subschema)`` for the schema and every schema nested in it, each once."""
    stack, seen = [((), schema)], set()
    while stack:
        pointer, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield pointer, node
        children = []
        for key in _ONE:
            if isinstance(node.get(key), dict):
                children.append((pointer + (key,), node[key]))
        for key in _LIST:
            if isinstance(node.get(key), list):
                children.extend((pointer + (key, i), s) for i, s in enumerate(node[key]) if isinstance(s, dict))
        for key in _MAP:
            if isinstance(node.get(key), dict):
                children.extend((pointer + (key, name), s) for name, s in node[key].items() if isinstance(s, dict))
        stack.extend(reversed(children))  # depth-first, in document order


def _where(pointer) -> str:
    return "the schema root" if not pointer else "/" + "/".join(map(str, pointer))


def _is_object(node) -> bool:
    kind = node.get("type")
    return kind == "object" or (isinstance(kind, list) and "object" in kind)


@rule("CL811", "output-schema-additional-properties", needs=('output_config', 'output_format'),
      source="api-rules.md §3 T24/T25 (observed: ax#458, veryfront#3918, litellm#35808); GA path prefix observed second-hand (the-llm-council#55)")
def output_schema_additional_properties(ctx):
    """An object in a structured-output schema does not set `additionalProperties: false`.

    Every object schema in `output_config.format.schema` must say `"additionalProperties":
    false`. The API answers `<path>: For 'object' type, 'additionalProperties' must be explicitly
    set to false` when it is missing and `<path>: For 'object' type, 'additionalProperties: true'
    is not supported. Please set 'additionalProperties' to false` when it is true (observed with
    the beta prefix `output_format.schema`; the GA field's errors carry `output_config.format.schema`,
    observed second-hand for a sibling message). Any other value (a schema) is rejected too, with
    a text not captured.

    Fix: add `"additionalProperties": false` to every object (the SDKs' schema helpers do this).

    Bad:  {"output_config": {"format": {"type": "json_schema", "schema": {"type": "object", "properties": {...}}}}}
    Good: {"output_config": {"format": {"type": "json_schema", "schema": {"type": "object", "properties": {...}, "additionalProperties": false}}}}
    """
    for _, loc, schema, prefix in json_formats(ctx):
        offending = [(pointer, node) for pointer, node in subschemas(schema)
                     if _is_object(node) and node.get("additionalProperties") is not False]
        if not offending:
            continue
        pointer, node = offending[0]  # the API names one problem; its text is the first object's
        if "additionalProperties" not in node:
            api = f"{prefix}: For 'object' type, 'additionalProperties' must be explicitly set to false"
            what = "does not set additionalProperties"
        elif node["additionalProperties"] is True:
            api = f"{prefix}: For 'object' type, 'additionalProperties: true' is not supported. Please set 'additionalProperties' to false"
            what = "sets additionalProperties to true"
        else:
            api, what = None, "sets additionalProperties to something other than false"
        yield Finding(loc, f"the object at {_where(pointer)} {what}{_others(offending)}; structured outputs need "
                           "additionalProperties: false on every object",
                      api_message=api, fix="set \"additionalProperties\": false on every object in the schema")


def _others(offending) -> str:
    rest = [_where(pointer) for pointer, _ in offending[1:]]
    if not rest:
        return ""
    shown = ", ".join(rest[:3]) + (f" and {len(rest) - 3} more" if len(rest) > 3 else "")
    return f" (so do {shown})"


def _unsupported(node):
    """The keywords of this subschema that the structured-outputs docs list as unsupported."""
    found = []
    found += [k for k in _NUMERIC if k in node]
    found += [k for k in _STRING if k in node]
    if "maxItems" in node:
        found.append("maxItems")
    min_items = node.get("minItems")
    if isinstance(min_items, int) and not isinstance(min_items, bool) and min_items > 1:
        found.append("minItems")
    if node.get("uniqueItems") is True:
        found.append("uniqueItems")
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        found.append("$ref")
    enum = node.get("enum")
    if isinstance(enum, list) and any(isinstance(v, (dict, list)) for v in enum):
        found.append("enum")
    return found


@rule("CL812", "output-schema-unsupported-keyword", needs=('output_config', 'output_format'), evidence="D",
      source="structured-outputs docs, JSON Schema limitations (documented: unsupported feature -> 400); the-llm-council#55 (observed second-hand text)")
def output_schema_unsupported_keyword(ctx):
    """A structured-output schema uses a JSON Schema feature the API does not support.

    Not supported (documented; "you'll receive a 400 error with details"): numerical constraints
    (`minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`), string length
    constraints (`minLength`, `maxLength`), array constraints beyond `minItems` 0 or 1 (`maxItems`,
    larger `minItems`, `uniqueItems`), external `$ref`s and objects or arrays inside `enum`. For a
    number the API answers `output_config.format.schema: For 'number' type, properties maximum,
    minimum are not supported` (observed second-hand); the other texts are not captured.

    Fix: remove the constraint and state it in the field's `description` (the SDKs'
    `transform_schema` helpers do this), then check the value in your code.

    Bad:  {"type": "number", "minimum": 0, "maximum": 1}
    Good: {"type": "number", "description": "between 0 and 1"}
    """
    for _, loc, schema, prefix in json_formats(ctx):
        offending = []
        for pointer, node in subschemas(schema):
            found = _unsupported(node)
            if found:
                offending.append((pointer, node, found))
        if not offending:
            continue
        pointer, node, found = offending[0]  # the API names one problem; its text is the first one's
        api = None
        # The captured text lists the keywords alphabetically; predict it only when that order is
        # also the order they were written in, so either reading of the capture gives the same text.
        if node.get("type") == "number" and all(k in _NUMERIC for k in found) and [k for k in node if k in found] == sorted(found):
            api = f"{prefix}: For 'number' type, properties {', '.join(sorted(found))} are not supported"
        places = [f"{_where(p)} ({', '.join(f)})" for p, _, f in offending]
        shown = "; ".join(places[:5]) + (f"; and {len(places) - 5} more" if len(places) > 5 else "")
        yield Finding(loc, f"the schema uses JSON Schema features structured outputs do not support: {shown}",
                      api_message=api, fix="move each constraint into the field's description and check it in your code")


def _citation_sources(body):
    """Documents and search results (top level or in tool results) with citations enabled."""
    for n, message in messages(body):
        for m, block in blocks(message.get("content")):
            nested = blocks(block.get("content")) if block.get("type") == "tool_result" else []
            for loc, item in [(("messages", n, "content", m), block)] + [
                    (("messages", n, "content", m, "content", k), inner) for k, inner in nested]:
                citations = item.get("citations")
                if item.get("type") in ("document", "search_result") and isinstance(citations, dict) and citations.get("enabled") is True:
                    yield loc


@rule("CL813", "json-output-with-citations", needs=('output_config', 'output_format'), evidence="D",
      source="structured-outputs docs, feature compatibility (documented: citations with output_config.format -> 400); case invalid-json-output-with-citations")
def json_output_with_citations(ctx):
    """Structured JSON output together with a document or search result that enables citations.

    Citations interleave citation blocks with the text, which a JSON schema cannot allow; the API
    rejects the combination (400, documented; text not captured).

    Fix: drop `output_config.format`, or set `citations.enabled` to false on the documents.

    Bad:  {"output_config": {"format": {...}}, "messages": [{"role": "user", "content": [{"type": "document", ..., "citations": {"enabled": true}}, ...]}]}
    Good: {"output_config": {"format": {...}}, "messages": [{"role": "user", "content": [{"type": "document", ...}, ...]}]}
    """
    formats = list(json_formats(ctx))
    if not formats:
        return
    first = next(_citation_sources(ctx.body), None)
    if first is not None:
        yield Finding(formats[0][0], f"structured output cannot be combined with citations (enabled at {'.'.join(map(str, first))})",
                      fix="remove output_config.format, or disable citations on the documents")


@rule("CL814", "json-output-with-prefill", needs=('output_config', 'output_format'), evidence="D", severity="warning", api=None,
      source="structured-outputs docs, feature compatibility (documented: prefilling incompatible with JSON outputs)")
def json_output_with_prefill(ctx):
    """Structured JSON output together with an assistant prefill.

    The docs list prefilling as incompatible with JSON outputs: the grammar constrains the whole
    answer, which a prefill would have to match. Whether the API rejects it or the output breaks
    is not documented, so this is a warning (models without prefill reject it anyway, CL206).

    Fix: drop the prefill; the schema already fixes the shape of the answer.

    Bad:  {"output_config": {"format": {...}}, "messages": [..., {"role": "assistant", "content": "{"}]}
    Good: {"output_config": {"format": {...}}, "messages": [...]}
    """
    items = ctx.get("messages")
    if not isinstance(items, list) or not items or not isinstance(items[-1], dict):
        return
    if items[-1].get("role") != "assistant" or not items[-1].get("content") or (ctx.model and ctx.model.prefill is False):
        return
    formats = list(json_formats(ctx))
    if formats:
        yield warn(("messages", len(items) - 1), "an assistant prefill is not compatible with structured JSON output",
                   fix="remove the prefill and rely on the schema")
