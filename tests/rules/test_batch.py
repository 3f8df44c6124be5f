"""CL701-CL707: Message Batches, token counting, and max_tokens 0 (api-rules §15, §3 T6)."""
import datetime as dt

from claude_lint.checking.context import BATCH, Context
from claude_lint.data.catalog import default_catalog
from claude_lint.data.versions import resolve
from claude_lint.rules import RULES
from claude_lint.rules.batch import CustomIdTracker, DuplicateCustomId, duplicate_custom_id_finding, duplicate_custom_ids
from tests.helpers import codes, error_codes, lint, only, request, user


def line(custom_id, **params):
    return {"custom_id": custom_id, "params": request(model="claude-haiku-4-5", **params)}


def batch(*lines):
    return {"requests": list(lines)}


def _rejected(d):
    assert d.severity == "error"
    assert (d.status, d.error_type) == (400, "invalid_request_error")


class TestDuplicateCustomId:
    def test_first_and_third_share_an_id(self):
        body = batch(line("q-1"), line("q-2"), line("q-1"))
        d = only(body, "CL701", endpoint="batch")
        _rejected(d)
        assert d.name == "duplicate-custom-id"
        assert d.path == "requests.2.custom_id"
        assert d.api_message is None
        assert "requests.2" in d.message and "requests.0" in d.message
        assert error_codes(body, endpoint="batch") == ["CL701"]

    def test_each_repeat_names_the_first_use(self):
        found = [d for d in lint(batch(line("a"), line("a"), line("b"), line("a")), endpoint="batch") if d.code == "CL701"]
        assert [d.path for d in found] == ["requests.1.custom_id", "requests.3.custom_id"]
        assert all("requests.0" in d.message for d in found)

    def test_unique_ids_are_fine(self):
        assert error_codes(batch(line("q-1"), line("q-2")), endpoint="batch") == []

    def test_tracker_for_line_by_line_callers(self):
        tracker = CustomIdTracker()
        assert tracker.add(1, "job-1") is None
        assert tracker.add(2, "job-2") is None
        assert tracker.add(3, None) is None  # not a string: the schema's problem
        assert tracker.add(4, "job-1") == DuplicateCustomId("job-1", 4, 1)
        assert tracker.add(5, "job-1") == DuplicateCustomId("job-1", 5, 1)
        assert len(tracker) == 2

    def test_function_over_pairs_and_finding_builder(self):
        dups = list(duplicate_custom_ids([(1, "x"), (2, "y"), (3, "x")]))
        assert dups == [DuplicateCustomId("x", 3, 1)]
        finding = duplicate_custom_id_finding(dups[0], ("custom_id",), later="line 3", first="line 1")
        assert finding.loc == ("custom_id",)
        assert "line 3" in finding.message and "line 1" in finding.message


class TestCustomIdSchema:
    def test_bad_characters_are_a_schema_error(self):
        d = only(batch(line("job 1.a")), "CL108", endpoint="batch")
        _rejected(d)
        assert d.path == "requests.0.custom_id"

    def test_65_characters(self):
        d = only(batch(line("a" * 65)), "CL107", endpoint="batch")
        assert d.api_message == "requests.0.custom_id: String should have at most 64 characters"

    def test_64_characters_are_fine(self):
        assert error_codes(batch(line("a" * 64)), endpoint="batch") == []


class TestTooManyRequests:
    def _run(self, n):
        ctx = Context(body={"requests": [{}] * n}, scope=BATCH, version=resolve(None), catalog=default_catalog(),
                      today=dt.date(2026, 11, 1), model=None)
        return list(RULES["CL702"].run(ctx))

    def test_over_10000_is_a_warning(self):
        (finding,) = self._run(10_001)
        assert finding.severity == "warning" and finding.loc == ("requests",)

    def test_10000_is_fine(self):
        assert self._run(10_000) == []


class TestBatchStream:
    def test_stream_true(self):
        body = batch(line("story-9", stream=True))
        d = only(body, "CL703", endpoint="batch")
        _rejected(d)
        assert d.path == "requests.0.params.stream"
        assert error_codes(body, endpoint="batch") == ["CL703"]

    def test_stream_false_is_fine(self):
        assert error_codes(batch(line("a", stream=False)), endpoint="batch") == []

    def test_streaming_outside_batches_is_fine(self):
        assert "CL703" not in codes(request(stream=True))


class TestBatchMaxTokensZero:
    def test_zero_in_params(self):
        system = [{"type": "text", "text": "Shared instructions.", "cache_control": {"type": "ephemeral"}}]
        body = batch(line("prewarm-1", max_tokens=0, system=system))
        d = only(body, "CL704", endpoint="batch")
        _rejected(d)
        assert d.path == "requests.0.params.max_tokens"
        assert error_codes(body, endpoint="batch") == ["CL704"]

    def test_zero_on_messages_is_cache_prewarming(self):
        assert error_codes(request(max_tokens=0)) == []


class TestBatchFastMode:
    def test_fast_is_a_warning(self):
        d = only(batch(line("a", speed="fast")), "CL705", endpoint="batch")
        assert d.severity == "warning" and d.path == "requests.0.params.speed"

    def test_standard_is_fine(self):
        assert "CL705" not in codes(batch(line("a", speed="standard")), endpoint="batch")


class TestMaxTokensZeroConflict:
    def test_with_stream(self):
        d = only(request(max_tokens=0, stream=True), "CL706")
        _rejected(d)
        assert d.path == "max_tokens" and d.api_message is None
        assert "stream" in d.message

    def test_with_forced_tool_choice(self):
        tools = [{"name": "f", "description": "d", "input_schema": {"type": "object", "properties": {}}}]
        assert "tool_choice" in only(request(max_tokens=0, tools=tools, tool_choice={"type": "any"}), "CL706").message
        assert "CL706" not in codes(request(max_tokens=0, tools=tools, tool_choice={"type": "auto"}))

    def test_with_structured_outputs(self):
        fmt = {"type": "json_schema", "schema": {"type": "object", "properties": {}, "additionalProperties": False}}
        assert "structured" in only(request(max_tokens=0, output_config={"format": fmt}), "CL706").message

    def test_with_enabled_thinking_but_not_adaptive(self):
        assert "thinking" in only(request(max_tokens=0, thinking={"type": "enabled", "budget_tokens": 1024}), "CL706").message
        assert "CL706" not in codes(request(max_tokens=0, thinking={"type": "adaptive"}))

    def test_one_finding_for_several_conflicts(self):
        assert codes(request(max_tokens=0, stream=True, tool_choice={"type": "any"})).count("CL706") == 1

    def test_positive_max_tokens_is_fine(self):
        assert "CL706" not in codes(request(max_tokens=1, stream=True))


class TestCountTokens:
    def count(self, **overrides):
        body = request(**overrides)
        body.pop("max_tokens")
        return body

    def test_temperature_is_not_a_count_tokens_field(self):
        d = only(self.count(model="claude-haiku-4-5", temperature=0.5), "CL102", endpoint="count_tokens")
        _rejected(d)
        assert d.path == "temperature"
        assert d.api_message == "temperature: Extra inputs are not permitted"

    def test_url_source_is_a_warning(self):
        block = {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
        body = self.count(messages=[user([block, {"type": "text", "text": "Count."}])])
        d = only(body, "CL707", endpoint="count_tokens")
        assert d.severity == "warning" and d.path == "messages.0.content.0.source.type"
        assert "CL707" not in codes(request(messages=body["messages"]))  # fine on /v1/messages


class TestBatchUnderNewApiVersion:
    def test_sampling_key_in_params_is_rejected(self):
        # api-version-2026-10-21.md V8: the create call's version governs every request
        body = batch(line("a", temperature=0.5))
        d = only(body, "CL901", endpoint="batch", api_version="2026-10-21")
        assert d.path == "requests.0.params.temperature"
        assert d.api_message == "temperature: Extra inputs are not permitted"
