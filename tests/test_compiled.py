"""The schema stage's compiled pass (checking/compiled.py). A body it accepts skips the models, so
accepting a body the models would refuse would hide their findings: on generated bodies, every
body it accepts is one the models accept. The reverse (it refuses, the models accept) only costs
time, and the valid conformance cases show it does not happen there."""
import json
import re

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

import claude_lint
from claude_lint.checking.compiled import STORED, accepts
from claude_lint.models import BODY_MODELS, adapter
from claude_lint.schemas import render_compiled
from tests import strategies as s
from tests.conformance.test_conformance import CASES, materialize
from tests.test_fuzz import budget

KIND_OF_ENDPOINT = {"messages": "messages", "count_tokens": "count_tokens", "batch": "batch"}
def short(value) -> str:
    return f"{value.bit_length()}-bit" if isinstance(value, int) and value.bit_length() > 64 else repr(value)


MINIMAL = {"model": "claude-sonnet-4-6", "max_tokens": 1024, "messages": [{"role": "user", "content": "hi"}]}


def models_accept(kind, body) -> bool:
    try:
        adapter(kind).validate_python(body)
    except (ValidationError, RecursionError):
        return False
    return True


def documents(body, endpoint):
    """``(kind, document)`` of each body the schema stage checks for a request to ``endpoint``."""
    yield KIND_OF_ENDPOINT[endpoint], body
    if endpoint == "batch" and isinstance(body, dict) and isinstance(body.get("requests"), list):
        for item in body["requests"]:
            yield "batch_item", item
            if isinstance(item, dict) and "params" in item:
                yield "messages", item["params"]


def assert_sound(body, endpoint):
    for kind, document in documents(body, endpoint):
        if accepts(kind, document):
            assert models_accept(kind, document), (kind, document)


def test_the_stored_schemas_match_the_models():
    assert STORED.read_text(encoding="utf-8") == render_compiled(), "run python scripts/build_compiled_schemas.py"


@pytest.mark.parametrize("kind", list(BODY_MODELS))
def test_no_reference_cycle_so_the_check_never_descends_deeper_than_the_request_shape(kind):
    defs = json.loads(STORED.read_text(encoding="utf-8"))[kind].get("$defs", {})
    refs = {name: set(re.findall(r'"#/\$defs/([^"]+)"', json.dumps(sub))) for name, sub in defs.items()}
    done = set()

    def visit(name, stack):
        assert name not in stack, " -> ".join(stack + [name])
        if name not in done:
            for target in refs[name]:
                visit(target, stack + [name])
            done.add(name)

    for name in refs:
        visit(name, [])


@pytest.mark.parametrize("kind", list(BODY_MODELS))
def test_the_models_unions_have_exclusive_members_so_any_of_may_stand_for_one_of(kind):
    """Each oneOf pydantic writes is tagged: its members require distinct `type` values (one may
    leave `type` out) or are distinct JSON types; at most one member can match a value."""
    schema = TypeAdapter(BODY_MODELS[kind]).json_schema()
    defs = schema.get("$defs", {})
    unions = []

    def collect(node):
        if isinstance(node, dict):
            if "oneOf" in node:
                unions.append(node["oneOf"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(schema)
    for members in unions:
        tags, untyped = [], 0
        for member in members:
            if "$ref" not in member:
                tags.append(("json type", member["type"]))
                continue
            model = defs[member["$ref"].rsplit("/", 1)[-1]]
            kind_of = model["properties"]["type"]
            if "type" not in model.get("required", ()):
                untyped += 1
                kind_of = next(b for b in kind_of["anyOf"] if b != {"type": "null"})
            tags.append(("type", kind_of["const"]))
        assert len(set(tags)) == len(tags) and untyped <= 1, members


def test_a_null_type_on_a_tool_is_left_to_the_models():
    tool = {"type": None, "name": "f", "input_schema": {"type": "object"}}
    body = {**MINIMAL, "tools": [tool]}
    assert not accepts("messages", body) and not models_accept("messages", body)
    del tool["type"]
    assert accepts("messages", body) and models_accept("messages", body)


@given(s.mutated(s.model_bodies(), max_mutations=4))
@budget(300, 0.3)
def test_a_generated_body_it_accepts_is_one_the_models_accept(case):
    body, endpoint, _ = case
    assert_sound(body, endpoint)


@given(s.mutated(s.case_seeds()))
@budget(200, 0.3)
def test_a_mutated_real_request_it_accepts_is_one_the_models_accept(case):
    body, endpoint, _ = case
    assert_sound(body, endpoint)


VALID = [c for c in CASES if c["expect"]["valid"]]


@pytest.mark.parametrize("case", VALID, ids=[c["id"] for c in VALID])
def test_it_accepts_the_valid_requests_so_they_skip_the_models(case):
    body, endpoint, _ = materialize(case)
    for kind, document in documents(body, "batch" if endpoint == "batch" else endpoint):
        assert accepts(kind, document), kind


@pytest.mark.parametrize("value", [1024.0, True, "1024", None, -1, -2**64, -10**5000], ids=short)
def test_it_refuses_what_the_models_refuse_for_an_integer(value):
    body = {**MINIMAL, "max_tokens": value}
    assert not accepts("messages", body)
    assert not models_accept("messages", body)


@pytest.mark.parametrize("value", [10**5000, -10**5000, 2.0], ids=short)
def test_it_refuses_what_the_models_refuse_for_a_number(value):
    body = {**MINIMAL, "temperature": value}
    assert not accepts("messages", body)
    assert not models_accept("messages", body)


def test_it_leaves_an_integer_past_64_bits_to_the_models_even_in_range():
    body = {**MINIMAL, "max_tokens": 2**64}
    assert not accepts("messages", body)
    assert models_accept("messages", body)  # the rules report it against the model's cap


@pytest.mark.parametrize("field, value", [("max_tokens", 1024), ("max_tokens", 2**63), ("temperature", 1), ("temperature", 0.5)])
def test_it_accepts_the_closest_valid_number(field, value):
    body = {**MINIMAL, field: value}
    assert accepts("messages", body) and models_accept("messages", body)


def test_a_whole_float_still_gets_the_models_message():
    found = claude_lint.validate({**MINIMAL, "max_tokens": 1024.0})
    assert [d.api_message for d in found] == ["max_tokens: Input should be a valid integer"]


class Text(str):
    pass


@pytest.mark.parametrize("body", [
    {**MINIMAL, 1: "a key that is not a string"},
    {**MINIMAL, "model": Text("claude-sonnet-4-6")},
    {**MINIMAL, "temperature": float("nan")},
    {**MINIMAL, "metadata": {"user_id": object()}},
], ids=["int-key", "str-subclass", "nan", "foreign-object"])
def test_a_value_it_cannot_read_goes_to_the_models_without_an_error(body):
    assert accepts("messages", body) is False


def _deep(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("where", ["metadata", "content", "tool-input", "system", "top"])
def test_deep_nesting_anywhere_is_answered_without_descending(where):
    deep = _deep(200_000)
    body = json.loads(json.dumps(MINIMAL))
    if where == "metadata":
        body["metadata"] = {"user_id": deep}
    elif where == "content":
        body["messages"][0]["content"] = [{"type": "text", "text": deep}]
    elif where == "tool-input":
        body["messages"] = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": [
            {"type": "tool_use", "id": "toolu_01", "name": "f", "input": {"a": deep}}]}]
    elif where == "system":
        body["system"] = deep
    else:
        body = deep
    assert accepts("messages", body) in (True, False)


@pytest.mark.parametrize("where", ["metadata.user_id", "tools.0.name", "model", "thinking key", "input_schema key"])
def test_a_lone_surrogate_in_a_measured_string_or_a_kept_key_gets_the_models_verdict(where):
    body = json.loads(json.dumps(MINIMAL))
    if where == "metadata.user_id":
        body["metadata"] = {"user_id": "a\ud800"}
    elif where == "tools.0.name":
        body["tools"] = [{"name": "f\ud800", "input_schema": {"type": "object"}}]
    elif where == "thinking key":  # a model that keeps unknown keys
        body["thinking"] = {"type": "adaptive", "a\ud800": None}
    elif where == "input_schema key":
        body["tools"] = [{"name": "f", "input_schema": {"type": "object", "x-\ud800": 1}}]
    else:
        body["model"] = "claude-sonnet-4-6\ud800"  # a plain string: the models take it, and so does the pass
    assert accepts("messages", body) is models_accept("messages", body)


@pytest.mark.parametrize("other_error", [False, True])
def test_a_tuple_is_read_as_the_array_it_is_sent_as_whatever_else_is_wrong(other_error):
    body = {**MINIMAL, "messages": ({"role": "user", "content": "hi"},), "stop_sequences": ("END",)}
    if other_error:
        body["max_tokens"] = "1024"
    found = [d.api_message for d in claude_lint.validate(body) if d.code.startswith("CL1")]
    assert found == (["max_tokens: Input should be a valid integer"] if other_error else [])
