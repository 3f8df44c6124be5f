"""CL901-CL903: what `anthropic-version: 2026-10-21` changes (api-version-2026-10-21.md §1)."""
import pytest

import claude_lint
from tests.helpers import assistant, codes, error_codes, only, request, user

NEW = "2026-10-21"
OLD = "2023-06-01"
UPGRADE = "breaks when you move to API version 2026-10-21"

DOCUMENT = {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "The sky is blue."}}
CITATION = {"type": "char_location", "cited_text": "The sky is blue.", "document_index": 0, "document_title": None,
            "start_char_index": 0, "end_char_index": 16}


def _rejected(d):
    assert d.severity == "error"
    assert (d.status, d.error_type) == (400, "invalid_request_error")


def _upgrade_warning(d):
    assert d.severity == "warning"
    assert (d.status, d.error_type, d.api_message) == (None, None, None)
    assert UPGRADE in d.message


class TestRemovedSamplingParameters:
    def test_temperature_observed(self):
        body = request(max_tokens=512, temperature=0.2)
        d = only(body, "CL901", api_version=NEW)
        _rejected(d)
        assert d.name == "removed-in-api-version"
        assert d.path == "temperature"
        assert d.api_message == "temperature: Extra inputs are not permitted"

    @pytest.mark.parametrize("key, value", [("temperature", 1.0), ("top_p", 0.9), ("top_k", 5), ("temperature", None)])
    def test_any_value_even_the_default(self, key, value):
        body = {**request(), key: value}
        d = only(body, "CL901", api_version=NEW)
        _rejected(d)
        assert d.path == key and d.api_message == f"{key}: Extra inputs are not permitted"

    def test_one_finding_per_key_in_body_order(self):
        body = {**request(), "top_k": 5, "temperature": 0.5}
        found = [d for d in claude_lint.validate(body, api_version=NEW) if d.code == "CL901"]
        assert [d.path for d in found] == ["top_k", "temperature"]
        with pytest.raises(claude_lint.RequestInvalid) as raised:
            claude_lint.check(body, api_version=NEW)
        assert raised.value.body["error"]["message"] == "top_k: Extra inputs are not permitted"

    def test_without_the_keys_the_request_is_fine(self):
        assert error_codes(request(), api_version=NEW) == []

    def test_model_rules_for_sampling_are_unreachable(self):
        # The schema refuses the key before any model check (api-version §1, lint consequences).
        body = request(model="claude-sonnet-5", temperature=0)
        assert "CL801" not in codes(body, api_version=NEW)
        with pytest.raises(claude_lint.RequestInvalid) as raised:
            claude_lint.check(body, api_version=NEW)
        assert raised.value.body["error"]["message"] == "temperature: Extra inputs are not permitted"

    @pytest.mark.parametrize("value", [-0.5, 1.5, "hot"])
    def test_out_of_range_or_mistyped_value_is_still_an_extra_input(self, value):
        # Under 2026-10-21 the key is not in the schema at all, so its value is never checked:
        # the API answers "Extra inputs are not permitted" for any value (V1: "any value").
        with pytest.raises(claude_lint.RequestInvalid) as raised:
            claude_lint.check(request(temperature=value), api_version=NEW)
        assert raised.value.body["error"]["message"] == "temperature: Extra inputs are not permitted"

    @pytest.mark.parametrize("version", [None, OLD])
    def test_warning_under_2023_06_01(self, version):
        body = request(temperature=0.2)
        d = only(body, "CL901", api_version=version)
        _upgrade_warning(d)
        assert d.path == "temperature"
        assert error_codes(body, api_version=version) == []

    @pytest.mark.parametrize("version", [OLD, NEW])
    def test_count_tokens_is_left_to_the_schema(self, version):
        body = {"model": "claude-haiku-4-5", "temperature": 0.5, "messages": [user("Count me.")]}
        found = codes(body, endpoint="count_tokens", api_version=version)
        assert "CL901" not in found
        assert only(body, "CL102", endpoint="count_tokens", api_version=version).api_message == (
            "temperature: Extra inputs are not permitted"
        )

    def test_each_request_of_a_batch(self):
        body = {"requests": [{"custom_id": "a", "params": request(temperature=0.3)}]}
        d = only(body, "CL901", endpoint="batch", api_version=NEW)
        _rejected(d)
        assert d.path == "requests.0.params.temperature"
        assert d.api_message == "temperature: Extra inputs are not permitted"
        _upgrade_warning(only(body, "CL901", endpoint="batch"))


class TestAssistantDocumentBlock:
    def body(self, content):
        return request(model="claude-opus-4-5",
                       messages=[user("Read this."), assistant(content), user("Summarize it.")])

    def test_document_in_an_assistant_message(self):
        d = only(self.body([DOCUMENT]), "CL902", api_version=NEW)
        _rejected(d)
        assert d.name == "assistant-document-block"
        assert d.path == "messages.1.content.0"
        assert d.api_message is None

    def test_warning_under_2023_06_01(self):
        body = self.body([DOCUMENT])
        _upgrade_warning(only(body, "CL902"))
        assert "CL902" not in error_codes(body)

    def test_count_tokens_too(self):
        body = {"model": "claude-haiku-4-5", "messages": [user("Read."), assistant([DOCUMENT]), user("Go.")]}
        _rejected(only(body, "CL902", endpoint="count_tokens", api_version=NEW))

    def test_document_in_a_user_message_is_fine(self):
        body = request(messages=[user([DOCUMENT, {"type": "text", "text": "Summarize this."}])])
        assert "CL902" not in codes(body, api_version=NEW)

    def test_document_nested_in_a_web_fetch_result_is_fine(self):
        fetch = {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_fetch",
                 "input": {"url": "https://example.com"}}
        result = {"type": "web_fetch_tool_result", "tool_use_id": "srvtoolu_01",
                  "content": {"type": "web_fetch_result", "url": "https://example.com", "content": DOCUMENT}}
        body = request(model="claude-opus-4-5", tools=[{"type": "web_fetch_20250910", "name": "web_fetch"}],
                       messages=[user("Fetch it."), assistant([fetch, result, {"type": "text", "text": "Done."}]),
                                 user("Thanks.")])
        assert "CL902" not in codes(body, api_version=NEW)


class TestUserTextCitations:
    def test_citations_on_user_text(self):
        body = request(messages=[user([{"type": "text", "text": "As you said:", "citations": [CITATION]}])])
        d = only(body, "CL903", api_version=NEW)
        _rejected(d)
        assert d.name == "user-text-citations"
        assert d.path == "messages.0.content.0.citations"
        assert d.api_message is None

    def test_inside_a_search_result(self):
        result = {"type": "search_result", "source": "https://example.com", "title": "Sky",
                  "content": [{"type": "text", "text": "The sky is blue.", "citations": [CITATION]}]}
        body = request(messages=[user([result, {"type": "text", "text": "Why?"}])])
        assert only(body, "CL903", api_version=NEW).path == "messages.0.content.0.content.0.citations"

    def test_warning_under_2023_06_01(self):
        body = request(messages=[user([{"type": "text", "text": "As you said:", "citations": [CITATION]}])])
        _upgrade_warning(only(body, "CL903"))

    def test_empty_citations_list_is_fine(self):
        body = request(messages=[user([{"type": "text", "text": "Hi", "citations": []}])])
        assert "CL903" not in codes(body, api_version=NEW)

    def test_citations_on_assistant_text_are_fine(self):
        body = request(messages=[user("Q?"), assistant([{"type": "text", "text": "Blue.", "citations": [CITATION]}]),
                                 user("Thanks.")])
        assert "CL903" not in codes(body, api_version=NEW)


class TestRobustness:
    @pytest.mark.parametrize("body", [
        request(messages=[user([{"type": "text", "text": "x", "citations": 5}])]),
        request(messages=[user([{"type": "search_result", "content": 5}])]),
        request(messages=[user([{"type": "search_result", "content": [5, {"type": "text", "citations": [1]}]}])]),
        request(messages=[assistant([None, {"type": "document"}])]),
        [],
        None,
    ])
    @pytest.mark.parametrize("version", [OLD, NEW])
    def test_malformed_bodies_never_crash_a_version_rule(self, body, version):
        found = claude_lint.validate(body, api_version=version)
        assert [d.message for d in found if d.code == "CL000" and "rule CL90" in d.message] == []


class TestBetaField:
    def test_beta_field_is_a_reminder_naming_its_header(self):
        from tests.helpers import only, request

        d = only(request(mcp_servers=[{"type": "url", "url": "https://mcp.example.com/sse", "name": "x"}]), "CL951")
        assert d.severity == "warning" and d.status is None and d.path == "mcp_servers"
        assert "anthropic-beta: mcp-client-2025-11-20" in d.message

    def test_unknown_header_is_not_invented(self):
        from tests.helpers import only, request

        assert "its beta header" in only(request(thread={"id": "t"}), "CL951").message

    def test_plain_request_has_no_reminder(self):
        from tests.helpers import codes, request

        assert "CL951" not in codes(request())
