"""CL30x-CL32x: tool definitions and tool_choice."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

import claude_lint

from claude_lint.rules import tools as tool_rules
from claude_lint.rules.tools import _meta_validator, _plainly_valid
from tests import strategies as s
from tests.helpers import codes, error_codes, lint, only, request
from tests.test_fuzz import budget

SCHEMA_TEXT = (
    "tools.{k}.custom.input_schema: JSON schema is invalid. It must match JSON Schema draft 2020-12 "
    "(https://json-schema.org/draft/2020-12). Learn more about tool use at https://docs.claude.com/en/docs/tool-use."
)


# Schema keywords for generated schemas: every kind the fast path knows, and some it does not.
KEYWORDS = sorted({*tool_rules._STRING_KEYS, *tool_rules._FREE_KEYS, *tool_rules._LIST_KEYS, *tool_rules._BOOL_KEYS,
                   *tool_rules._COUNT_KEYS, *tool_rules._NUMBER_KEYS, *tool_rules._SUBSCHEMA_KEYS,
                   *tool_rules._SUBSCHEMA_MAP_KEYS, *tool_rules._SUBSCHEMA_LIST_KEYS, *tool_rules._OTHER_KEYWORDS,
                   "type", "required", "multipleOf", "pattern", "x-order", "nullable", "a"})


def tool(name="get_weather", schema=None, **extra):
    schema = schema if schema is not None else {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    return {"name": name, "description": "A tool.", "input_schema": schema, **extra}


def web_search(**extra):
    return {"type": "web_search_20250305", "name": "web_search", **extra}


class TestInvalidInputSchema:
    def test_string_false_for_additional_properties(self):
        body = request(tools=[tool(), tool("f", {"type": "object", "additionalProperties": "false"})])
        d = only(body, "CL301")
        assert d.severity == "error" and (d.status, d.error_type) == (400, "invalid_request_error")
        assert d.path == "tools.1.input_schema"
        assert d.api_message == SCHEMA_TEXT.format(k=1)
        assert "additionalProperties" in d.message

    @pytest.mark.parametrize("schema", [
        {"type": "object", "properties": {"n": {"type": "integer", "exclusiveMinimum": True}}},  # draft-04 boolean
        {"type": "object", "properties": {"a": {"type": "string", "required": True}}},
        {"type": "object", "properties": {"a": {"type": "int"}}},
        {"type": "object", "properties": {"xs": {"type": "array", "items": [{"type": "string"}]}}},  # draft-07 tuple
        {"type": "object", "required": ["a", "a"]},
        {"type": "object", "properties": {"a": "string"}},
    ])
    def test_meta_schema_violations(self, schema):
        assert only(request(tools=[tool(schema=schema)]), "CL301").api_message == SCHEMA_TEXT.format(k=0)

    def test_valid_schemas_pass(self):
        schema = {
            "type": "object",
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {
                "q": {"type": "string", "minLength": 1, "pattern": "^[a-z]+$", "x-order": 1},
                "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}, "uniqueItems": True},
                "mode": {"anyOf": [{"const": "a"}, {"enum": ["b", "c"]}], "nullable": True},
            },
            "$defs": {"tag": {"type": "string"}},
            "additionalProperties": False,
        }
        assert "CL301" not in codes(request(tools=[tool(schema=schema)]))

    def test_null_properties_and_required_read_as_absent(self):
        schema = {"type": "object", "properties": None, "required": None}
        assert "CL301" not in codes(request(tools=[tool(schema=schema)]))

    def test_uncompilable_regex_is_a_warning(self):
        schema = {"type": "object", "properties": {"name": {"type": "string", "pattern": "\\p{L}+"}}}
        d = only(request(tools=[tool(schema=schema)]), "CL301")
        assert d.severity == "warning" and d.api_message is None

    def test_server_tools_and_schema_errors_are_left_alone(self):
        assert "CL301" not in codes(request(tools=[web_search(), {"name": "f", "input_schema": "object"}]))

    def test_fast_path_agrees_with_the_meta_schema(self):
        checker = _meta_validator()
        samples = [
            {"type": "object", "properties": {"a": {"type": ["string", "null"], "default": None}}},
            {"type": "object", "properties": {"a": {"minimum": 1.5, "multipleOf": 0.5}}},
            {"type": "object", "definitions": {"x": True}, "dependentSchemas": {"a": {"required": ["b"]}}},
            {"if": {"properties": {"a": {"const": 1}}}, "then": {"required": ["b"]}, "else": False},
        ]
        for schema in samples:
            assert _plainly_valid(schema) and not list(checker.iter_errors(schema)), schema
        for schema in ({"type": []}, {"minLength": -1}, {"multipleOf": 0}, {"$id": "#x#"}, {"pattern": "["},
                       {"minLength": -2**70}, {"minLength": -10**5000}, {"multipleOf": -10**5000},
                       {"type": ["string", "string"]}, {"required": "a"}, {"enum": 1},
                       {"properties": {"a": {"type": "int"}}}, {"anyOf": []}, {"pattern": "\\p{L}"}):
            assert not _plainly_valid(schema), schema

    @given(st.recursive(
        st.one_of(st.booleans(), st.none(), st.integers(-3, 3), st.floats(-2, 2), st.just(-2**70), s.ints,
                  st.sampled_from(["string", "object", "int", "array", "[", "\\p{L}", "^a+$", "a", ""])),
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.sampled_from(KEYWORDS), children, max_size=4)),
        max_leaves=24))
    @budget(400)
    def test_every_schema_the_fast_path_passes_passes_the_meta_schema(self, schema):
        if _plainly_valid(schema):
            assert not list(_meta_validator().iter_errors(schema)), schema

    def test_nesting_past_the_fast_depth_goes_to_the_full_check(self):
        schema = {"type": "string"}
        for _ in range(tool_rules._MAX_FAST_DEPTH):
            schema = {"type": "object", "properties": {"a": schema}}
        assert _plainly_valid(schema)
        assert not _plainly_valid({"type": "object", "properties": {"a": schema}})
        assert "CL301" not in codes(request(tools=[tool(schema={"type": "object", "properties": {"a": schema}})]))



class TestTopLevelCombinator:
    def test_any_of_at_top(self):
        schema = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                  "anyOf": [{"required": ["a"]}, {"required": ["b"]}]}
        d = only(request(tools=[tool(schema=schema)]), "CL302")
        assert d.path == "tools.0.input_schema" and d.severity == "error"
        assert d.api_message == "tools.0.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level"

    def test_nested_any_of_is_fine(self):
        schema = {"type": "object", "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}
        assert error_codes(request(tools=[tool(schema=schema)])) == []


class TestDomainLists:
    def test_empty_blocked_domains(self):
        d = only(request(tools=[web_search(blocked_domains=[])]), "CL303")
        assert d.path == "tools.0.blocked_domains"
        assert d.api_message == (
            "tools.0.web_search_20250305.blocked_domains: Empty list of domains is ambiguous. Provide at least one domain or null."
        )

    def test_empty_allowed_domains_on_web_fetch(self):
        body = request(tools=[tool(), {"type": "web_fetch_20250910", "name": "web_fetch", "allowed_domains": []}])
        assert only(body, "CL303").api_message.startswith("tools.1.web_fetch_20250910.allowed_domains: Empty list")

    def test_null_and_one_domain_are_fine(self):
        assert error_codes(request(tools=[web_search(allowed_domains=None, blocked_domains=["spam.example"])])) == []

    def test_allowed_and_blocked(self):
        d = only(request(tools=[web_search(allowed_domains=["who.int"], blocked_domains=["spam.example"])]), "CL304")
        assert d.path == "tools.0.blocked_domains" and d.severity == "error" and d.api_message is None

    def test_custom_tool_with_domain_fields_is_not_checked_here(self):
        assert "CL304" not in codes(request(tools=[tool(allowed_domains=["a"], blocked_domains=["b"])]))


class TestDuplicateToolName:
    def test_two_custom_tools(self):
        d = only(request(tools=[tool("search"), tool("fetch"), tool("search")]), "CL310")
        assert d.path == "tools.2.name" and d.api_message == "tools: Tool names must be unique."

    def test_custom_tool_named_like_a_server_tool(self):
        d = only(request(tools=[web_search(), tool("web_search")]), "CL310")
        assert d.path == "tools.1.name" and d.severity == "error"

    def test_server_tool_without_name_counts_with_its_fixed_name(self):
        body = request(tools=[tool("bash"), {"type": "bash_20250124"}])
        assert only(body, "CL310").path == "tools.1.name"

    def test_distinct_names_are_fine(self):
        body = request(tools=[tool("search"), tool("Search"), web_search(), {"type": "bash_20250124", "name": "bash"}])
        assert "CL310" not in codes(body)


class TestStrictTool:
    def test_open_nested_object_is_a_warning(self):
        schema = {"type": "object", "additionalProperties": False,
                  "properties": {"opts": {"type": "object", "properties": {"x": {"type": "string"}}}}}
        d = only(request(tools=[tool(schema=schema, strict=True)]), "CL311")
        assert d.severity == "warning" and d.path == "tools.0.input_schema.properties.opts"

    def test_closed_schema_or_not_strict_is_fine(self):
        closed = {"type": "object", "properties": {"x": {"type": "string"}}, "additionalProperties": False}
        assert "CL311" not in codes(request(tools=[tool(schema=closed, strict=True), tool("g")]))


class TestToolChoiceWithoutTools:
    def test_any_without_tools(self):
        d = only(request(tool_choice={"type": "any"}), "CL320")
        assert d.severity == "error" and d.path == "tool_choice"
        assert d.api_message == "tool_choice.any may only be specified while providing tools"

    def test_tool_with_empty_tools(self):
        d = only(request(tool_choice={"type": "tool", "name": "f"}, tools=[]), "CL320")
        assert d.api_message == "tool_choice.tool may only be specified while providing tools"
        assert "CL321" not in codes(request(tool_choice={"type": "tool", "name": "f"}, tools=[]))

    @pytest.mark.parametrize("kind", ["auto", "none"])
    def test_auto_and_none_are_warnings(self, kind):
        d = only(request(tool_choice={"type": kind}), "CL320")
        assert d.severity == "warning"
        assert d.api_message == f"tool_choice.{kind} may only be specified while providing tools"

    def test_with_tools_is_fine(self):
        assert error_codes(request(tool_choice={"type": "any"}, tools=[tool()])) == []


class TestToolChoiceUnknownTool:
    def test_names_a_missing_tool(self):
        d = only(request(tool_choice={"type": "tool", "name": "lookup_user"}, tools=[tool("lookup_order")]), "CL321")
        assert d.severity == "error" and d.path == "tool_choice.name" and d.api_message is None

    def test_names_a_server_tool_by_fixed_name(self):
        assert error_codes(request(tool_choice={"type": "tool", "name": "web_search"}, tools=[web_search()])) == []

    def test_toolset_makes_it_a_warning(self):
        body = request(tool_choice={"type": "tool", "name": "mcp_tool"},
                       tools=[tool(), {"type": "mcp_toolset", "mcp_server_name": "srv"}])
        assert only(body, "CL321").severity == "warning"


def test_malformed_tools_do_not_crash():
    bodies = [
        request(tools="nope", tool_choice="any"),
        request(tools=[None, 3, {"input_schema": None}, {"type": 5, "name": ["x"]}], tool_choice={"type": ["tool"]}),
        request(tools=[{"name": "f", "input_schema": {"type": "object", "properties": {"a": {"pattern": 5}}}}]),
        request(tools=[{"type": "web_search_20250305", "name": "web_search", "allowed_domains": "a.com", "blocked_domains": {}}]),
    ]
    for body in bodies:
        assert not [d for d in lint(body) if d.code == "CL000"]


@pytest.mark.parametrize("depth", [200, 3000])
def test_deep_schema_does_not_crash(depth):
    schema = {"type": "object"}
    node = schema
    for _ in range(depth):
        node["properties"] = {"a": {"type": "object"}}
        node = node["properties"]["a"]
    # validate() directly: the helpers' deepcopy of the body cannot go this deep
    found = claude_lint.validate(request(tools=[tool(schema=schema, strict=True)]))
    assert not [d for d in found if d.code == "CL000"]


class TestToolVersionNotSupported:
    COMPUTER = {"type": "computer_20251124", "name": "computer", "display_width_px": 1024, "display_height_px": 768}

    def test_opus55_rejects_computer_20251124(self):
        d = only(request(model="claude-opus-5-5", tools=[self.COMPUTER]), "CL330")
        assert d.path == "tools.0.type" and d.severity == "error" and d.api_message is None

    def test_opus46_takes_it(self):
        assert error_codes(request(model="claude-opus-4-6", tools=[self.COMPUTER])) == []
