"""CL50x: prompt caching."""
from tests.helpers import assistant, codes, error_codes, lint, only, request, user

EPHEMERAL = {"type": "ephemeral"}
HOUR = {"type": "ephemeral", "ttl": "1h"}
TOOL = {"name": "kb_search", "description": "Search.", "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}}}


def _text(text, cache=EPHEMERAL):
    block = {"type": "text", "text": text}
    if cache is not None:
        block["cache_control"] = cache
    return block


class TestTooManyBreakpoints:
    def test_five_in_messages(self):
        messages = [user([_text("Doc 1"), _text("Doc 2"), _text("Doc 3")]), assistant([_text("Read.")]), user([_text("Compare.")])]
        d = only(request(messages=messages), "CL501")
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 400, "invalid_request_error", None)
        assert d.api_message == "A maximum of 4 blocks with cache_control may be provided. Found 5."

    def test_four_across_tools_system_messages_is_fine(self):
        body = request(tools=[{**TOOL, "cache_control": EPHEMERAL}], system=[_text("A"), _text("B")],
                       messages=[user([_text("Q")])])
        assert error_codes(body) == []

    def test_nested_tool_result_blocks_count(self):
        result = {"type": "tool_result", "tool_use_id": "toolu_01", "content": [_text("r1"), _text("r2")], "cache_control": EPHEMERAL}
        messages = [user([_text("Q")]),
                    assistant([{"type": "tool_use", "id": "toolu_01", "name": "kb_search", "input": {"q": "x"}}]),
                    user([result, _text("Go on.")])]
        d = only(request(tools=[TOOL], messages=messages), "CL501")
        assert d.api_message.endswith("Found 5.")

    def test_with_automatic_caching_the_count_text_is_not_predicted(self):
        messages = [user([_text("1"), _text("2"), _text("3"), _text("4"), _text("5")])]
        d = only(request(cache_control=EPHEMERAL, messages=messages), "CL501")
        assert d.api_message is None and "CL502" not in codes(request(cache_control=EPHEMERAL, messages=messages))


class TestAutomaticCacheNoFreeSlot:
    def test_four_explicit_and_automatic(self):
        body = request(model="claude-sonnet-5", cache_control=EPHEMERAL, system=[_text("A"), _text("B"), _text("C")],
                       messages=[user([_text("Shared."), _text("Question?", cache=None)])])
        d = only(body, "CL502")
        assert (d.severity, d.path, d.api_message) == ("error", "cache_control", None)

    def test_three_explicit_and_automatic_is_fine(self):
        body = request(cache_control=EPHEMERAL, system=[_text("A"), _text("B")], messages=[user([_text("Q")])])
        assert error_codes(body) == []


class TestTtlOrder:
    def test_system_1h_after_tool_5m(self):
        body = request(tools=[{**TOOL, "cache_control": EPHEMERAL}], system=[_text("Policies.", cache=HOUR)])
        d = only(body, "CL503")
        assert (d.severity, d.path) == ("error", "system.0.cache_control.ttl")
        assert d.api_message == ("system.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' "
                                 "cache_control block. Note that blocks are processed in the following order: "
                                 "`tools`, `system`, `messages`.")

    def test_message_path(self):
        body = request(system=[_text("S")], messages=[user([_text("a", cache=None), _text("b", cache=HOUR)])])
        assert only(body, "CL503").api_message.startswith("messages.0.content.1.cache_control.ttl: a ttl='1h'")

    def test_1h_before_5m_is_fine(self):
        body = request(tools=[{**TOOL, "cache_control": HOUR}], system=[_text("S", cache=HOUR)], messages=[user([_text("Q")])])
        assert "CL503" not in codes(body)


class TestEmptyTextWithCacheControl:
    def test_empty_assistant_text(self):
        body = request(messages=[user("Hi"), assistant([_text("")]), user("Are you there?")])
        d = only(body, "CL504")
        assert (d.severity, d.path) == ("error", "messages.1.content.0.text")
        assert d.api_message == "messages.1.content.0.text: cache_control cannot be set for empty text blocks"
        assert error_codes(body) == ["CL504"]  # CL203 leaves the block to this rule

    def test_empty_text_without_cache_control_is_cl203s(self):
        body = request(messages=[user("Hi"), assistant([_text("", cache=None)]), user("Are you there?")])
        assert error_codes(body) == ["CL203"]

    def test_empty_system_block(self):
        body = request(system=[_text("")])
        d = only(body, "CL504")
        assert (d.path, d.api_message) == ("system.0.text", None)
        assert "CL203" not in codes(body)

    def test_non_empty_text_is_fine(self):
        assert error_codes(request(messages=[user([_text("Hello")])])) == []


def test_odd_shapes_do_not_crash():
    for body in (request(cache_control="yes"), request(tools="x", system=[None, _text("a", cache="5m")]),
                 request(messages=[user([{"type": "tool_result", "content": [None, {"cache_control": 1}]}])]),
                 request(messages=[user([{"type": "document", "source": {"type": "content", "content": [_text("d")]}}])])):
        assert "CL000" not in [d.code for d in lint(body)]
