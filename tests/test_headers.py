"""CL96x-CL97x and the header-aware rules: the HTTP request around the body (api-rules §2 H1-H11,
api-version-2026-10-21.md §2 VH1-VH16). Each rule: the request it rejects, the closest request it
accepts, and its message."""
import json
import logging

import pytest

import claude_lint
from claude_lint.data import betas, transport
from claude_lint.rules import RULES
from claude_lint.rules.base import Phase
from tests.helpers import lint, request

KEY = "sk-ant-api03-" + "Q" * 86 + "-" + "w" * 6 + "AA"  # the shape of a real key (108 characters)
OAUTH = "sk-ant-oat01-" + "r" * 95
URL = "https://api.anthropic.com/v1/messages"
GOOD = {"x-api-key": KEY, "anthropic-version": "2023-06-01", "content-type": "application/json"}


def headers(**changes):
    """GOOD with changes (names with `_` for `-`; None removes the header)."""
    result = dict(GOOD)
    for name, value in changes.items():
        name = name.replace("_", "-")
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def found(body=None, **options):
    return lint(body if body is not None else request(), **options)


def one(code, body=None, **options):
    hits = [d for d in found(body, **options) if d.code == code]
    assert len(hits) == 1, f"expected one {code}, got {hits!r}"
    return hits[0]


def codes(body=None, **options):
    return [d.code for d in found(body, **options)]


def header_codes(body=None, **options):
    return [d.code for d in found(body, **options) if d.code.startswith("CL9") and d.code >= "CL960"]


class TestWithoutRequestContext:
    def test_a_body_alone_gets_no_header_findings(self):
        assert header_codes() == []

    def test_a_good_request_is_clean(self):
        assert found(headers=GOOD, url=URL) == []

    def test_header_names_are_case_insensitive_and_pairs_are_accepted(self):
        assert found(headers={"X-API-KEY": KEY, "Anthropic-Version": "2023-06-01"}) == []
        assert found(headers=[("X-Api-Key", KEY), ("anthropic-version", "2023-06-01")]) == []

    def test_normalized_headers(self):
        assert transport.normalize_headers({"X-Api-Key": b"k", "Anthropic-Beta": ["a", "b"], "anthropic-version": None}) == {
            "x-api-key": "k", "anthropic-beta": "a, b"}
        assert transport.normalize_headers([("A", "1"), ("a", "2")]) == {"a": "1, 2"}

    def test_header_rules_sort_first_and_are_the_api_answer(self):
        body = request(messages=[])
        diagnostics = found(body, headers=headers(anthropic_version=None))
        assert [d.code for d in diagnostics][:2] == ["CL970", "CL201"]
        with pytest.raises(claude_lint.RequestInvalid) as raised:
            claude_lint.check(body, headers=headers(anthropic_version=None))
        assert raised.value.body["error"]["message"] == "anthropic-version: header is required"

    def test_header_rules_are_in_the_headers_phase_and_area(self):
        for code in ("CL960", "CL961", "CL962", "CL965", "CL966", "CL967", "CL968", "CL969", "CL970", "CL971", "CL975", "CL976"):
            assert RULES[code].phase == Phase.HEADERS and RULES[code].area == "API versions and headers"
        assert list(RULES)[0] == "CL960"


class TestEndpoint:
    def test_singular_path_is_not_found(self):
        d = one("CL960", url="https://api.anthropic.com/v1/message", headers=GOOD)
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 404, "not_found_error", "url")
        assert d.api_message == "Not Found"
        assert "did you mean `/v1/messages`?" in d.message

    def test_doubled_v1_names_the_base_url(self):
        d = one("CL960", url="https://api.anthropic.com/v1/v1/messages")
        assert d.status == 404 and "drop /v1 from the base URL" in d.message

    def test_missing_v1(self):
        assert one("CL960", url="https://api.anthropic.com/messages").api_message == "Not Found"

    @pytest.mark.parametrize("url, endpoint", [
        (URL, "messages"), (URL + "?beta=true", "messages"), ("https://api.anthropic.com/v1/messages/count_tokens", "count_tokens"),
        ("https://api.anthropic.com/v1/messages/batches", "batch"), ("http://localhost:8080/anthropic/v1/messages", "messages"),
    ])
    def test_the_endpoints_are_accepted_and_the_url_decides_the_endpoint(self, url, endpoint):
        assert transport.endpoint_of_url(url) == endpoint
        assert "CL960" not in codes(url=url)

    def test_url_decides_the_endpoint(self):
        # sent to count_tokens, max_tokens is an extra input even though endpoint= says messages
        diagnostics = found(url="https://api.anthropic.com/v1/messages/count_tokens")
        assert [d.api_message for d in diagnostics] == ["max_tokens: Extra inputs are not permitted"]

    def test_a_gateway_path_is_only_a_warning(self):
        d = one("CL960", url="https://gateway.example.com/api/v1/message")
        assert (d.severity, d.status, d.api_message) == ("warning", None, None)

    def test_text_completions(self):
        d = one("CL961", url="https://api.anthropic.com/v1/complete")
        assert (d.severity, d.status, d.api_message) == ("error", 400, None)
        assert "legacy Text Completions" in d.message
        assert "CL960" not in codes(url="https://api.anthropic.com/v1/complete")

    def test_openai_compatible_endpoint_is_a_warning_not_a_404(self):
        # api.anthropic.com/v1/chat/completions exists: the OpenAI SDK compatibility layer
        d = one("CL962", url="https://api.anthropic.com/v1/chat/completions")
        assert (d.severity, d.status, d.api_message) == ("warning", None, None)
        assert "CL960" not in codes(url="https://api.anthropic.com/v1/chat/completions")


class TestCredential:
    def test_no_credential(self):
        d = one("CL965", headers=headers(x_api_key=None))
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 401, "authentication_error", "headers.x-api-key")
        assert d.api_message == "x-api-key header is required"

    def test_an_empty_key_is_no_credential_either(self):
        d = one("CL965", headers=headers(x_api_key=""))
        assert (d.status, d.api_message) == (401, None) and "empty" in d.message

    @pytest.mark.parametrize("auth", [f"Bearer {KEY}", f"bearer {KEY}"])
    def test_api_key_as_bearer_token_is_accepted(self, auth):
        # VH9: the 2026-10-21 SDKs send the key this way
        assert header_codes(headers=headers(x_api_key=None, authorization=auth)) == []

    def test_trailing_newline_is_an_error_that_never_shows_the_key(self):
        d = one("CL966", headers=headers(x_api_key=KEY + "\n"))
        assert (d.severity, d.status, d.error_type) == ("error", 401, "authentication_error")
        assert "ends with a line break" in d.message and "`sk-ant-…` (108 characters)" in d.message
        assert KEY not in d.message and KEY[7:20] not in d.message

    def test_newline_in_a_bearer_token(self):
        assert one("CL966", headers=headers(x_api_key=None, authorization=f"Bearer {KEY}\r\n")).severity == "error"

    def test_surrounding_spaces_are_only_a_warning(self):
        # HTTP strips them in transit (RFC 9110)
        d = one("CL966", headers=headers(x_api_key=f" {KEY} "))
        assert (d.severity, d.status) == ("warning", None)

    @pytest.mark.parametrize("value", ["$ANTHROPIC_API_KEY", "${ANTHROPIC_API_KEY}", "{{anthropic_api_key}}", "<your-api-key>",
                                       "YOUR_API_KEY", "sk-ant-...", "undefined", f"Bearer {KEY}", "sk-ant-api03 abc"])
    def test_certainly_not_a_key(self, value):
        d = one("CL967", headers=headers(x_api_key=value))
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 401, "authentication_error", "headers.x-api-key")
        assert d.api_message == "invalid x-api-key"

    def test_a_repeated_key_header_arrives_joined(self):
        d = one("CL967", headers=[("x-api-key", KEY), ("X-Api-Key", KEY), ("anthropic-version", "2023-06-01")])
        assert "sent more than once" in d.message

    def test_a_placeholder_bearer_token_has_no_predicted_text(self):
        d = one("CL967", headers=headers(x_api_key=None, authorization="Bearer $ANTHROPIC_API_KEY"))
        assert (d.status, d.api_message) == (401, None)

    @pytest.mark.parametrize("value", ["test-key", "k", "sk-proj-abc"])
    def test_unusual_but_possible_keys_pass(self, value):
        # a key of another shape may be valid (a gateway's, a test server's): no shape guessing
        assert header_codes(headers=headers(x_api_key=value)) == []

    def test_gateway_keys_are_not_judged(self):
        assert header_codes(headers=headers(x_api_key="$KEY"), url="http://localhost:4000/v1/messages") == []
        assert header_codes(headers=headers(x_api_key=None), url="http://localhost:4000/v1/messages") == []

    def test_oauth_token_without_its_beta(self):
        d = one("CL968", headers=headers(x_api_key=None, authorization=f"Bearer {OAUTH}"))
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 401, "authentication_error", "headers.authorization")
        assert d.api_message == "OAuth authentication is currently not supported."
        assert OAUTH not in d.message

    def test_oauth_token_with_its_beta(self):
        assert header_codes(headers=headers(x_api_key=None, authorization=f"Bearer {OAUTH}", anthropic_beta=betas.OAUTH)) == []

    def test_both_headers_differ(self):
        d = one("CL969", headers=headers(authorization=f"Bearer {OAUTH}"))
        assert (d.severity, d.status) == ("warning", None) and "uses `x-api-key`" in d.message
        assert "CL969" not in codes(headers=headers(authorization=f"Bearer {KEY}"))  # the same key twice

    def test_authorization_without_bearer(self):
        d = one("CL969", headers=headers(x_api_key=None, authorization=KEY))
        assert "Bearer" in d.message and KEY not in d.message

    def test_oauth_token_in_x_api_key(self):
        assert "OAuth access token" in one("CL969", headers=headers(x_api_key=OAUTH)).message


class TestAnthropicVersion:
    def test_missing(self):
        d = one("CL970", headers=headers(anthropic_version=None))
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 400, "invalid_request_error", "headers.anthropic-version")
        assert d.api_message == "anthropic-version: header is required"

    @pytest.mark.parametrize("value", ["2023-10-01", "2024-01-01", "latest", "2023-06-01, 2023-06-01"])
    def test_invalid(self, value):
        d = one("CL971", headers=headers(anthropic_version=value))
        assert (d.severity, d.status) == ("error", 400)
        assert d.api_message == f'anthropic-version: "{value}" is not a valid version'

    def test_a_repeated_header_says_so(self):
        d = one("CL971", headers=[("x-api-key", KEY), ("anthropic-version", "2023-06-01"), ("anthropic-version", "2023-06-01")])
        assert "sent more than once" in d.message

    @pytest.mark.parametrize("value", ["2023-06-01", "2026-10-21", " 2026-10-21 "])
    def test_known(self, value):
        assert header_codes(headers=headers(anthropic_version=value)) == []

    def test_legacy_initial_version_is_a_warning(self):
        d = one("CL971", headers=headers(anthropic_version="2023-01-01"))
        assert (d.severity, d.status, d.api_message) == ("warning", None, None)

    def test_a_later_date_may_be_a_new_version(self):
        d = one("CL971", headers=headers(anthropic_version="2027-03-01"))
        assert d.severity == "warning" and d.api_message == 'anthropic-version: "2027-03-01" is not a valid version'
        # checked under the newest version claude-lint knows
        assert "CL901" in [x.code for x in found(request(temperature=0.5), headers=headers(anthropic_version="2027-03-01"))
                           if x.severity == "error"]

    def test_through_a_gateway_it_is_a_warning(self):
        d = one("CL970", headers=headers(anthropic_version=None), url="http://localhost:4000/v1/messages")
        assert (d.severity, d.status, d.api_message) == ("warning", None, None)

    def test_the_header_selects_the_rule_set(self):
        body = request(temperature=0.5)
        new = [d for d in found(body, headers=headers(anthropic_version="2026-10-21")) if d.code == "CL901"]
        old = [d for d in found(body, headers=headers(anthropic_version="2023-06-01")) if d.code == "CL901"]
        assert [d.severity for d in new] == ["error"] and [d.severity for d in old] == ["warning"]

    def test_the_header_wins_over_api_version(self):
        # the header is what the API reads; api_version applies only without a usable header
        body = request(temperature=0.5)
        d = one("CL901", body, api_version="2026-10-21", headers=headers(anthropic_version="2023-06-01"))
        assert d.severity == "warning"
        d = one("CL901", body, api_version="2026-10-21", headers=headers(anthropic_version=None))
        assert d.severity == "error"


class TestBetas:
    def test_unknown_beta_is_a_warning_with_the_api_text(self):
        d = one("CL975", headers=headers(anthropic_beta="interleaved-thinking-2025-05-15"))
        assert (d.severity, d.status, d.path) == ("warning", 400, "headers.anthropic-beta")
        assert "did you mean `interleaved-thinking-2025-05-14`?" in d.message
        assert d.api_message == ("Unexpected value(s) `interleaved-thinking-2025-05-15` for the `anthropic-beta` header. "
                                 "Please consult our documentation at platform.claude.com/docs or try again without the header.")

    def test_several_unknown_names_are_listed_together(self):
        hits = [d for d in found(headers=headers(anthropic_beta="foo-2026-01-01, files-api-2025-04-14,bar")) if d.code == "CL975"]
        assert len(hits) == 2
        assert hits[0].api_message.startswith("Unexpected value(s) `foo-2026-01-01`, `bar` for")

    def test_space_separated_names(self):
        d = one("CL975", headers=headers(anthropic_beta="files-api-2025-04-14 skills-2025-10-02"))
        assert "separate beta names with commas" in d.message

    @pytest.mark.parametrize("value", ["files-api-2025-04-14", "context-1m-2025-08-07,interleaved-thinking-2025-05-14",
                                       "oauth-2025-04-20, claude-code-20250219", "mcp-client-2026-09-15"])
    def test_known_betas(self, value):
        assert header_codes(headers=headers(anthropic_beta=value)) == []

    def test_generally_available_beta(self):
        d = one("CL976", headers=headers(anthropic_beta="prompt-caching-2024-07-31"))
        assert (d.severity, d.status) == ("warning", None) and "no longer needed" in d.message

    def test_repeated_beta_headers_are_joined(self):
        assert betas.parse(transport.normalize_headers({"anthropic-beta": ["a-2025-01-01", "b-2025-01-01"]})["anthropic-beta"]) == (
            "a-2025-01-01", "b-2025-01-01")


MCP = [{"type": "url", "url": "https://mcp.example.com/sse", "name": "x"}]


class TestBetaFields:
    def test_without_headers_a_reminder(self):
        d = one("CL951", request(mcp_servers=MCP))
        assert (d.severity, d.status, d.api_message) == ("warning", None, None)

    def test_with_headers_and_no_beta_the_api_error(self):
        d = one("CL951", request(mcp_servers=MCP), headers=GOOD)
        assert (d.severity, d.status, d.error_type, d.path) == ("error", 400, "invalid_request_error", "mcp_servers")
        assert d.api_message == "mcp_servers: Extra inputs are not permitted"

    @pytest.mark.parametrize("beta", ["mcp-client-2025-11-20", "mcp-client-2025-04-04", "files-api-2025-04-14,mcp-client-2026-09-15"])
    def test_with_the_beta_accepted(self, beta):
        assert "CL951" not in codes(request(mcp_servers=MCP), headers=headers(anthropic_beta=beta))

    def test_field_whose_beta_name_is_unknown(self):
        assert one("CL951", request(thread={"id": "t"}), headers=GOOD).severity == "error"  # no beta at all
        assert one("CL951", request(thread={"id": "t"}), headers=headers(anthropic_beta="files-api-2025-04-14")).severity == "warning"

    def test_batch_create_headers_reach_every_request(self):
        body = {"requests": [{"custom_id": "a", "params": request(mcp_servers=MCP)}]}
        d = one("CL951", body, endpoint="batch", headers=GOOD)
        assert d.path == "requests.0.params.mcp_servers" and d.severity == "error"
        assert "CL951" not in codes(body, endpoint="batch", headers=headers(anthropic_beta="mcp-client-2025-11-20"))

    def test_the_batch_create_call_gets_the_header_rules_once(self):
        body = {"requests": [{"custom_id": f"r{i}", "params": request()} for i in range(3)]}
        assert [d.code for d in found(body, endpoint="batch", headers=headers(anthropic_version=None))] == ["CL970"]

    def test_batch_line_uses_the_create_calls_betas(self):
        from claude_lint.checking.engine import Linter

        line = {"custom_id": "a", "params": request(mcp_servers=MCP)}
        assert [d.severity for d in Linter().validate_batch_line(line, headers=GOOD) if d.code == "CL951"] == ["error"]
        assert not [d for d in Linter().validate_batch_line(line, headers=headers(anthropic_beta="mcp-client-2025-11-20"))
                    if d.code == "CL951"]


TOOL = {"name": "get_weather", "description": "Weather", "input_schema": {"type": "object"}}


class TestInterleavedThinkingBudget:
    BODY = request(model="claude-haiku-4-5", max_tokens=4096, tools=[TOOL], thinking={"type": "enabled", "budget_tokens": 10000})

    def test_accepted_with_the_beta(self):
        assert "CL410" not in codes(self.BODY, headers=headers(anthropic_beta=betas.INTERLEAVED_THINKING))

    def test_rejected_without_it(self):
        d = one("CL410", self.BODY, headers=GOOD)
        assert d.severity == "error" and "not sent" in d.message

    def test_without_headers_the_finding_names_the_beta(self):
        assert "unless the request is sent with the interleaved-thinking" in one("CL410", self.BODY).message


class TestSecretsNeverShown:
    def test_no_finding_holds_a_key(self):
        cases = [
            headers(x_api_key=KEY + "\n"), headers(x_api_key=f"Bearer {KEY}"), headers(x_api_key=f" {KEY} "),
            headers(x_api_key=None, authorization=f"Bearer {OAUTH}"), headers(authorization=f"Bearer {OAUTH}"),
            headers(x_api_key=None, authorization=KEY), headers(x_api_key=OAUTH), headers(x_api_key=[KEY, KEY]),
        ]
        for case in cases:
            diagnostics = found(request(messages=[]), headers=case, url=URL)
            assert any(d.code.startswith("CL96") for d in diagnostics), case
            text = json.dumps([d.to_dict() for d in diagnostics])
            for secret in (KEY, OAUTH):
                assert secret[10:] not in text and secret[7:30] not in text

    def test_mask_shows_seven_characters_and_the_length(self):
        assert transport.mask(KEY) == "`sk-ant-…` (108 characters)"
        assert transport.mask("short") == "`s…` (5 characters)"

    def test_redact_masks_keys_in_any_text(self):
        assert transport.redact(f"key={KEY};") == "key=`sk-ant-…` (108 characters);"
        assert transport.redact(f"key={KEY}", in_place=True) == "key=sk-ant-" + "*" * 101


class TestSdkGuardSendsTheRealRequest:
    @pytest.fixture(autouse=True)
    def _sdk(self):
        self.anthropic = pytest.importorskip("anthropic")
        self.httpx2 = pytest.importorskip("httpx2")

    def _client(self, sent, **options):
        http = self.httpx2.Client(transport=self.httpx2.MockTransport(lambda r: (sent.append(r), self.httpx2.Response(
            200, json={"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-6", "content": [],
                       "stop_reason": "end_turn", "stop_sequence": None, "usage": {"input_tokens": 1, "output_tokens": 1}}))[1]))
        return claude_lint.guard(self.anthropic.Anthropic(http_client=http, **options), on_warning=lambda d: None)

    def test_placeholder_key_is_blocked_with_the_apis_401(self, caplog):
        sent = []
        client = self._client(sent, api_key="${ANTHROPIC_API_KEY}", default_headers={"x-api-key": "${ANTHROPIC_API_KEY}"})
        with pytest.raises(self.anthropic.AuthenticationError) as raised:
            client.messages.create(model="claude-sonnet-4-6", max_tokens=16, messages=[{"role": "user", "content": "Hi"}])
        assert sent == [] and raised.value.status_code == 401

    def test_oauth_token_without_beta_is_blocked_and_never_logged(self, caplog):
        sent = []
        client = self._client(sent, auth_token=OAUTH)
        with caplog.at_level(logging.DEBUG, logger="claude_lint"):
            with pytest.raises(self.anthropic.AuthenticationError) as raised:
                client.messages.create(model="claude-sonnet-4-6", max_tokens=16, messages=[{"role": "user", "content": "Hi"}])
        assert sent == []
        assert raised.value.body["error"]["message"] == "OAuth authentication is currently not supported."
        shown = str(raised.value) + repr(raised.value.body) + caplog.text
        shown += " ".join(d.message for d in raised.value.response.extensions["claude_lint"].diagnostics)
        assert OAUTH[10:] not in shown

    def test_beta_field_with_its_beta_goes_out(self):
        sent = []
        client = self._client(sent, api_key=KEY)
        client.beta.messages.create(model="claude-sonnet-4-6", max_tokens=16, messages=[{"role": "user", "content": "Hi"}],
                                    mcp_servers=MCP, betas=["mcp-client-2025-11-20"])
        assert len(sent) == 1

    def test_beta_field_without_its_beta_is_blocked(self):
        sent = []
        client = self._client(sent, api_key=KEY)
        with pytest.raises(self.anthropic.BadRequestError) as raised:
            client.messages.create(model="claude-sonnet-4-6", max_tokens=16, messages=[{"role": "user", "content": "Hi"}],
                                   extra_body={"mcp_servers": MCP})
        assert sent == [] and raised.value.body["error"]["message"] == "mcp_servers: Extra inputs are not permitted"

    def test_wrong_base_url_path_is_blocked_as_not_found(self):
        sent = []
        client = self._client(sent, api_key=KEY, base_url="https://api.anthropic.com/v1")
        with pytest.raises(self.anthropic.NotFoundError) as raised:
            client.messages.create(model="claude-sonnet-4-6", max_tokens=16, messages=[{"role": "user", "content": "Hi"}])
        assert sent == [] and raised.value.body["error"]["message"] == "Not Found"
