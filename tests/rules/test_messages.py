"""CL201-CL208: the messages array and its turns (api-rules §5)."""
import pytest

import claude_lint
from tests.helpers import assistant, codes, error_codes, only, request, user


def system(content):
    return {"role": "system", "content": content}


def _rejected(d):
    assert d.severity == "error"
    assert (d.status, d.error_type) == (400, "invalid_request_error")


PREFILL = "This model does not support assistant message prefill. The conversation must end with a user message."


class TestEmptyMessages:
    def test_empty_list(self):
        d = only(request(messages=[]), "CL201")
        _rejected(d)
        assert d.name == "empty-messages"
        assert d.path == "messages"
        assert d.api_message == "messages: at least one message is required"

    def test_one_message_is_enough(self):
        assert error_codes(request(messages=[user("Hi")])) == []

    def test_missing_messages_is_a_schema_error_not_this_one(self):
        assert "CL201" not in codes(request(messages=None))


class TestEmptyMessageContent:
    def test_first_user_message_with_an_empty_list(self):
        body = request(model="claude-haiku-4-5", messages=[user([]), assistant("Hi."), user("Go on.")])
        d = only(body, "CL202")
        _rejected(d)
        assert d.name == "empty-message-content"
        assert d.path == "messages.0.content"
        assert d.api_message == (
            "messages.0: all messages must have non-empty content except for the optional final assistant message"
        )

    def test_empty_string_in_the_middle(self):
        body = request(messages=[user("Hi"), assistant(""), user("Go on.")])
        d = only(body, "CL202")
        assert d.path == "messages.1.content"
        assert d.api_message.startswith("messages.1: all messages must have non-empty content")

    def test_final_user_message_cannot_be_empty(self):
        d = only(request(messages=[user("Hi"), assistant("Hello."), user("")]), "CL202")
        assert d.path == "messages.2.content"

    @pytest.mark.parametrize("empty", ["", []])
    def test_empty_final_assistant_message_is_allowed(self, empty):
        body = request(model="claude-opus-4-5", messages=[user("Hi"), assistant(empty)])
        assert "CL202" not in codes(body)
        assert error_codes(body) == []

    def test_content_is_fine(self):
        assert error_codes(request(messages=[user("Hi"), assistant("Hello."), user("Go on.")])) == []


class TestEmptyTextBlock:
    def test_in_a_message(self):
        image = {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}}
        d = only(request(messages=[user([{"type": "text", "text": ""}, image])]), "CL203")
        _rejected(d)
        assert d.name == "empty-text-block"
        assert d.path == "messages.0.content.0.text"
        assert d.api_message == "messages: text content blocks must be non-empty"

    def test_in_the_system_prompt(self):
        d = only(request(system=[{"type": "text", "text": ""}]), "CL203")
        assert d.path == "system.0.text"
        assert d.api_message == "system: text content blocks must be non-empty"

    def test_block_with_text_is_fine(self):
        assert error_codes(request(messages=[user([{"type": "text", "text": "Hi"}])])) == []

    def test_an_empty_text_block_is_not_also_whitespace(self):
        assert "CL204" not in codes(request(messages=[user([{"type": "text", "text": ""}])]))


class TestWhitespaceTextBlock:
    def test_newlines_only_in_an_earlier_assistant_turn(self):
        body = request(model="claude-opus-4-7",
                       messages=[user("Start."), assistant([{"type": "text", "text": "\n\n"}]), user("Continue.")])
        d = only(body, "CL204")
        _rejected(d)
        assert d.name == "whitespace-text-block"
        assert d.path == "messages.1.content.0.text"
        assert d.api_message == "messages: text content blocks must contain non-whitespace text"

    def test_string_content_of_spaces(self):
        d = only(request(messages=[user("   ")]), "CL204")
        assert d.path == "messages.0.content"
        assert d.api_message == "messages: text content blocks must contain non-whitespace text"

    def test_system_block_is_rejected_even_beside_real_text(self):
        body = request(model="claude-opus-4-8",
                       system=[{"type": "text", "text": "    "}, {"type": "text", "text": "You are a Go expert."}])
        d = only(body, "CL204")
        _rejected(d)
        assert d.path == "system.0.text"
        assert d.api_message == "system: text content blocks must contain non-whitespace text"

    def test_beside_real_text_in_a_message_is_only_a_warning(self):
        body = request(messages=[user([{"type": "text", "text": " "}, {"type": "text", "text": "Real question?"}])])
        d = only(body, "CL204")
        assert d.severity == "warning" and d.api_message is None
        assert d.path == "messages.0.content.0.text"
        assert error_codes(body) == []

    def test_an_accepted_warning_predicts_no_api_error(self):
        # The finding says the API accepts this (api-rules §20, LibreChat-AI/agents#124), so it
        # must not predict a 400 either.
        body = request(messages=[user([{"type": "text", "text": " "}, {"type": "text", "text": "Real question?"}])])
        d = only(body, "CL204")
        assert (d.status, d.error_type) == (None, None)

    def test_text_with_surrounding_whitespace_is_fine(self):
        assert error_codes(request(messages=[user("  Hello\n")])) == []


class TestPrefillTrailingWhitespace:
    def test_string_prefill_ending_in_a_newline(self):
        body = request(model="claude-opus-4-5",
                       messages=[user("Write a haiku about rain."), assistant("Here is the haiku:\n")])
        d = only(body, "CL205")
        _rejected(d)
        assert d.name == "prefill-trailing-whitespace"
        assert d.path == "messages.1.content"
        assert d.api_message == "messages: final assistant content cannot end with trailing whitespace"

    def test_block_prefill_points_at_the_last_text(self):
        prefill = assistant([{"type": "text", "text": "Sure."}, {"type": "text", "text": "Answer: "}])
        d = only(request(model="claude-opus-4-5", messages=[user("Q?"), prefill]), "CL205")
        assert d.path == "messages.1.content.1.text"

    def test_prefill_without_trailing_whitespace_is_accepted(self):
        body = request(model="claude-opus-4-5-20251101",
                       messages=[user("Summarize: the meeting moved to Tuesday."), assistant("<summary>")])
        assert error_codes(body) == []

    def test_trailing_whitespace_in_an_earlier_assistant_turn_is_fine(self):
        body = request(model="claude-opus-4-5", messages=[user("a"), assistant("b \n"), user("c")])
        assert error_codes(body) == []

    def test_whitespace_only_final_prefill_is_rejected(self):
        # Both G10 (whitespace-only text) and G11 (final assistant content ending in whitespace)
        # reject it; a block holding the same text is already rejected (CL204).
        body = request(model="claude-opus-4-5", messages=[user("Hi"), assistant("  ")])
        assert {"CL204", "CL205"} & set(error_codes(body))

    def test_not_reported_where_prefill_itself_is_refused(self):
        body = request(model="claude-sonnet-4-6", messages=[user("Q?"), assistant("Answer: ")])
        assert "CL205" not in codes(body)
        assert "CL206" in error_codes(body)


class TestPrefillNotSupported:
    def test_sonnet_46_observed(self):
        body = request(model="claude-sonnet-4-6", messages=[user("Is 7 prime?"), assistant("Answer:")])
        d = only(body, "CL206")
        _rejected(d)
        assert d.name == "prefill-not-supported"
        assert d.path == "messages.1"
        assert d.api_message == PREFILL

    @pytest.mark.parametrize("model", ["claude-opus-4-6", "claude-opus-4-8", "claude-opus-5", "claude-fable-5"])
    def test_other_models_without_prefill(self, model):
        assert only(request(model=model, messages=[user("Q?"), assistant("A:")]), "CL206").severity == "error"

    @pytest.mark.parametrize("model", ["claude-opus-4-5", "claude-opus-4-5-20251101", "claude-haiku-4-5"])
    def test_prefill_allowed_on_45_models(self, model):
        body = request(model=model, messages=[user("Q?"), assistant("A:")])
        assert "CL206" not in codes(body)
        assert error_codes(body) == []

    def test_ending_with_a_user_message_is_fine(self):
        assert error_codes(request(messages=[user("Q?"), assistant("A."), user("Thanks!")])) == []

    def test_merged_assistant_turns_at_the_end_report_the_last_message(self):
        body = request(messages=[user("Q?"), assistant("A."), assistant("More:")])
        assert only(body, "CL206").path == "messages.2"

    def test_lone_assistant_message_on_a_model_without_prefill(self):
        assert only(request(messages=[assistant("Hi")]), "CL206").path == "messages.0"


class TestTurnsAreMerged:
    def test_consecutive_user_turns_are_accepted(self):
        assert error_codes(request(messages=[user("Hi"), user("Are you there?")])) == []

    def test_consecutive_assistant_turns_are_accepted(self):
        body = request(model="claude-opus-4-7", messages=[
            user("Tell me about Mars."), assistant("Mars is the fourth planet."),
            assistant("It has two small moons."), user("Name the moons."),
        ])
        assert error_codes(body) == []

    def test_assistant_first_conversation_is_accepted(self):
        body = request(model="claude-sonnet-4-6", max_tokens=512, messages=[
            assistant("Welcome back! Ready for today's quiz?"), user("Yes, start with geography."),
        ])
        assert error_codes(body) == []


class TestSystemMessages:
    VALID_OPUS5 = {
        "model": "claude-opus-5",
        "max_tokens": 1024,
        "system": "You are a writing coach.",
        "messages": [
            user("Critique my opening line: 'It was a dark night.'"),
            assistant("It's a cliché; try a concrete detail."),
            user("Here's a rewrite: 'The streetlights died at 9:14.'"),
            system("From now on, keep feedback under 30 words."),
        ],
    }

    def test_mid_conversation_system_message_on_opus5_is_accepted(self):
        assert error_codes(self.VALID_OPUS5) == []

    def test_followed_by_an_assistant_message_is_accepted(self):
        body = request(model="claude-opus-5", messages=[user("a"), system("Be brief."), assistant("b"), user("c")])
        assert error_codes(body) == []

    def test_mid_conversation_system_message_on_sonnet46_is_rejected(self):
        body = {**self.VALID_OPUS5, "model": "claude-sonnet-4-6"}
        d = only(body, "CL207")
        _rejected(d)
        assert d.name == "system-message-not-supported"
        assert d.path == "messages.3.role"
        assert d.api_message is None
        assert "CL208" not in codes(body)

    def test_unconfirmed_model_gets_a_warning(self):
        body = request(model="claude-fable-5-1", messages=[user("a"), system("Be brief.")])
        d = only(body, "CL207")
        assert d.severity == "warning"
        assert "CL207" not in error_codes(body)

    def test_unknown_model_is_skipped(self):
        body = request(model="claude-opus-6", messages=[user("a"), system("Be brief.")])
        assert not {"CL207", "CL208"} & set(codes(body))

    @pytest.mark.parametrize("model", ["claude-sonnet-4-6", "claude-opus-5"])
    def test_leading_system_message_is_rejected_on_every_model(self, model):
        body = request(model=model, max_tokens=10,
                       messages=[system("You are a helpful assistant."), user("Test prompt")])
        d = only(body, "CL208")
        _rejected(d)
        assert d.name == "system-message-placement"
        assert d.path == "messages.0.role" and d.api_message is None
        assert "CL207" not in codes(body)

    def test_system_message_after_an_assistant_turn(self):
        body = request(model="claude-opus-5", max_tokens=512, messages=[
            user("Plan my week."), assistant("Monday: gym. Tuesday: groceries."),
            system("Use 24-hour times."), user("Add a dentist visit."),
        ])
        d = only(body, "CL208")
        assert d.severity == "error" and d.path == "messages.2.role"

    def test_system_message_followed_by_a_user_turn(self):
        body = request(model="claude-opus-5", messages=[user("a"), system("Be brief."), user("c")])
        assert only(body, "CL208").path == "messages.1.role"

    def test_after_an_assistant_turn_ending_in_server_tool_use(self):
        server_call = {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search", "input": {"query": "x"}}
        body = request(model="claude-opus-5", tools=[{"type": "web_search_20250305", "name": "web_search"}],
                       messages=[user("Search."), assistant([server_call]), system("Cite sources.")])
        assert "CL208" not in codes(body)


class TestRobustness:
    @pytest.mark.parametrize("messages", [5, True, 1.5, "x", {"role": "user"}, [None], ["x"], [{}],
                                          [{"role": "user", "content": 5}], [{"role": None, "content": [None]}]])
    def test_malformed_messages_never_crash_a_messages_rule(self, messages):
        found = claude_lint.validate(request(messages=messages))
        crashed = [d.message for d in found if d.code == "CL000" and "rule CL20" in d.message]
        assert crashed == []
        assert any(d.severity == "error" for d in found)  # the schema still rejects it
