"""CL40x-CL43x: thinking modes per model, budget, sampling and tool choice with thinking, thinking
blocks in the conversation, effort."""
from tests.helpers import assistant, codes, error_codes, lint, only, request, user

ENABLED = {"type": "enabled", "budget_tokens": 2000}
ADAPTIVE = {"type": "adaptive"}
TOOL = {"name": "get_rate", "description": "Exchange rate.",
        "input_schema": {"type": "object", "properties": {"pair": {"type": "string"}}, "required": ["pair"]}}
THINKING_BLOCK = {"type": "thinking", "thinking": "Check the rate.", "signature": "EqQBCkgIAxABGAIiQL"}


def _tool_loop(*first_blocks):
    return [
        user("EUR/USD rate?"),
        assistant(list(first_blocks) + [{"type": "tool_use", "id": "toolu_01", "name": "get_rate", "input": {"pair": "EURUSD"}}]),
        user([{"type": "tool_result", "tool_use_id": "toolu_01", "content": "1.09"}]),
    ]


class TestThinkingTypePerModel:
    def test_enabled_on_adaptive_only_model(self):
        d = only(request(model="claude-sonnet-5", max_tokens=8000, thinking={"type": "enabled", "budget_tokens": 4000}), "CL401")
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 400, "invalid_request_error", "thinking.type")
        assert d.api_message == ('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" '
                                 'and "output_config.effort" to control thinking behavior.')

    def test_adaptive_on_the_same_model_is_fine(self):
        assert error_codes(request(model="claude-sonnet-5", max_tokens=8000, thinking=ADAPTIVE)) == []

    def test_enabled_where_unconfirmed_is_a_warning(self):
        d = only(request(model="claude-sonnet-5-5", max_tokens=8000, thinking=ENABLED), "CL401")
        assert d.severity == "warning" and d.api_message is None

    def test_enabled_deprecated_on_46_is_a_warning_only(self):
        body = request(model="claude-sonnet-4-6", max_tokens=8000, thinking=ENABLED)
        assert only(body, "CL405").severity == "warning"
        assert error_codes(body) == []

    def test_adaptive_on_model_without_it(self):
        d = only(request(model="claude-opus-4-5", max_tokens=8000, thinking=ADAPTIVE), "CL402")
        assert (d.severity, d.path) == ("error", "thinking.type")
        assert d.api_message == "adaptive thinking is not supported on this model"

    def test_enabled_on_45_model_is_fine(self):
        assert error_codes(request(model="claude-opus-4-5", max_tokens=8000, thinking=ENABLED)) == []

    def test_disabled_on_always_thinking_model(self):
        d = only(request(model="claude-mythos-5", thinking={"type": "disabled"}), "CL403")
        assert (d.severity, d.path) == ("error", "thinking.type")
        assert d.api_message == ('"thinking.type.disabled" is not supported for this model. Thinking defaults to adaptive mode '
                                 'when not specified; use "thinking.type.enabled" with "budget_tokens" for extended thinking.')

    def test_disabled_on_opus55_has_its_own_text(self):
        d = only(request(model="claude-opus-5-5", thinking={"type": "disabled"}), "CL403")
        assert d.api_message == ('"thinking.type.disabled" is not supported for this model. Use "thinking.type.adaptive" '
                                 'and "output_config.effort" to control thinking behavior.')

    def test_disabled_on_fable51_has_no_predicted_text(self):
        d = only(request(model="claude-fable-5-1", thinking={"type": "disabled"}), "CL403")
        assert d.severity == "error" and d.api_message is None

    def test_disabled_where_allowed(self):
        assert "CL403" not in codes(request(model="claude-sonnet-5", thinking={"type": "disabled"}))
        assert "CL403" not in codes(request(model="claude-mythos-5"))

    def test_disabled_on_opus5_depends_on_effort(self):
        assert "CL403" not in codes(request(model="claude-opus-5", thinking={"type": "disabled"}, output_config={"effort": "high"}))
        d = only(request(model="claude-opus-5", thinking={"type": "disabled"}, output_config={"effort": "max"}), "CL403")
        assert d.severity == "error" and d.api_message is None

    def test_between_tools(self):
        assert "CL404" not in codes(request(model="claude-sonnet-5-5", thinking={"type": "between_tools"}))
        d = only(request(model="claude-opus-4-6", thinking={"type": "between_tools"}), "CL404")
        assert d.severity == "warning" and d.status is None

    def test_unknown_model_is_skipped(self):
        body = request(model="claude-opus-9", thinking={"type": "disabled"})
        assert not {"CL401", "CL402", "CL403"} & set(codes(body))


class TestBudget:
    def test_budget_above_max_tokens(self):
        d = only(request(model="claude-haiku-4-5", max_tokens=4096, thinking={"type": "enabled", "budget_tokens": 10000}), "CL410")
        assert (d.severity, d.status, d.path, d.api_message) == ("error", 400, "thinking.budget_tokens", None)

    def test_budget_equal_to_max_tokens(self):
        assert "CL410" in error_codes(request(model="claude-haiku-4-5", max_tokens=4096, thinking={"type": "enabled", "budget_tokens": 4096}))

    def test_budget_below_max_tokens(self):
        assert "CL410" not in codes(request(model="claude-haiku-4-5", max_tokens=4097, thinking={"type": "enabled", "budget_tokens": 4096}))

    def test_with_tools_it_is_an_error_naming_the_interleaved_beta(self):
        # only the interleaved-thinking beta header lets the budget exceed max_tokens
        body = request(model="claude-haiku-4-5", max_tokens=4096, tools=[TOOL], thinking={"type": "enabled", "budget_tokens": 10000})
        d = only(body, "CL410")
        assert d.severity == "error" and "interleaved-thinking-2025-05-14" in d.message

    def test_max_tokens_zero_is_left_to_the_prewarm_rule(self):
        assert "CL410" not in codes(request(max_tokens=0, thinking={"type": "enabled", "budget_tokens": 1024}))

    def test_budget_below_minimum_is_only_the_schema_error(self):
        body = request(model="claude-haiku-4-5", max_tokens=500, thinking={"type": "enabled", "budget_tokens": 1000})
        assert error_codes(body) == ["CL105"]


class TestSamplingWithThinking:
    def test_temperature_with_adaptive_on_opus48_is_the_thinking_text(self):
        body = request(model="claude-opus-4-8", max_tokens=4000, temperature=0, thinking=ADAPTIVE)
        d = only(body, "CL411")
        assert (d.severity, d.path) == ("error", "temperature")
        assert d.api_message == ("`temperature` may only be set to 1 when thinking is enabled or in adaptive mode. Please consult "
                                 "our documentation at https://platform.claude.com/docs/en/build-with-claude/extended-thinking")
        assert error_codes(body) == ["CL411"]  # CL801 defers

    def test_temperature_one_is_fine(self):
        assert error_codes(request(model="claude-sonnet-4-6", max_tokens=8000, temperature=1, thinking=ADAPTIVE)) == []

    def test_without_thinking_the_removed_parameter_rule_answers(self):
        body = request(model="claude-opus-4-8", temperature=0)
        assert error_codes(body) == ["CL801"]

    def test_thinking_by_default_is_not_explicit_thinking(self):
        # Sonnet 5 thinks by default, yet answers "`temperature` is deprecated" (monster-mq#168)
        assert error_codes(request(model="claude-sonnet-5", temperature=0.5)) == ["CL801"]

    def test_low_top_p_with_enabled(self):
        d = only(request(max_tokens=6000, top_p=0.5, thinking=ENABLED), "CL412")
        assert (d.severity, d.path) == ("error", "top_p")
        assert d.api_message == "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled"

    def test_low_top_p_with_adaptive_has_no_predicted_text(self):
        assert only(request(max_tokens=6000, top_p=0.5, thinking=ADAPTIVE), "CL412").api_message is None

    def test_top_p_at_095_is_fine(self):
        assert "CL412" not in codes(request(max_tokens=6000, top_p=0.95, thinking=ENABLED))

    def test_top_p_between_095_and_099_on_opus48_is_still_removed(self):
        assert error_codes(request(model="claude-opus-4-8", top_p=0.97, thinking=ADAPTIVE)) == ["CL801"]

    def test_top_k(self):
        body = request(model="claude-opus-4-8", top_k=5, thinking=ADAPTIVE)
        d = only(body, "CL413")
        assert (d.severity, d.path, d.api_message) == ("error", "top_k", None)
        assert "CL801" not in codes(body)

    def test_top_k_without_thinking_is_fine(self):
        assert error_codes(request(model="claude-haiku-4-5", top_k=10)) == []

    def test_out_of_range_is_only_the_schema_error(self):
        assert error_codes(request(temperature=2, thinking=ADAPTIVE, max_tokens=4000)) == ["CL105"]

    def test_token_counting_has_no_sampling_keys_at_all(self):
        body = request(temperature=0, thinking=ADAPTIVE, max_tokens=None)
        assert "CL411" not in codes(body, endpoint="count_tokens")

    def test_new_api_version_reports_the_removed_key_only(self):
        body = request(temperature=0, thinking=ADAPTIVE, max_tokens=4000)
        assert error_codes(body, api_version="2026-10-21") == ["CL901"]


class TestForcedToolChoice:
    def test_named_tool_with_enabled_thinking(self):
        body = request(model="claude-opus-4-6", max_tokens=8000, thinking={"type": "enabled", "budget_tokens": 4000},
                       tools=[TOOL], tool_choice={"type": "tool", "name": "get_rate"})
        d = only(body, "CL415")
        assert (d.severity, d.status, d.path) == ("error", 400, "tool_choice")
        assert d.api_message == "Thinking may not be enabled when tool_choice forces tool use."

    def test_any_with_adaptive(self):
        body = request(max_tokens=8000, thinking=ADAPTIVE, tools=[TOOL], tool_choice={"type": "any"})
        assert "CL415" in error_codes(body)

    def test_auto_with_thinking_is_fine(self):
        body = request(max_tokens=8000, thinking=ADAPTIVE, tools=[TOOL], tool_choice={"type": "auto"})
        assert error_codes(body) == []

    def test_forced_without_thinking_is_fine(self):
        assert error_codes(request(model="claude-haiku-4-5", tools=[TOOL], tool_choice={"type": "any"})) == []

    def test_always_thinking_model_rejects_forced_tool_use(self):
        d = only(request(model="claude-opus-5-5", tools=[TOOL], tool_choice={"type": "any"}), "CL416")
        assert (d.severity, d.path, d.api_message) == ("error", "tool_choice", None)

    def test_predecessor_accepts_it(self):
        assert "CL416" not in codes(request(model="claude-opus-5", tools=[TOOL], tool_choice={"type": "any"}))

    def test_unconfirmed_always_thinking_model_is_a_warning(self):
        assert only(request(model="claude-fable-5", tools=[TOOL], tool_choice={"type": "any"}), "CL416").severity == "warning"

    def test_explicit_thinking_is_cl415_not_cl416(self):
        body = request(model="claude-opus-5-5", thinking=ADAPTIVE, tools=[TOOL], tool_choice={"type": "any"})
        assert "CL415" in codes(body) and "CL416" not in codes(body)


class TestThinkingBlockFirst:
    def test_tool_turn_starting_with_text(self):
        body = request(model="claude-opus-4-5", max_tokens=8000, thinking={"type": "enabled", "budget_tokens": 3000},
                       tools=[TOOL], messages=_tool_loop({"type": "text", "text": "Let me check."}))
        d = only(body, "CL420")
        assert (d.severity, d.path, d.api_message) == ("error", "messages.1.content.0.type", None)

    def test_tool_turn_starting_with_thinking(self):
        body = request(model="claude-opus-4-5", max_tokens=8000, thinking={"type": "enabled", "budget_tokens": 3000},
                       tools=[TOOL], messages=_tool_loop(THINKING_BLOCK))
        assert error_codes(body) == []

    def test_later_rounds_need_no_thinking_block(self):
        messages = _tool_loop(THINKING_BLOCK) + [
            assistant([{"type": "tool_use", "id": "toolu_02", "name": "get_rate", "input": {"pair": "EURGBP"}}]),
            user([{"type": "tool_result", "tool_use_id": "toolu_02", "content": "0.85"}]),
        ]
        body = request(model="claude-opus-4-5", max_tokens=8000, thinking=ENABLED, tools=[TOOL], messages=messages)
        assert "CL420" not in codes(body)

    def test_prefill_without_thinking(self):
        body = request(model="claude-opus-4-5", max_tokens=8000, thinking=ENABLED, messages=[user("Hi"), assistant("Sure:")])
        assert only(body, "CL420").path == "messages.1.content"

    def test_adaptive_is_not_checked(self):
        body = request(max_tokens=8000, thinking=ADAPTIVE, tools=[TOOL], messages=_tool_loop({"type": "text", "text": "Checking."}))
        assert "CL420" not in codes(body)

    def test_finished_exchange_is_not_checked(self):
        messages = [user("Hi"), assistant("Hello."), user("How are you?")]
        assert "CL420" not in codes(request(model="claude-opus-4-5", max_tokens=8000, thinking=ENABLED, messages=messages))


class TestThinkingInPrefillWithoutThinking:
    PREFILL = [user("Continue your analysis."), assistant([THINKING_BLOCK, {"type": "text", "text": "Based on the data,"}])]

    def test_thinking_absent(self):
        d = only(request(model="claude-haiku-4-5", max_tokens=1024, messages=self.PREFILL), "CL421")
        assert (d.severity, d.path) == ("error", "messages.1.content.0")
        assert d.api_message == ("messages.1.content.0: When thinking is disabled, an `assistant` message in the final position "
                                 "cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request.")

    def test_thinking_disabled(self):
        assert "CL421" in error_codes(request(model="claude-haiku-4-5", thinking={"type": "disabled"}, messages=self.PREFILL))

    def test_thinking_enabled(self):
        body = request(model="claude-haiku-4-5", max_tokens=4000, thinking=ENABLED, messages=self.PREFILL)
        assert "CL421" not in codes(body)

    def test_thinking_in_an_earlier_turn(self):
        messages = [user("Hi"), assistant([THINKING_BLOCK, {"type": "text", "text": "Hello."}]), user("More?")]
        assert "CL421" not in codes(request(model="claude-haiku-4-5", messages=messages))


class TestEffort:
    def test_effort_on_model_without_it(self):
        d = only(request(model="claude-haiku-4-5-20251001", output_config={"effort": "low"}), "CL430")
        assert (d.severity, d.path) == ("error", "output_config.effort")
        assert d.api_message == "This model does not support the effort parameter."

    def test_level_not_offered(self):
        body = request(model="claude-opus-4-6", max_tokens=16000, thinking=ADAPTIVE, output_config={"effort": "xhigh"})
        d = only(body, "CL431")
        assert (d.severity, d.path) == ("error", "output_config.effort")
        assert d.api_message == "This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium."

    def test_level_offered(self):
        assert error_codes(request(model="claude-opus-4-6", output_config={"effort": "max"})) == []
        assert error_codes(request(model="claude-opus-4-7", output_config={"effort": "xhigh"})) == []

    def test_unknown_levels(self):
        assert "CL431" not in codes(request(model="claude-sonnet-5", output_config={"effort": "low"}))
        assert only(request(model="claude-sonnet-5", output_config={"effort": "xhigh"}), "CL431").severity == "warning"

    def test_value_outside_the_enum_is_only_the_schema_error(self):
        assert error_codes(request(model="claude-opus-5", output_config={"effort": "extreme"})) == ["CL104"]


class TestRobustness:
    def test_odd_shapes_do_not_crash(self):
        for body in (
            request(thinking="on"), request(thinking={"type": 3}), request(thinking={"type": "enabled", "budget_tokens": "x"}),
            request(tool_choice="any", thinking=ADAPTIVE), request(output_config=[1]), request(output_config={"effort": None}),
            request(messages=[user("Hi"), {"role": "assistant", "content": [None, 3]}], thinking=ENABLED),
            request(messages="nope", thinking=ENABLED), request(temperature=True, thinking=ADAPTIVE),
        ):
            assert "CL000" not in [d.code for d in lint(body)]
