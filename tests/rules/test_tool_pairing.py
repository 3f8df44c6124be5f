"""CL35x: tool_use / tool_result pairing."""
from tests.helpers import assistant, codes, error_codes, lint, only, request, user

TOOLS = [{"name": "stock", "description": "Stock level.", "input_schema": {"type": "object", "properties": {"sku": {"type": "string"}}}}]
MISSING = ("messages.{n}: `tool_use` ids were found without `tool_result` blocks immediately after: {ids}. "
           "Each `tool_use` block must have a corresponding `tool_result` block in the next message.")


def use(tool_id="toolu_A", name="stock"):
    return {"type": "tool_use", "id": tool_id, "name": name, "input": {"sku": "A"}}


def result(tool_id="toolu_A", content="4", **extra):
    return {"type": "tool_result", "tool_use_id": tool_id, "content": content, **extra}


def text(value="Results:"):
    return {"type": "text", "text": value}


def convo(*messages, **overrides):
    return request(**{"tools": TOOLS, "messages": [user("Stock for A and B?"), *messages], **overrides})


ROUND_TRIP = convo(assistant([use("toolu_A"), use("toolu_B")]), user([result("toolu_A"), result("toolu_B"), text("Thanks")]))


def test_a_complete_round_trip_is_clean():
    assert codes(ROUND_TRIP) == []


class TestToolBlocksWithoutTools:
    def test_history_without_tools(self):
        body = request(messages=[user("q"), assistant([use()]), user([result()]), assistant("4."), user("Thanks")])
        d = only(body, "CL350")
        assert d.path == "tools" and d.severity == "error"
        assert d.api_message == "Requests which include `tool_use` or `tool_result` blocks must define tools."

    def test_empty_tools_list_counts_as_none(self):
        assert "CL350" in codes(convo(assistant([use()]), user([result()]), tools=[]))

    def test_with_tools_is_fine(self):
        assert "CL350" not in codes(convo(assistant([use()]), user([result()])))


class TestBlockInWrongRole:
    def test_tool_result_in_assistant_turn(self):
        d = only(convo(assistant([text("Done"), result()])), "CL351")
        assert d.severity == "warning" and d.path == "messages.1.content.1"

    def test_tool_use_in_user_turn(self):
        d = only(request(tools=TOOLS, messages=[user([use()])]), "CL351")
        assert d.severity == "warning" and d.path == "messages.0.content.0"


class TestDuplicateToolUseId:
    def test_duplicate_in_one_message(self):
        body = convo(assistant([use("toolu_A"), use("toolu_A")]), user([result("toolu_A"), result("toolu_A", "5")]))
        d = only(body, "CL352")
        assert d.severity == "error" and d.path == "messages.1.content.1.id"
        assert d.api_message == "messages.1.content.1: `tool_use` ids must be unique"

    def test_duplicate_across_merged_assistant_messages(self):
        body = convo(assistant([use("toolu_A")]), assistant([use("toolu_A")]), user([result("toolu_A")]))
        d = only(body, "CL352")
        assert d.severity == "error" and d.path == "messages.2.content.0.id"

    def test_reuse_in_a_later_turn_is_a_warning(self):
        body = convo(assistant([use("toolu_A")]), user([result("toolu_A")]),
                     assistant([use("toolu_A")]), user([result("toolu_A")]))
        d = only(body, "CL352")
        assert d.severity == "warning" and d.path == "messages.3.content.0.id"


class TestToolUseWithoutResult:
    def test_next_turn_has_only_an_image(self):
        image = {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
        d = only(convo(assistant([use("toolu_A")]), user([image])), "CL353")
        assert d.severity == "error" and (d.status, d.error_type) == (400, "invalid_request_error")
        assert d.path == "messages.1.content.0"
        assert d.api_message == MISSING.format(n=1, ids="toolu_A")

    def test_results_after_text_are_missing(self):
        body = convo(assistant([use("toolu_A"), use("toolu_B")]), user([text(), result("toolu_A"), result("toolu_B")]))
        d = only(body, "CL353")
        assert d.path == "messages.2.content.1"
        assert d.api_message == MISSING.format(n=1, ids="toolu_A, toolu_B")
        assert "CL354" not in codes(body)

    def test_only_the_unanswered_ids_are_listed(self):
        body = convo(assistant([text("Checking."), use("toolu_A"), use("toolu_B")]), user([result("toolu_A")]))
        d = only(body, "CL353")
        assert d.path == "messages.1.content.2" and d.api_message == MISSING.format(n=1, ids="toolu_B")

    def test_results_split_over_consecutive_user_messages_are_merged(self):
        body = convo(assistant([use("toolu_A"), use("toolu_B")]), user([result("toolu_A")]), user([result("toolu_B")]))
        assert error_codes(body) == []

    def test_text_message_between_call_and_results_breaks_the_pairing(self):
        body = convo(assistant([use("toolu_A")]), user("wait"), user([result("toolu_A")]))
        d = only(body, "CL353")
        assert d.path == "messages.3.content.0" and d.api_message == MISSING.format(n=1, ids="toolu_A")

    def test_index_names_the_message_holding_the_call(self):
        body = convo(assistant("Let me check."), assistant([use("toolu_A")]), user("no results"))
        assert only(body, "CL353").api_message == MISSING.format(n=2, ids="toolu_A")

    def test_final_assistant_turn_is_a_warning(self):
        d = only(convo(assistant([use("toolu_A")]), model="claude-opus-4-5"), "CL353")
        assert d.severity == "warning" and d.path == "messages.1.content.0"


class TestOrphanToolResult:
    def test_first_message_is_a_result(self):
        body = request(tools=TOOLS, messages=[user([result("toolu_019Nz"), text("Fix the failing test.")])])
        d = only(body, "CL354")
        assert d.severity == "error" and d.path == "messages.0.content.0.tool_use_id"
        assert d.api_message == (
            "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_019Nz. "
            "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
        )

    def test_result_for_an_older_turn(self):
        body = convo(assistant([use("toolu_A")]), user([result("toolu_A")]), assistant("ok"), user([result("toolu_A")]))
        assert only(body, "CL354").path == "messages.4.content.0.tool_use_id"

    def test_mismatched_id_reports_both_sides(self):
        body = convo(assistant([use("toolu_A")]), user([result("toolu_X")]))
        assert [c for c in error_codes(body)] == ["CL353", "CL354"]


def test_duplicate_result_is_a_warning():
    d = only(convo(assistant([use("toolu_A")]), user([result("toolu_A"), result("toolu_A")])), "CL355")
    assert d.severity == "warning" and d.path == "messages.2.content.1.tool_use_id"


class TestEmptyErrorToolResult:
    def test_is_error_with_empty_content(self):
        for content in ("", [], None):
            d = only(convo(assistant([use()]), user([result(content=content, is_error=True)])), "CL356")
            assert d.path == "messages.2.content.0.content" and d.severity == "error"
            assert d.api_message == "messages.2.content.0.tool_result: content cannot be empty if `is_error` is true"

    def test_missing_content(self):
        block = {"type": "tool_result", "tool_use_id": "toolu_A", "is_error": True}
        assert "CL356" in codes(convo(assistant([use()]), user([block])))

    def test_error_text_or_no_error_is_fine(self):
        assert error_codes(convo(assistant([use()]), user([result(content="timeout", is_error=True)]))) == []
        assert "CL356" not in codes(convo(assistant([use()]), user([result(content="")])))


class TestOrphanServerToolResult:
    SEARCH = {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "q"}}
    RESULT = {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", "content": []}

    def body(self, *content):
        return request(tools=[{"type": "web_search_20250305", "name": "web_search"}],
                       messages=[user("q"), assistant(list(content)), user("more")])

    def test_result_without_its_call(self):
        d = only(self.body(text("Searching."), self.RESULT), "CL357")
        assert d.severity == "error" and d.path == "messages.1.content.1.tool_use_id"
        assert d.api_message == (
            "messages.1.content.1: unexpected `tool_use_id` found in `web_search_tool_result` blocks: srvtoolu_01. "
            "Each `web_search_tool_result` block must have a corresponding `server_tool_use` block before it."
        )

    def test_result_before_its_call(self):
        assert "CL357" in codes(self.body(self.RESULT, self.SEARCH))

    def test_call_then_result_is_fine(self):
        assert error_codes(self.body(self.SEARCH, self.RESULT, text("Found it."))) == []


class TestIdFormats:
    def test_tool_use_id_pattern_is_a_schema_error(self):
        body = convo(assistant([use("functions.Bash:0")]), user([result("functions.Bash:0")]))
        found = {d.code: d for d in lint(body)}
        assert found["CL108"].api_message == "messages.1.content.0.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'"
        assert found["CL358"].severity == "warning" and found["CL358"].path == "messages.2.content.0.tool_use_id"

    def test_server_tool_use_id_pattern_is_a_schema_error(self):
        call = {"type": "server_tool_use", "id": "toolu_01", "name": "web_search", "input": {}}
        body = request(tools=[{"type": "web_search_20250305", "name": "web_search"}], messages=[user("q"), assistant([call]), user("go on")])
        d = only(body, "CL108")
        assert d.api_message == "messages.1.content.0.server_tool_use.id: String should match pattern '^srvtoolu_[a-zA-Z0-9_]+$'"

    def test_tool_use_name_length(self):
        assert only(convo(assistant([use(name="")]), user([result()])), "CL359").severity == "warning"
        assert "CL359" not in codes(convo(assistant([use(name="x" * 200)]), user([result()])))


def test_malformed_conversations_do_not_crash():
    bodies = [
        request(messages="nope"),
        request(tools=TOOLS, messages=[None, {"role": "assistant", "content": [None, {"type": "tool_use", "id": ["x"]}]},
                                        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": {"a": 1}}]}]),
        request(tools=TOOLS, messages=[{"role": 5, "content": 7}, {"content": [{"type": "tool_result"}]}]),
        request(messages=[user([{"type": "tool_result", "tool_use_id": "x", "is_error": True, "content": {}}])]),
        request(tools=TOOLS, messages=[user([{"type": {"x": 1}}, {"type": ["tool_use"], "tool_use_id": "a"}]),
                                       assistant([{"type": {}, "tool_use_id": "srvtoolu_1"}])]),
    ]
    for body in bodies:
        assert not [d for d in lint(body) if d.code == "CL000"]
