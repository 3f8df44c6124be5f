"""CL610, CL80x: top-level parameters."""
from tests.helpers import codes, error_codes, lint, only, request


class TestMaxTokensOverCap:
    def test_rejects_over_cap_with_api_text(self):
        d = only(request(model="claude-opus-4-5-20251101", max_tokens=70000), "CL610")
        assert d.severity == "error" and (d.status, d.error_type) == (400, "invalid_request_error")
        assert d.path == "max_tokens"
        assert d.api_message == (
            "max_tokens: 70000 > 64000, which is the maximum allowed number of output tokens for claude-opus-4-5-20251101"
        )

    def test_accepts_exactly_the_cap(self):
        assert "CL610" not in codes(request(model="claude-opus-4-5-20251101", max_tokens=64000))

    def test_echoes_the_alias_as_sent(self):
        d = only(request(model="claude-haiku-4-5", max_tokens=64001), "CL610")
        assert d.api_message.endswith("for claude-haiku-4-5")

    def test_huge_integer_is_over_cap_not_a_crash(self):
        d = only(request(max_tokens=10**30), "CL610")
        assert d.api_message.startswith(f"max_tokens: {10**30} > 128000")


class TestSamplingParameterRemoved:
    def test_temperature_on_sonnet5(self):
        d = only(request(model="claude-sonnet-5", temperature=0), "CL801")
        assert d.path == "temperature"
        assert d.api_message == "`temperature` is deprecated for this model."

    def test_top_k_on_opus48_has_no_known_text(self):
        d = only(request(model="claude-opus-4-8", top_k=5), "CL801")
        assert d.path == "top_k" and d.api_message is None and d.severity == "error"

    def test_defaults_are_tolerated(self):
        assert "CL801" not in codes(request(model="claude-opus-4-8", temperature=1))
        assert "CL801" not in codes(request(model="claude-opus-4-8", top_p=0.99))

    def test_older_model_accepts_temperature(self):
        assert error_codes(request(model="claude-sonnet-4-6", temperature=0.2)) == []


class TestTemperatureWithTopP:
    def test_both_on_sonnet46(self):
        d = only(request(temperature=1, top_p=0.7), "CL802")
        assert d.path == "top_p"
        assert d.api_message == "`temperature` and `top_p` cannot both be specified for this model. Please use only one."

    def test_one_of_them_is_fine(self):
        assert error_codes(request(top_p=0.7)) == []

    def test_older_models_accept_both(self):
        # Claude 3.x and Sonnet 4 accepted both; a retired model is a 404 first, so use the flag directly.
        from claude_lint.data.catalog import default_catalog
        assert default_catalog().get("claude-sonnet-4-20250514").temperature_top_p_exclusive is False


class TestStopSequences:
    def test_empty(self):
        d = only(request(stop_sequences=["", "END"]), "CL803")
        assert d.path == "stop_sequences.0"
        assert d.api_message == "stop_sequences: each stop sequence must be non-empty"

    def test_whitespace_only(self):
        d = only(request(stop_sequences=["END", "\n"]), "CL804")
        assert d.path == "stop_sequences.1"
        assert d.api_message == "stop_sequences: each stop sequence must contain non-whitespace"

    def test_whitespace_with_text_is_fine(self):
        assert error_codes(request(stop_sequences=["\n\nQ:"])) == []


class TestUserIdPersonalData:
    def test_email(self):
        d = only(request(metadata={"user_id": "jane.doe@example.com"}), "CL805")
        assert d.severity == "error" and d.path == "metadata.user_id"

    def test_phone_is_a_warning(self):
        assert only(request(metadata={"user_id": "+1 (555) 123-4567"}), "CL805").severity == "warning"

    def test_uuid_is_fine(self):
        assert codes(request(metadata={"user_id": "6f1c2d3e-9a8b-4c7d-8e6f-5a4b3c2d1e0f"})) == []


class TestStrictTypes:
    """The API does not convert types (strict pydantic): numbers as strings are rejected."""

    def test_numeric_string_max_tokens_is_rejected(self):
        d = only(request(max_tokens="1024"), "CL103")
        assert d.api_message == "max_tokens: Input should be a valid integer" and d.severity == "error"

    def test_float_and_bool_are_not_integers(self):
        assert error_codes(request(max_tokens=1024.0)) == ["CL103"]
        assert error_codes(request(max_tokens=True)) == ["CL103"]

    def test_integer_is_a_valid_number(self):
        assert error_codes(request(temperature=1)) == []


def test_count_tokens_reports_a_sampling_key_once_as_an_extra_input():
    body = {"model": "claude-opus-4-8", "temperature": 0.5, "thinking": {"type": "adaptive"},
            "messages": [{"role": "user", "content": "Count me."}]}
    found = lint(body, endpoint="count_tokens")
    assert [d.code for d in found] == ["CL102"]
    assert found[0].api_message == "temperature: Extra inputs are not permitted"
