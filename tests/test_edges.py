"""Numbers and types at the edges, as the API's strict schema treats them (api-rules §1.2, §3 T5-T6).

The API does not convert types: numbers sent as strings are refused with pydantic's strict-mode
text (`max_tokens: Input should be a valid integer`, reported by several users), so floats and
booleans are not integers either. Optional fields may be null.
"""
import pytest

from tests.helpers import error_codes, errors, lint, request


@pytest.mark.parametrize("value", [1e3, 1024.0, True, "1024", "1e3", [1024], {"n": 1}])
def test_max_tokens_that_is_not_an_integer_is_a_type_error(value):
    [d] = errors(request(max_tokens=value))
    assert (d.code, d.path, d.api_message) == ("CL103", "max_tokens", "max_tokens: Input should be a valid integer")


def test_huge_integer_is_over_the_cap_not_a_crash():
    [d] = errors(request(max_tokens=2 ** 200))
    assert d.code == "CL610" and d.api_message.startswith(f"max_tokens: {2 ** 200} > 128000")


def test_negative_and_zero():
    assert error_codes(request(max_tokens=-1)) == ["CL105"]
    assert error_codes(request(max_tokens=0)) == []  # cache pre-warming, accepted since 2026-04
    assert error_codes(request(max_tokens=-0)) == []


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_rejected_without_a_crash(value):
    found = errors(request(temperature=value))
    assert found and all(d.code in ("CL103", "CL105") for d in found)
    assert error_codes(request(max_tokens=value)) == ["CL103"]


def test_integer_is_a_number_but_bool_is_not():
    assert error_codes(request(temperature=0)) == []
    assert error_codes(request(temperature=False)) == ["CL103"]


def test_strings_where_lists_are_expected_and_the_reverse():
    [d] = errors(request(stop_sequences="END"))
    assert d.api_message == "stop_sequences: Input should be a valid list"
    [d] = errors(request(messages="Hello"))
    assert d.path == "messages" and d.api_message == "messages: Input should be a valid list"
    [d] = errors(request(model=["claude-sonnet-4-6"]))
    assert d.api_message == "model: Input should be a valid string"
    assert error_codes(request(system=["Be brief."])) == ["CL103"]


@pytest.mark.parametrize("key", ["system", "temperature", "top_p", "top_k", "stop_sequences", "metadata",
                                 "tools", "tool_choice", "thinking", "service_tier", "stream", "output_config"])
def test_null_optional_fields_are_accepted(key):
    body = request()
    body[key] = None
    assert error_codes(body) == []


@pytest.mark.parametrize("key", ["model", "max_tokens", "messages"])
def test_null_required_fields_are_type_errors(key):
    body = request()
    body[key] = None
    [d] = errors(body)
    assert d.code == "CL103" and d.path == key


def test_null_everywhere_inside_a_message_never_crashes():
    body = request(messages=[{"role": None, "content": [None, {"type": None}, {"type": "text", "text": None}]}])
    found = lint(body)
    assert found and not [d for d in found if d.code == "CL000"]
