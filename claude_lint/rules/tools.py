"""CL30x–CL32x: tool definitions and `tool_choice` (api-rules §8, §9, §14.4).

Shapes (name pattern and length, `input_schema` present and of type object, known tool types,
server tools' fixed names, `tool_choice.type`) are the request models' job (CL1xx). The rules
here check what a schema cannot: that `input_schema` is itself a valid JSON Schema, names unique
across custom and server tools, domain lists, and a `tool_choice` that fits the tools given.

The API words several of these checks with the union tag in the path
(`tools.0.custom.input_schema: ...`, `tools.0.web_search_20250305.blocked_domains: ...`), the mark
of a check made while the body is parsed, so they run in the schema phase: before the model
lookup and before checks across the conversation.
"""
from __future__ import annotations

from ..diagnostic import value_text

import re
from functools import lru_cache
from typing import Any, Iterator, Optional

from ..data.tools import SERVER_TOOL_NAMES
from .base import Finding, Phase, rule, warn

_SCHEMA_DOCS = "https://docs.claude.com/en/docs/tool-use"
_DOMAIN_TOOLS = ("web_search", "web_fetch")
_COMBINATORS = ("oneOf", "allOf", "anyOf")
_NULLABLE_TOP = ("properties", "required")


# --- shared helpers -------------------------------------------------------------------------


def _tools(ctx) -> list[tuple[int, dict]]:
    """``(index, tool)`` of each tool that is an object (a per-request view: most rules here ask)."""
    return ctx.derived(_tool_items)


def _tool_items(ctx) -> list[tuple[int, dict]]:
    items = ctx.get("tools")
    if not isinstance(items, list):
        return []
    return [(k, t) for k, t in enumerate(items) if isinstance(t, dict)]


def _is_custom(tool: dict) -> bool:
    return tool.get("type") in (None, "custom")


def _tool_name(tool: dict) -> Optional[str]:
    """The name the API knows a tool by: its `name`, else a server tool's fixed name."""
    name = tool.get("name")
    if isinstance(name, str):
        return name
    kind = tool.get("type")
    return SERVER_TOOL_NAMES.get(kind) if isinstance(kind, str) else None


def _custom_schemas(ctx) -> list[tuple[int, str, dict]]:
    """``(index, label, input_schema)`` of each custom tool whose schema is an object."""
    return ctx.derived(_custom_schema_items)


def _custom_schema_items(ctx) -> Iterator[tuple[int, str, dict]]:
    for k, tool in _tools(ctx):
        schema = tool.get("input_schema")
        if _is_custom(tool) and isinstance(schema, dict):
            name = tool.get("name")
            yield k, f"tool {k} ({name})" if isinstance(name, str) else f"tool {k}", schema


# --- input_schema ---------------------------------------------------------------------------


@rule("CL301", "invalid-input-schema", needs=('tools',), phase=Phase.SCHEMA,
      source="api-rules.md §8 TOOL6 (observed: cc#7365, cc#8900, cc#63673, mcp-gsuite#19)")
def invalid_input_schema(ctx):
    """A custom tool's `input_schema` is not a valid JSON Schema (draft 2020-12).

    The API checks every `input_schema` against the draft 2020-12 meta-schema and answers
    `tools.<K>.custom.input_schema: JSON schema is invalid. It must match JSON Schema draft
    2020-12 (https://json-schema.org/draft/2020-12). Learn more about tool use at
    https://docs.claude.com/en/docs/tool-use.` (observed; 2025 bodies link docs.anthropic.com).
    Typical causes: `"additionalProperties": "false"` as a string, draft-04 leftovers such as
    `"exclusiveMinimum": true` or `"required": true` on a property, `"items": [...]` tuples
    (2020-12 spells them `prefixItems`), or an unknown `type` such as `"int"`. A `pattern` that
    Python cannot compile (e.g. `\\p{L}`) is only a warning: which regex dialect the API uses is
    not known.

    Fix: correct the keyword the message names; validate tool schemas with a draft 2020-12
    validator before sending them.

    Bad:  {"name": "f", "input_schema": {"type": "object", "additionalProperties": "false"}}
    Good: {"name": "f", "input_schema": {"type": "object", "additionalProperties": false}}
    """
    schemas = list(_custom_schemas(ctx))
    if not schemas:
        return
    checker = None  # built once per request, only when a schema needs the full check
    for k, label, schema in schemas:
        if any(schema.get(key, 0) is None for key in _NULLABLE_TOP):
            # The API's own model of input_schema takes null here (OpenAPI); read it as absent.
            schema = {key: value for key, value in schema.items() if not (key in _NULLABLE_TOP and value is None)}
        if _plainly_valid(schema):
            continue
        if checker is None:
            checker = _meta_validator()
        try:
            errors = list(checker.iter_errors(schema))
        except Exception:  # a body too deep or too odd to validate must not stop the other rules
            continue
        structural = [e for e in errors if e.validator != "format"]
        loc = ("tools", k, "input_schema")
        if structural:
            yield Finding(
                loc,
                f"{label}: input_schema is not valid JSON Schema 2020-12: {_describe(structural)}",
                api_message=(
                    f"tools.{k}.custom.input_schema: JSON schema is invalid. It must match JSON Schema draft 2020-12 "
                    f"(https://json-schema.org/draft/2020-12). Learn more about tool use at {_SCHEMA_DOCS}."
                ),
                fix="correct the schema keyword named in the message",
            )
        elif errors:
            yield warn(loc, f"{label}: input_schema has a regular expression Python cannot compile: {_describe(errors)}",
                       fix="use a regular expression without dialect-specific syntax")


def _meta_validator():
    # Imported lazily: jsonschema is needed only for requests whose schemas need the full check.
    # Only the `regex` format is checked, so the verdict does not depend on optional packages.
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(Draft202012Validator.META_SCHEMA, format_checker=FormatChecker(formats=("regex",)))


def _describe(errors: list) -> str:
    from jsonschema.exceptions import best_match

    error = best_match(errors)
    where = "/".join(str(s) for s in error.absolute_path)
    text = error.message if len(error.message) <= 160 else error.message[:157] + "..."
    return f"{text} (at {where or 'the top level'})"


# The full meta-schema check costs about a millisecond per schema; most tool schemas use a few
# plain keywords, and for those a schema of "plain schemas", checked in compiled code, reaches the
# same verdict in a microsecond. A keyword of the 2020-12 vocabularies that it does not model
# sends the schema to the full check; a keyword outside them is unconstrained by the meta-schema
# (`x-order`, `nullable`), as there.
_SIMPLE_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"]
_STRING_KEYS = ("title", "description", "$comment", "format", "$schema", "$ref", "contentEncoding", "contentMediaType")
_FREE_KEYS = ("default", "const")
_LIST_KEYS = ("enum", "examples")
_BOOL_KEYS = ("uniqueItems", "deprecated", "readOnly", "writeOnly")
_COUNT_KEYS = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains",
               "maxContains")
_NUMBER_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_SUBSCHEMA_KEYS = ("items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else",
                   "unevaluatedItems", "unevaluatedProperties", "contentSchema")
_SUBSCHEMA_MAP_KEYS = ("properties", "$defs", "definitions", "dependentSchemas")
_SUBSCHEMA_LIST_KEYS = ("anyOf", "oneOf", "allOf", "prefixItems")
# Keywords the meta-schema constrains but the plain schema leaves to the full check.
_OTHER_KEYWORDS = ("$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$recursiveRef",
                   "$recursiveAnchor", "patternProperties", "dependentRequired", "dependencies")
# Subschemas nested deeper than this go to the full check: the plain schema is unrolled level by
# level (no reference cycle), so its check never descends further, however deep the body.
_MAX_FAST_DEPTH = 32


def _plain_level(depth: int) -> dict:
    """The plain schema at nesting ``depth``: its subschemas are checked by the next level."""
    if depth > _MAX_FAST_DEPTH:
        return {"type": "boolean"}
    sub = {"$ref": f"#/$defs/{depth + 1}"}
    number = {"type": "number"}
    # jsonschema-rs compares an integer past 64 bits with a bound only approximately: such a count
    # or divisor goes to the full check.
    exact = {"strictNumber": "number"}
    keyword = {
        **dict.fromkeys(_STRING_KEYS, {"type": "string"}),
        "type": {"anyOf": [{"enum": _SIMPLE_TYPES},
                           {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": _SIMPLE_TYPES}}]},
        "required": {"type": "array", "uniqueItems": True, "items": {"type": "string"}},
        **dict.fromkeys(_SUBSCHEMA_MAP_KEYS, {"type": "object", "additionalProperties": sub}),
        **dict.fromkeys(_SUBSCHEMA_KEYS, sub),
        **dict.fromkeys(_SUBSCHEMA_LIST_KEYS, {"type": "array", "minItems": 1, "items": sub}),
        **dict.fromkeys(_LIST_KEYS, {"type": "array"}),
        **dict.fromkeys(_BOOL_KEYS, {"type": "boolean"}),
        **dict.fromkeys(_COUNT_KEYS, {"type": "integer", "minimum": 0, **exact}),
        **dict.fromkeys(_NUMBER_KEYS, number),
        "multipleOf": {**number, "exclusiveMinimum": 0, **exact},
        "pattern": {"type": "string", "format": "regex"},  # a Python regular expression (_compiles)
        **dict.fromkeys(_OTHER_KEYWORDS, False),
    }
    return {"type": ["object", "boolean"], "properties": keyword}


@lru_cache(maxsize=None)
def _plain_validator():
    # Built once, on the first request with a custom tool; a validator is immutable and safe to share.
    from ..checking.compiled import compile_schema

    levels = {str(depth): _plain_level(depth) for depth in range(_MAX_FAST_DEPTH + 2)}
    return compile_schema({"$defs": levels, "$ref": "#/$defs/0"}, formats={"regex": _compiles})


def _plainly_valid(schema: Any) -> bool:
    """True only when ``schema`` certainly passes the 2020-12 meta-schema check."""
    try:
        return _plain_validator().is_valid(schema)
    except Exception:  # a value the compiled check cannot read: the full check decides
        return False


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


@rule("CL302", "input-schema-top-level-combinator", needs=('tools',), phase=Phase.SCHEMA,
      source="api-rules.md §8 TOOL7 (observed: codewhale#4329, mobile-mcp#344)")
def input_schema_top_level_combinator(ctx):
    """A custom tool's `input_schema` uses `oneOf`, `allOf` or `anyOf` at its top level.

    The API answers `tools.<K>.custom.input_schema: input_schema does not support oneOf, allOf,
    or anyOf at the top level` (observed, 2026). Nested combinators (inside `properties`) are
    fine. MCP servers that describe "either this argument or that one" often produce this shape.

    Fix: describe the alternatives inside one object schema (make the alternative fields
    optional and explain the rule in the description), or split the tool in two.

    Bad:  {"input_schema": {"type": "object", "properties": {...}, "anyOf": [{"required": ["a"]}, {"required": ["b"]}]}}
    Good: {"input_schema": {"type": "object", "properties": {...}}, "description": "Pass either a or b."}
    """
    for k, label, schema in _custom_schemas(ctx):
        found = [key for key in _COMBINATORS if key in schema]
        if found:
            yield Finding(
                ("tools", k, "input_schema"),
                f"{label}: input_schema has `{found[0]}` at its top level, which the API does not support",
                api_message=f"tools.{k}.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level",
                fix="move the alternatives into the properties, or split the tool",
            )


# --- web search / web fetch -----------------------------------------------------------------


def _domain_tools(ctx) -> Iterator[tuple[int, dict, str]]:
    for k, tool in _tools(ctx):
        kind = tool.get("type")
        if isinstance(kind, str) and SERVER_TOOL_NAMES.get(kind) in _DOMAIN_TOOLS:
            yield k, tool, kind


@rule("CL303", "empty-domain-list", needs=('tools',), phase=Phase.SCHEMA,
      source="api-rules.md §8 TOOL12 (observed: cherry#10374, cliproxy#2681)")
def empty_domain_list(ctx):
    """A web search or web fetch tool has `allowed_domains: []` or `blocked_domains: []`.

    The API answers `tools.<K>.<type>.blocked_domains: Empty list of domains is ambiguous.
    Provide at least one domain or null.` (observed for `web_search_20250305`). An empty allow
    list could mean "nothing" or "everything", so the API refuses to guess.

    Fix: leave the key out (or send `null`) for no restriction; list at least one domain otherwise.

    Bad:  {"type": "web_search_20250305", "name": "web_search", "blocked_domains": []}
    Good: {"type": "web_search_20250305", "name": "web_search"}
    """
    for k, tool, kind in _domain_tools(ctx):
        for key in ("allowed_domains", "blocked_domains"):
            if tool.get(key) == []:
                yield Finding(
                    ("tools", k, key),
                    f"tool {k} ({kind}) has an empty `{key}` list",
                    api_message=f"tools.{k}.{kind}.{key}: Empty list of domains is ambiguous. Provide at least one domain or null.",
                    fix=f"remove `{key}` (or set it to null), or list at least one domain",
                )


@rule("CL304", "allowed-and-blocked-domains", needs=('tools',), phase=Phase.SCHEMA,
      source="api-rules.md §8 TOOL13 (documented: web search and web fetch tool docs, OpenAPI docstrings)")
def allowed_and_blocked_domains(ctx):
    """A web search or web fetch tool sets both `allowed_domains` and `blocked_domains`.

    The two lists are mutually exclusive (documented); the API rejects a tool with both. Its
    exact text is not captured. (`Cannot specify both allowed_domains and blocked_domains in the
    same request` is Claude Code's own client-side message, not the API's.)

    Fix: keep one list: an allow list, or a block list.

    Bad:  {"type": "web_search_20250305", "name": "web_search", "allowed_domains": ["who.int"], "blocked_domains": ["spam.example"]}
    Good: {"type": "web_search_20250305", "name": "web_search", "allowed_domains": ["who.int"]}
    """
    for k, tool, kind in _domain_tools(ctx):
        if isinstance(tool.get("allowed_domains"), list) and isinstance(tool.get("blocked_domains"), list):
            yield Finding(("tools", k, "blocked_domains"),
                          f"tool {k} ({kind}) sets both `allowed_domains` and `blocked_domains`; use one of them",
                          fix="remove `blocked_domains` or `allowed_domains`")


# --- names and strict tools -----------------------------------------------------------------


@rule("CL310", "duplicate-tool-name", needs=('tools',),
      source="api-rules.md §8 TOOL3 (observed: theia#16122, vscode#278073, librechat#13162); §20 (vscode#276110, server-tool names)")
def duplicate_tool_name(ctx):
    """Two tools have the same name (server tools count with their fixed names).

    The API answers `tools: Tool names must be unique.` (observed). An Anthropic-defined tool
    takes its fixed name (`web_search`, `bash`, `memory`, `str_replace_based_edit_tool`, ...),
    so a custom tool of that name next to it clashes too (observed with `memory`). Usually two
    MCP servers, or a tool list built twice, bring the same tool.

    Fix: drop the duplicate, or rename one of the tools.

    Bad:  [{"type": "web_search_20250305", "name": "web_search"}, {"name": "web_search", "input_schema": {...}}]
    Good: [{"type": "web_search_20250305", "name": "web_search"}, {"name": "site_search", "input_schema": {...}}]
    """
    first: dict = {}
    for k, tool in _tools(ctx):
        name = _tool_name(tool)
        if name is None:
            continue
        if name in first:
            yield Finding(("tools", k, "name"), f"tool {k} is named {value_text(name)}, like tool {first[name]}",
                          api_message="tools: Tool names must be unique.", fix=f"remove or rename one of the tools named {value_text(name)}")
        else:
            first[name] = k


@rule("CL311", "strict-tool-open-object", needs=('tools',), severity="warning",
      source="api-rules.md §8 TOOL9 (inferred from T24 and the structured-outputs docs: GoModel#963)")
def strict_tool_open_object(ctx):
    """A `strict: true` tool has an object schema without `additionalProperties: false`.

    Strict tool use applies the structured-outputs rules to `input_schema`, where every object
    must set `additionalProperties: false` (`For 'object' type, 'additionalProperties' must be
    explicitly set to false`, observed for `output_config.format`). That strict tools are
    checked the same way is inferred, hence a warning.

    Fix: add `"additionalProperties": false` to every object in the schema, or drop `strict`.

    Bad:  {"name": "f", "strict": true, "input_schema": {"type": "object", "properties": {"a": {"type": "string"}}}}
    Good: {"name": "f", "strict": true, "input_schema": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}}
    """
    for k, tool in _tools(ctx):
        schema = tool.get("input_schema")
        if not _is_custom(tool) or tool.get("strict") is not True or not isinstance(schema, dict):
            continue
        where = _open_object(schema, ("tools", k, "input_schema"), 0)
        if where is not None:
            yield warn(where, f"strict tool {k} has an object schema without `additionalProperties: false`",
                       fix="set `additionalProperties: false` on every object schema of a strict tool")


def _open_object(schema: Any, loc: tuple, depth: int) -> Optional[tuple]:
    """The loc of the first object schema that is not closed, or None."""
    if not isinstance(schema, dict) or depth > 64:
        return None
    kind = schema.get("type")
    is_object = kind == "object" or (isinstance(kind, list) and "object" in kind) or "properties" in schema
    if is_object and schema.get("additionalProperties") is not False:
        return loc
    for key in ("properties", "$defs", "definitions"):
        children = schema.get(key)
        if isinstance(children, dict):
            for name, child in children.items():
                found = _open_object(child, loc + (key, name), depth + 1)
                if found is not None:
                    return found
    for key in ("items", "additionalProperties"):
        found = _open_object(schema.get(key), loc + (key,), depth + 1)
        if found is not None:
            return found
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        children = schema.get(key)
        if isinstance(children, list):
            for i, child in enumerate(children):
                found = _open_object(child, loc + (key, i), depth + 1)
                if found is not None:
                    return found
    return None


# --- tool_choice ----------------------------------------------------------------------------


def _choice(ctx) -> tuple[Optional[dict], Optional[str]]:
    choice = ctx.get("tool_choice")
    if not isinstance(choice, dict):
        return None, None
    kind = choice.get("type")
    return choice, kind if kind in ("auto", "any", "tool", "none") else None


def _has_mcp_servers(ctx) -> bool:
    servers = ctx.get("mcp_servers")
    return isinstance(servers, list) and bool(servers)


@rule("CL320", "tool-choice-without-tools", needs=('tool_choice',), phase=Phase.SCHEMA,
      source="api-rules.md §9 TC4 (observed second-hand: fix:52903146656, fix:66369154819, fix:57928877998)")
def tool_choice_without_tools(ctx):
    """`tool_choice` is set while `tools` is absent or empty.

    The API answers `tool_choice.<type> may only be specified while providing tools`, for
    example `tool_choice.any may only be specified while providing tools` (observed
    second-hand). Captures exist for `any`; two client projects say every `tool_choice` type is
    refused without tools, so `auto` and `none` are reported as warnings until a capture
    confirms them. Frequent cause: a client filters out every tool but keeps the choice.

    Fix: drop `tool_choice` when there are no tools. To forbid tool calls while a conversation
    holds tool history, keep the tools and send `{"type": "none"}`.

    Bad:  {"tool_choice": {"type": "any"}, "messages": [...]}
    Good: {"messages": [...]}
    """
    choice, kind = _choice(ctx)
    tools = ctx.get("tools")
    if kind is None or not (tools is None or tools == []):
        return
    text = f"tool_choice.{kind} may only be specified while providing tools"
    fix = "remove `tool_choice`, or provide the tools"
    if kind in ("any", "tool") and not _has_mcp_servers(ctx):
        yield Finding(("tool_choice",), f"`tool_choice` is {value_text(kind)} but the request defines no tools", api_message=text, fix=fix)
    else:
        yield warn(("tool_choice",), f"`tool_choice` is {value_text(kind)} but the request defines no tools; the API may reject it",
                   api_message=text, fix=fix)


@rule("CL321", "tool-choice-unknown-tool", needs=('tool_choice',),
      source="api-rules.md §9 TC5 (documented: OpenAPI / tool-use docs; smg#833)")
def tool_choice_unknown_tool(ctx):
    """`tool_choice` forces a tool (`type: "tool"`) whose name is not in `tools`.

    The named tool must be one of the request's tools (documented); the API rejects the
    request. Its exact text is not captured. Server tools count with their fixed names. When a
    tool's name cannot be known here (an MCP toolset), this is only a warning.

    Fix: name a tool from `tools` (names are case-sensitive), or add the tool.

    Bad:  {"tools": [{"name": "lookup_order", ...}], "tool_choice": {"type": "tool", "name": "lookup_user"}}
    Good: {"tools": [{"name": "lookup_order", ...}], "tool_choice": {"type": "tool", "name": "lookup_order"}}
    """
    choice, kind = _choice(ctx)
    tools = _tools(ctx)
    name = choice.get("name") if choice else None
    if kind != "tool" or not isinstance(name, str) or not tools:
        return
    names = {_tool_name(t) for _, t in tools}
    if name in names:
        return
    message = f"`tool_choice` names {value_text(name)}, which is not one of the request's tools"
    fix = f"name one of the tools ({', '.join(sorted(n for n in names if n)[:5])}), or add {value_text(name)} to `tools`"
    if None in names or _has_mcp_servers(ctx):
        yield warn(("tool_choice", "name"), message + " (unless a toolset provides it)", fix=fix)
    else:
        yield Finding(("tool_choice", "name"), message, fix=fix)


@rule("CL330", "tool-version-not-supported", needs=('tools',), evidence="D",
      source="api-version-2026-10-21.md §5 VN5 (documented: Opus 5.5 and Fable 5.2 pages; Sonnet 5.5 notes)")
def tool_version_not_supported(ctx):
    """A tool version the model no longer accepts.

    Claude Opus 5.5 and Sonnet 5.5 (on the Claude API and Google Cloud) and Fable 5.2 (everywhere
    but Bedrock) reject the `computer_20251124` computer-use tool that earlier models took (400;
    the exact text is not captured).

    Fix: use the computer-use tool version documented for the model, or a model that takes it.

    Bad:  {"model": "claude-opus-5-5", "tools": [{"type": "computer_20251124", "name": "computer", ...}]}
    Good: {"model": "claude-opus-4-6", "tools": [{"type": "computer_20251124", "name": "computer", ...}]}
    """
    info = ctx.model
    if info is None or not info.rejected_tool_types:
        return
    for k, tool in _tools(ctx):
        if tool.get("type") in info.rejected_tool_types:
            yield Finding(("tools", k, "type"), f"{ctx.model_id} does not accept the `{tool['type']}` tool",
                          fix="use the tool version documented for this model")
