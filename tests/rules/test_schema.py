"""CL101-CL109: schema errors from the request models, in the API's pydantic-style words.

The API's text keeps the tags of discriminated unions (`tool_use`, `custom`, `base64`, `enabled`,
`tool`); our `path` never does: it names the field of the request as sent (api-rules §1.3, §16).
"""
import pytest

import claude_lint
from tests.helpers import codes, error_codes, only, request, user, assistant

TOOL = {"name": "get_weather", "description": "Weather for a city.",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}


def _same_api_answer(d, status=400, error_type="invalid_request_error"):
    assert d.severity == "error"
    assert (d.status, d.error_type) == (status, error_type)


class TestMissingField:
    def test_max_tokens_with_observed_text(self):
        d = only(request(max_tokens=None), "CL101")
        _same_api_answer(d)
        assert d.name == "missing-field"
        assert d.path == "max_tokens" and d.api_message == "max_tokens: Field required"

    @pytest.mark.parametrize("key", ["model", "messages"])
    def test_other_required_top_level_keys(self, key):
        d = only(request(**{key: None}), "CL101")
        assert d.path == key and d.api_message == f"{key}: Field required"

    def test_count_tokens_does_not_need_max_tokens(self):
        body = request(max_tokens=None)
        assert error_codes(body, endpoint="count_tokens") == []

    def test_tool_choice_without_type_observed(self):
        body = request(tools=[TOOL], tool_choice={"name": "get_weather"})
        d = only(body, "CL101")
        _same_api_answer(d)
        assert d.path == "tool_choice.type"
        assert d.api_message == "tool_choice.type: Field required"

    def test_tool_choice_tool_without_name_keeps_the_tag(self):
        d = only(request(tools=[TOOL], tool_choice={"type": "tool"}), "CL101")
        assert d.path == "tool_choice.name"
        assert d.api_message == "tool_choice.tool.name: Field required"

    def test_block_without_type_points_at_type(self):
        d = only(request(messages=[user([{"text": "hi"}])]), "CL101")
        assert d.path == "messages.0.content.0.type"
        assert d.api_message == "messages.0.content.0.type: Field required"

    def test_text_block_without_text(self):
        d = only(request(messages=[user([{"type": "text"}])]), "CL101")
        assert d.path == "messages.0.content.0.text"
        assert d.api_message == "messages.0.content.0.text.text: Field required"

    def test_thinking_without_budget(self):
        d = only(request(max_tokens=4096, thinking={"type": "enabled"}), "CL101")
        assert d.path == "thinking.budget_tokens"
        assert d.api_message == "thinking.enabled.budget_tokens: Field required"

    def test_custom_tool_without_input_schema(self):
        d = only(request(tools=[{"name": "get_time", "description": "Current time."}]), "CL101")
        assert d.path == "tools.0.input_schema"
        assert d.api_message == "tools.0.custom.input_schema: Field required"

    def test_message_without_role(self):
        d = only(request(messages=[{"content": "Hi"}]), "CL101")
        assert d.path == "messages.0.role" and d.api_message == "messages.0.role: Field required"

    def test_complete_request_has_no_schema_error(self):
        assert error_codes(request(tools=[TOOL], tool_choice={"type": "tool", "name": "get_weather"})) == []


class TestUnknownField:
    def test_top_level_client_option_observed(self):
        d = only(request(extra_body={}), "CL102")
        _same_api_answer(d)
        assert d.name == "unknown-field"
        assert d.path == "extra_body" and d.api_message == "extra_body: Extra inputs are not permitted"

    def test_key_on_tool_use_block_keeps_the_block_tag(self):
        tool_use = {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Oslo"},
                    "text": "Let me check."}
        body = request(
            tools=[TOOL],
            messages=[
                user("Weather in Oslo?"),
                assistant([{"type": "text", "text": "Checking."}, tool_use]),
                user([{"type": "tool_result", "tool_use_id": "toolu_1", "content": "Sunny"}]),
            ],
        )
        d = only(body, "CL102")
        assert d.api_message == "messages.1.content.1.tool_use.text: Extra inputs are not permitted"
        assert d.path == "messages.1.content.1.text"
        assert "tool_use" not in d.loc

    def test_tool_use_text_in_a_user_message_path(self):
        # The exact shape the brief names: block 1 of message 0.
        block = {"type": "tool_use", "id": "t1", "name": "n", "input": {}, "text": "x"}
        found = [d for d in claude_lint.validate(request(messages=[user([{"type": "text", "text": "a"}, block])]))
                 if d.code == "CL102"]
        assert [d.api_message for d in found] == ["messages.0.content.1.tool_use.text: Extra inputs are not permitted"]
        assert [d.path for d in found] == ["messages.0.content.1.text"]

    def test_cache_control_on_thinking_block(self):
        thinking = {"type": "thinking", "thinking": "Hmm.", "signature": "sig", "cache_control": {"type": "ephemeral"}}
        body = request(model="claude-opus-4-5",
                       messages=[user("a"), assistant([thinking, {"type": "text", "text": "b"}]), user("c")])
        d = only(body, "CL102")
        assert d.api_message == "messages.1.content.0.thinking.cache_control: Extra inputs are not permitted"
        assert d.path == "messages.1.content.0.cache_control"

    def test_metadata_key(self):
        d = only(request(metadata={"email": "someone@example.com"}), "CL102")
        assert d.path == "metadata.email" and d.api_message == "metadata.email: Extra inputs are not permitted"

    def test_server_tool_key_keeps_the_versioned_type(self):
        d = only(request(tools=[{"type": "web_search_20250305", "name": "web_search", "foo": 1}]), "CL102")
        assert d.path == "tools.0.foo"
        assert d.api_message == "tools.0.web_search_20250305.foo: Extra inputs are not permitted"

    def test_max_tokens_on_count_tokens(self):
        d = only(request(), "CL102", endpoint="count_tokens")
        assert d.path == "max_tokens" and d.api_message == "max_tokens: Extra inputs are not permitted"


class TestWrongType:
    def test_null_content_observed(self):
        d = only(request(messages=[user(None)]), "CL103")
        _same_api_answer(d)
        assert d.name == "wrong-type"
        assert d.path == "messages.0.content"
        assert d.api_message == "messages.0.content: Input should be a valid list"

    def test_object_content_is_reported_against_the_list_branch(self):
        d = only(request(messages=[user({"type": "text", "text": "Hi"})]), "CL103")
        assert d.api_message == "messages.0.content: Input should be a valid list"

    def test_fractional_max_tokens(self):
        d = only(request(max_tokens=1024.5), "CL103")
        assert d.path == "max_tokens"
        # pydantic's lax and strict modes word the tail differently; the evidence has no capture.
        assert d.api_message.startswith("max_tokens: Input should be a valid integer")

    def test_text_null(self):
        d = only(request(messages=[user([{"type": "text", "text": None}])]), "CL103")
        assert d.path == "messages.0.content.0.text"
        assert d.api_message == "messages.0.content.0.text.text: Input should be a valid string"

    def test_non_string_model_is_a_schema_error_not_a_404(self):
        d = only(request(model=5), "CL103")
        assert d.path == "model" and d.api_message == "model: Input should be a valid string"
        assert "CL601" not in codes(request(model=5))

    @pytest.mark.parametrize("body", [None, [], "hello", 5])
    def test_body_that_is_not_an_object(self, body):
        d = only(body, "CL103")
        assert d.path is None and d.loc == ()

    def test_body_that_is_not_an_object_does_not_leak_internal_class_names(self):
        # The API has no class called MessagesRequest; neither our text nor the predicted
        # API text should show it.
        d = only([], "CL103")
        assert "MessagesRequest" not in d.message
        assert "MessagesRequest" not in (d.api_message or "")

    def test_string_content_is_fine(self):
        assert error_codes(request(messages=[user("Hello")])) == []


class TestInvalidValue:
    def test_gemini_role(self):
        body = request(model="claude-opus-4-6", messages=[user("Hi"), {"role": "model", "content": "Hello!"},
                                                         user("How are you?")])
        d = only(body, "CL104")
        _same_api_answer(d)
        assert d.path == "messages.1.role"
        assert d.api_message.startswith("messages.1.role: Input should be 'user', 'assistant'")

    def test_image_media_type_keeps_the_source_tag(self):
        image = {"type": "image", "source": {"type": "base64", "media_type": "image/svg+xml", "data": "AAAA"}}
        d = only(request(messages=[user([image])]), "CL104")
        assert d.path == "messages.0.content.0.source.media_type"
        assert d.api_message == (
            "messages.0.content.0.image.source.base64.media_type: "
            "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"
        )

    def test_service_tier(self):
        d = only(request(service_tier="priority"), "CL104")
        assert d.path == "service_tier"
        assert d.api_message == "service_tier: Input should be 'auto' or 'standard_only'"

    def test_input_schema_type(self):
        tool = {"name": "echo", "description": "Echo.", "input_schema": {"type": "string"}}
        d = only(request(tools=[tool]), "CL104")
        assert d.path == "tools.0.input_schema.type"
        assert d.api_message == "tools.0.custom.input_schema.type: Input should be 'object'"

    def test_accepted_values(self):
        assert error_codes(request(service_tier="standard_only")) == []


class TestValueOutOfRange:
    def test_budget_below_1024_observed(self):
        d = only(request(max_tokens=4096, thinking={"type": "enabled", "budget_tokens": 1000}), "CL105")
        _same_api_answer(d)
        assert d.name == "value-out-of-range"
        assert d.path == "thinking.budget_tokens"
        assert d.api_message == "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
        assert "enabled" not in d.loc

    def test_budget_of_exactly_1024_is_in_range(self):
        assert "CL105" not in codes(request(max_tokens=4096, thinking={"type": "enabled", "budget_tokens": 1024}))

    def test_temperature_below_zero(self):
        d = only(request(temperature=-0.5), "CL105")
        assert d.path == "temperature"
        assert d.api_message == "temperature: Input should be greater than or equal to 0"

    def test_temperature_above_one(self):
        d = only(request(temperature=1.5), "CL105")
        assert d.api_message == "temperature: Input should be less than or equal to 1"

    def test_negative_max_tokens(self):
        d = only(request(max_tokens=-100), "CL105")
        assert d.path == "max_tokens"

    def test_max_tokens_zero_is_accepted_on_messages(self):
        assert "CL105" not in codes(request(max_tokens=0))


class TestUnknownTypeTag:
    def test_openai_image_url_block(self):
        block = {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg"}}
        d = only(request(messages=[user([{"type": "text", "text": "What's this?"}, block])]), "CL106")
        _same_api_answer(d)
        assert d.name == "unknown-type-tag"
        assert d.path == "messages.0.content.1.type"
        assert d.api_message.startswith(
            "messages.0.content.1: Input tag 'image_url' found using 'type' does not match any of the expected tags: "
            "'text', 'image', "
        )
        assert "image_url" in d.message

    def test_unknown_tool_choice_type(self):
        d = only(request(tools=[TOOL], tool_choice={"type": "required"}), "CL106")
        assert d.path == "tool_choice.type"
        assert d.api_message == (
            "tool_choice: Input tag 'required' found using 'type' does not match any of the expected tags: "
            "'auto', 'any', 'tool', 'none'"
        )

    def test_openai_function_tool(self):
        tool = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
        d = only(request(tools=[tool]), "CL106")
        assert d.path == "tools.0.type"
        assert d.api_message.startswith("tools.0: Input tag 'function' found using 'type'")

    def test_unknown_thinking_type(self):
        d = only(request(thinking={"type": "on"}), "CL106")
        assert d.path == "thinking.type"
        assert d.api_message.startswith(
            "thinking: Input tag 'on' found using 'type' does not match any of the expected tags: "
            "'enabled', 'disabled', 'adaptive'"
        )

    def test_inside_tool_result_keeps_the_outer_tag(self):
        body = request(
            tools=[TOOL],
            messages=[
                user("Weather?"),
                assistant([{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Oslo"}}]),
                user([{"type": "tool_result", "tool_use_id": "toolu_1", "content": [{"type": "image_url"}]}]),
            ],
        )
        d = only(body, "CL106")
        assert d.path == "messages.2.content.0.content.0.type"
        assert d.api_message.startswith(
            "messages.2.content.0.tool_result.content.0: Input tag 'image_url' found using 'type' does not match "
            "any of the expected tags: 'text', 'image'"
        )


class TestInvalidLength:
    def test_tool_name_over_128_observed(self):
        d = only(request(tools=[{**TOOL, "name": "a" * 129}]), "CL107")
        _same_api_answer(d)
        assert d.name == "invalid-length"
        assert d.path == "tools.0.name"
        assert d.api_message == "tools.0.custom.name: String should have at most 128 characters"

    def test_tool_name_of_128_is_fine(self):
        assert error_codes(request(tools=[{**TOOL, "name": "a" * 128}])) == []

    def test_user_id_over_256(self):
        d = only(request(metadata={"user_id": "a" * 257}), "CL107")
        assert d.path == "metadata.user_id"
        assert d.api_message == "metadata.user_id: String should have at most 256 characters"

    def test_batch_custom_id_over_64_observed(self):
        # sdkpy#984 (api-rules B3, §16 item 9): the create call names the full path.
        body = {"requests": [{"custom_id": "a" * 65, "params": request()}]}
        d = only(body, "CL107", endpoint="batch")
        assert d.path == "requests.0.custom_id"
        assert d.api_message == "requests.0.custom_id: String should have at most 64 characters"

    def test_empty_batch(self):
        d = only({"requests": []}, "CL107", endpoint="batch")
        assert d.path == "requests"


class TestInvalidPattern:
    def test_tool_name_with_dot_observed(self):
        d = only(request(tools=[{**TOOL, "name": "weather.get"}]), "CL108")
        _same_api_answer(d)
        assert d.name == "invalid-pattern"
        assert d.path == "tools.0.name"
        assert d.api_message == "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"

    def test_tool_with_explicit_custom_type(self):
        d = only(request(tools=[{**TOOL, "type": "custom", "name": "get weather"}]), "CL108")
        assert d.api_message.startswith("tools.0.custom.name: String should match pattern")

    def test_hyphen_and_underscore_are_fine(self):
        assert error_codes(request(tools=[{**TOOL, "name": "get-weather_v2"}])) == []

    def test_batch_custom_id_pattern(self):
        body = {"requests": [{"custom_id": "job 1.a", "params": request()}]}
        d = only(body, "CL108", endpoint="batch")
        assert d.path == "requests.0.custom_id"
        assert d.api_message == "requests.0.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'"


class TestNestingTooDeep:
    def test_recursion_in_the_models_becomes_a_finding(self, monkeypatch):
        from claude_lint.checking import engine, schema

        class Exploding:
            def validate_python(self, body):
                raise RecursionError("maximum recursion depth exceeded")

        monkeypatch.setattr(schema, "adapter", lambda kind: Exploding())
        monkeypatch.setattr(engine, "accepts", lambda kind, body: False)  # a body the compiled pass refuses
        d = only(request(), "CL109")
        assert d.severity == "warning" and d.path is None and d.status is None
        assert d.name == "nesting-too-deep"

    def test_deep_but_legal_nesting_does_not_crash(self):
        deep = {}
        node = deep
        for _ in range(2000):
            node["k"] = {}
            node = node["k"]
        body = request(
            tools=[TOOL],
            messages=[
                user("Go."),
                assistant([{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": deep}]),
                user([{"type": "tool_result", "tool_use_id": "toolu_1", "content": "ok"}]),
            ],
        )
        # (not through lint(): copy.deepcopy itself cannot copy a body this deep)
        found = [d.code for d in claude_lint.validate(body)]
        assert "CL000" not in found and "CL109" not in found


class TestOrder:
    def test_schema_errors_come_before_the_model_lookup(self):
        found = error_codes(request(model="claude-sonnet-4.6", max_tokens=None))
        assert found.index("CL101") < found.index("CL601")
