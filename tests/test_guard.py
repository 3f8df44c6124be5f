"""claude_lint.guard on the real anthropic SDK, with a mock transport standing in for the network."""
import asyncio
import json
import logging
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

anthropic = pytest.importorskip("anthropic")
httpx2 = pytest.importorskip("httpx2")  # the HTTP library of anthropic >= 1.0

import claude_lint  # noqa: E402
from claude_lint import RequestInvalid  # noqa: E402
from claude_lint.checking.engine import Linter  # noqa: E402
from claude_lint.diagnostic import Diagnostic  # noqa: E402

SDK_MAJOR = int(anthropic.__version__.split(".")[0])
MODEL = "claude-sonnet-4-6"
RETIRED = "claude-3-5-sonnet-20241022"
HI = [{"role": "user", "content": "Hi"}]
TEMPERATURE_ERROR = {
    "type": "error",
    "error": {"type": "invalid_request_error", "message": "temperature: Extra inputs are not permitted"},
}
V1 = {"anthropic-version": "2023-06-01"}
V2 = {"anthropic-version": "2026-10-21"}

MESSAGE = {
    "id": "msg_1", "type": "message", "role": "assistant", "model": MODEL,
    "content": [{"type": "text", "text": "hello"}], "stop_reason": "end_turn", "stop_sequence": None,
    "usage": {"input_tokens": 3, "output_tokens": 1},
}
BATCH = {
    "id": "msgbatch_1", "type": "message_batch", "processing_status": "in_progress",
    "request_counts": {"processing": 1, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0},
    "ended_at": None, "created_at": "2026-11-01T00:00:00Z", "expires_at": "2026-11-02T00:00:00Z",
    "archived_at": None, "cancel_initiated_at": None, "results_url": None,
}
SSE_EVENTS = [
    {"type": "message_start", "message": {**MESSAGE, "content": [], "stop_reason": None}},
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "hello"}},
    {"type": "content_block_stop", "index": 0},
    {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
     "usage": {"output_tokens": 1}},
    {"type": "message_stop"},
]
SSE = "".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n" for e in SSE_EVENTS).encode()


def answer(request):
    """What the API would answer to a request the guard let through."""
    path = request.url.path
    if path.endswith("/count_tokens"):
        return httpx2.Response(200, json={"input_tokens": 3})
    if path.endswith("/batches"):
        return httpx2.Response(200, json=BATCH if request.method == "POST" else {"data": [], "has_more": False,
                                                                                  "first_id": None, "last_id": None})
    if path.endswith("/models"):
        return httpx2.Response(200, json={"data": [], "has_more": False, "first_id": None, "last_id": None})
    if request.content.startswith(b"{") and json.loads(request.content).get("stream"):
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=SSE)
    return httpx2.Response(200, json=MESSAGE)


class Recorder:
    """The inner transport's handler: records every request that reached the "network"."""

    def __init__(self):
        self.requests = []
        self._lock = threading.Lock()

    def __call__(self, request):
        with self._lock:
            self.requests.append(request)
        return answer(request)


class CountingLinter:
    """A Linter that counts how often it ran (the guard must run once per attempt, never retry)."""

    def __init__(self, linter=None):
        self.linter = linter or Linter()
        self.calls = 0

    def validate(self, body, **options):
        self.calls += 1
        return self.linter.validate(body, **options)


def make_client(recorder, *, on_warning=None, linter=None, **options):
    http = httpx2.Client(transport=httpx2.MockTransport(recorder))
    client = anthropic.Anthropic(api_key="test-key", http_client=http, **options)
    return claude_lint.guard(client, on_warning=on_warning, linter=linter)


def make_async_client(recorder, *, on_warning=None, **options):
    async def handler(request):
        return recorder(request)

    http = httpx2.AsyncClient(transport=httpx2.MockTransport(handler))
    client = anthropic.AsyncAnthropic(api_key="test-key", http_client=http, **options)
    return claude_lint.guard(client, on_warning=on_warning)


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def warnings_seen():
    return []


@pytest.fixture
def client(recorder, warnings_seen):
    return make_client(recorder, on_warning=warnings_seen.append)


# --- blocked requests raise the SDK's own errors, and nothing is sent ------------------------------


def test_bad_request_raises_bad_request_error_before_sending(recorder):
    linter = CountingLinter()
    client = make_client(recorder, linter=linter, default_headers=V2)
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": ""}])
    err = caught.value
    assert recorder.requests == []
    assert err.status_code == 400
    assert err.body == {
        "type": "error",
        "error": {
            "type": "invalid_request_error",
            "message": "messages.0: all messages must have non-empty content except for the optional final "
                       "assistant message",
        },
    }
    assert "all messages must have non-empty content" in err.message
    assert err.response.headers["x-should-retry"] == "false"
    assert err.response.headers["x-claude-lint"] == "CL202"
    assert isinstance(err.response.extensions["claude_lint"], RequestInvalid)
    assert linter.calls == 1  # the SDK did not retry (max_retries is 2 by default)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK's own warning about the model
def test_retired_model_raises_not_found_error(client, recorder):
    with pytest.raises(anthropic.NotFoundError) as caught:
        client.messages.create(model=RETIRED, max_tokens=64, messages=HI, extra_headers=V1)
    assert recorder.requests == []
    assert caught.value.status_code == 404
    assert caught.value.body == {
        "type": "error", "error": {"type": "not_found_error", "message": f"model: {RETIRED}"},
    }


def test_too_large_is_an_api_status_error_without_the_error_wrapper(recorder):
    # A 33 MB body is too slow for a unit test; a stub linter predicts the 413 instead.
    too_large = Diagnostic("CL620", "request-too-large", "error", None, "body too large", status=413,
                           error_type="request_too_large", api_message="Request exceeds the maximum size")

    class Stub:
        def validate(self, body, **options):
            return [too_large]

    client = make_client(recorder, linter=Stub())
    with pytest.raises(anthropic.APIStatusError) as caught:
        client.messages.create(model=MODEL, max_tokens=64, messages=HI)
    assert recorder.requests == []
    assert caught.value.status_code == 413
    assert caught.value.body == {"error": {"type": "request_too_large", "message": "Request exceeds the maximum size"}}


def test_existing_except_clauses_still_catch():
    client = make_client(Recorder())
    with pytest.raises(anthropic.APIStatusError):
        client.messages.create(model=MODEL, max_tokens=64, messages=[], extra_headers=V1)


# --- good requests go out unchanged ----------------------------------------------------------------


def test_good_request_reaches_the_transport_unchanged(recorder, warnings_seen):
    sent = []  # what the HTTP client hands to its transport (event hooks run just before)
    http = httpx2.Client(transport=httpx2.MockTransport(recorder),
                         event_hooks={"request": [lambda r: sent.append((r, r.content, list(r.headers.raw)))]})
    client = claude_lint.guard(anthropic.Anthropic(api_key="k", http_client=http), on_warning=warnings_seen.append)
    message = client.messages.create(model=MODEL, max_tokens=64, messages=HI)
    assert message.content[0].text == "hello"
    [(request, content, headers)] = sent
    [received] = recorder.requests
    assert received is request
    assert received.content == content
    assert json.loads(received.content) == {"model": MODEL, "max_tokens": 64, "messages": HI}
    assert list(received.headers.raw) == headers
    assert warnings_seen == []


def test_raw_response_is_the_transports_response(client):
    raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=64, messages=HI)
    assert raw.http_response.status_code == 200
    assert raw.parse().id == "msg_1"


# --- the anthropic-version really sent decides -----------------------------------------------------


@pytest.mark.skipif(SDK_MAJOR < 2, reason="SDK 2.x sends anthropic-version 2026-10-21")
def test_sdk2_default_version_blocks_temperature(client, recorder):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2})
    assert recorder.requests == []
    assert caught.value.body == TEMPERATURE_ERROR


@pytest.mark.skipif(SDK_MAJOR >= 2, reason="SDK 1.x sends anthropic-version 2023-06-01")
def test_sdk1_default_version_accepts_temperature(client, recorder, warnings_seen):
    client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2})
    assert recorder.requests[0].headers["anthropic-version"] == "2023-06-01"
    assert [d.code for d in warnings_seen] == ["CL901"]


def test_default_headers_override_decides(recorder, warnings_seen):
    client = make_client(recorder, on_warning=warnings_seen.append, default_headers=V1)
    message = client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2})
    assert message.id == "msg_1"
    [sent] = recorder.requests
    assert sent.headers["anthropic-version"] == "2023-06-01"
    assert json.loads(sent.content)["temperature"] == 0.2
    # accepted under 2023-06-01, but it breaks under the newer version: a warning, not a block
    assert [(d.code, d.severity) for d in warnings_seen] == [("CL901", "warning")]


def test_extra_headers_override_decides(client, recorder):
    client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2}, extra_headers=V1)
    assert len(recorder.requests) == 1
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2},
                               extra_headers=V2)
    assert caught.value.body == TEMPERATURE_ERROR
    assert len(recorder.requests) == 1


def test_unknown_version_passes_through(client, recorder):
    client.messages.create(model=MODEL, max_tokens=64, messages=[], extra_headers={"anthropic-version": "2099-01-01"})
    assert len(recorder.requests) == 1


# --- every Messages endpoint, and nothing else -----------------------------------------------------


def test_stream_bad_is_blocked(client, recorder):
    with pytest.raises(anthropic.BadRequestError) as caught:
        with client.messages.stream(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2},
                                    extra_headers=V2) as stream:
            stream.get_final_message()
    assert caught.value.body == TEMPERATURE_ERROR
    assert recorder.requests == []


def test_stream_good_streams(client, recorder):
    with client.messages.stream(model=MODEL, max_tokens=64, messages=HI) as stream:
        assert "".join(stream.text_stream) == "hello"
    assert json.loads(recorder.requests[0].content)["stream"] is True


def test_create_with_stream_true(client, recorder):
    events = [e.type for e in client.messages.create(model=MODEL, max_tokens=64, messages=HI, stream=True)]
    assert events[0] == "message_start" and events[-1] == "message_stop"
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(model=MODEL, max_tokens=64, messages=[], stream=True)
    assert len(recorder.requests) == 1


def test_count_tokens(client, recorder):
    assert client.messages.count_tokens(model=MODEL, messages=HI).input_tokens == 3
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.count_tokens(model=MODEL, messages=HI, extra_body={"max_tokens": 64})
    assert caught.value.body["error"]["message"] == "max_tokens: Extra inputs are not permitted"
    assert len(recorder.requests) == 1


def test_batches_create(client, recorder):
    good = {"custom_id": "req-1", "params": {"model": MODEL, "max_tokens": 64, "messages": HI}}
    assert client.messages.batches.create(requests=[good]).id == "msgbatch_1"
    bad = {"requests": [{**good, "custom_id": "not ok!"}]}
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.batches.create(requests=bad["requests"])
    expected = RequestInvalid(claude_lint.validate(bad, endpoint="batch", api_version=(
        recorder.requests[0].headers["anthropic-version"]))).body
    assert caught.value.body == expected
    assert "custom_id" in expected["error"]["message"]
    assert len(recorder.requests) == 1


def test_beta_messages_are_checked(client, recorder):
    with pytest.raises(anthropic.BadRequestError):
        client.beta.messages.create(model=MODEL, max_tokens=64, messages=[], extra_headers=V1)
    client.beta.messages.create(model=MODEL, max_tokens=64, messages=HI, betas=["mcp-client-2025-11-20"])
    [sent] = recorder.requests
    assert sent.headers["anthropic-beta"] == "mcp-client-2025-11-20"


def test_query_string_does_not_hide_the_endpoint(client, recorder):
    # some SDK versions mark beta calls with `?beta=true`
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(model=MODEL, max_tokens=64, messages=[], extra_query={"beta": "true"})
    assert recorder.requests == []


def test_other_endpoints_pass_through(client, recorder):
    client.models.list()
    client.messages.batches.list()
    assert [r.url.path for r in recorder.requests] == ["/v1/models", "/v1/messages/batches"]


def test_body_that_is_not_json_passes_through(client, recorder):
    # straight through the guarded HTTP client: the SDK itself never sends such a body
    response = client._client.post("https://api.anthropic.com/v1/messages", content=b"not json", headers=V2)
    assert response.status_code == 200
    assert recorder.requests[0].content == b"not json"


def test_proxy_mounts_are_guarded(recorder):
    # with proxy environment variables the SDK's HTTP client routes through a mounted transport
    unused = Recorder()
    http = httpx2.Client(transport=httpx2.MockTransport(unused),
                         mounts={"https://": httpx2.MockTransport(recorder)})
    client = claude_lint.guard(anthropic.Anthropic(api_key="k", http_client=http))
    with pytest.raises(anthropic.BadRequestError):
        client.messages.create(model=MODEL, max_tokens=64, messages=[])
    client.messages.create(model=MODEL, max_tokens=64, messages=HI)
    assert len(recorder.requests) == 1 and unused.requests == []


# --- warnings ---------------------------------------------------------------------------------------


def test_warnings_reach_on_warning_and_do_not_block(client, recorder, warnings_seen):
    client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2}, extra_headers=V1)
    assert len(recorder.requests) == 1
    [warning] = warnings_seen
    assert isinstance(warning, Diagnostic) and warning.severity == "warning" and warning.path == "temperature"


def test_default_on_warning_logs(recorder, caplog):
    client = make_client(recorder)
    with caplog.at_level(logging.WARNING, logger="claude_lint"):
        client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2},
                               extra_headers=V1)
    assert len(recorder.requests) == 1
    assert any(r.name == "claude_lint" and "CL901" in r.getMessage() for r in caplog.records)


def test_failing_on_warning_does_not_block(recorder, caplog):
    def explode(diagnostic):
        raise RuntimeError("boom")

    client = make_client(recorder, on_warning=explode)
    client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2}, extra_headers=V1)
    assert len(recorder.requests) == 1


# --- the guard itself -------------------------------------------------------------------------------


def test_guard_returns_the_client_and_copies_share_it(recorder):
    client = anthropic.Anthropic(api_key="k", http_client=httpx2.Client(transport=httpx2.MockTransport(recorder)))
    assert claude_lint.guard(client) is client
    with pytest.raises(anthropic.BadRequestError):
        client.with_options(max_retries=0).messages.create(model=MODEL, max_tokens=64, messages=[])
    assert recorder.requests == []


def test_guarding_twice_checks_once(recorder):
    first, second = CountingLinter(), CountingLinter()
    client = make_client(recorder, linter=first)
    claude_lint.guard(client, linter=second)
    client.messages.create(model=MODEL, max_tokens=64, messages=HI)
    assert (first.calls, second.calls) == (0, 1)


def test_guard_rejects_what_is_not_an_sdk_client():
    with pytest.raises(TypeError):
        claude_lint.guard(object())


def test_import_claude_lint_stays_light():
    code = ("import sys, claude_lint; "
            "print(sorted({m.partition('.')[0] for m in sys.modules} & {'anthropic', 'httpx', 'httpx2'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_threads_share_a_guarded_client(client, recorder):
    def call(i):
        try:
            client.messages.create(model=MODEL, max_tokens=64, messages=[] if i % 2 else HI, extra_headers=V1)
            return "sent"
        except anthropic.BadRequestError:
            return "blocked"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(call, range(40)))
    assert outcomes == ["blocked" if i % 2 else "sent" for i in range(40)]
    assert len(recorder.requests) == 20


# --- async ------------------------------------------------------------------------------------------


def test_async_bad_and_good(recorder):
    async def main():
        client = make_async_client(recorder, default_headers=V2)
        with pytest.raises(anthropic.BadRequestError) as caught:
            await client.messages.create(model=MODEL, max_tokens=64, messages=HI, extra_body={"temperature": 0.2})
        assert caught.value.body == TEMPERATURE_ERROR
        assert recorder.requests == []
        message = await client.messages.create(model=MODEL, max_tokens=64, messages=HI)
        assert message.id == "msg_1"
        assert (await client.messages.count_tokens(model=MODEL, messages=HI)).input_tokens == 3
        async with client.messages.stream(model=MODEL, max_tokens=64, messages=HI) as stream:
            assert (await stream.get_final_text()) == "hello"
        with pytest.raises(anthropic.BadRequestError):
            async with client.messages.stream(model=MODEL, max_tokens=64, messages=[]) as stream:
                await stream.get_final_text()

    asyncio.run(main())
    assert len(recorder.requests) == 3


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_async_hundred_concurrent_requests(recorder):
    def kind(i):
        return ("good", "bad", "retired")[i % 3]

    async def one(client, i):
        body = {
            "good": {"model": MODEL, "messages": [{"role": "user", "content": f"request {i}"}]},
            "bad": {"model": MODEL, "messages": [{"role": "user", "content": f"request {i}"}],
                    "extra_body": {"temperature": 0.2}, "extra_headers": V2},
            "retired": {"model": RETIRED, "messages": [{"role": "user", "content": f"request {i}"}]},
        }[kind(i)]
        return await client.messages.create(max_tokens=64, **body)

    async def main():
        client = make_async_client(recorder)
        return await asyncio.gather(*(one(client, i) for i in range(100)), return_exceptions=True)

    results = asyncio.run(main())
    expected = {"good": anthropic.types.Message, "bad": anthropic.BadRequestError, "retired": anthropic.NotFoundError}
    for i, result in enumerate(results):
        assert isinstance(result, expected[kind(i)]), (i, result)
    assert all(r.body == TEMPERATURE_ERROR for i, r in enumerate(results) if kind(i) == "bad")
    sent = sorted(json.loads(r.content)["messages"][0]["content"] for r in recorder.requests)
    assert sent == sorted(f"request {i}" for i in range(100) if kind(i) == "good")
