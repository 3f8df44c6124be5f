"""The library contract: `claude_lint.validate` / `claude_lint.check`, `Diagnostic`, `RequestInvalid`."""
import contextlib
import copy
import dataclasses
import inspect
import threading

import pytest

import claude_lint
from claude_lint import Diagnostic, RequestInvalid
from claude_lint.checking.engine import Linter
from tests.helpers import assistant, request, user

TOOL = {"name": "get_weather", "description": "Weather for a city.",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}

# A mix of valid and invalid bodies touching many rule areas, shared by the purity tests.
BODIES = [
    request(),
    request(max_tokens=None, model="claude-sonnet-4.6"),
    request(messages=[]),
    request(messages=[user(None)]),
    request(temperature=0.5, top_p=0.5),
    request(model="claude-opus-4-5", messages=[user("Q?"), assistant("A: ")]),
    request(model="claude-sonnet-4-6", messages=[user("Q?"), assistant("A:")]),
    request(tools=[TOOL, {**TOOL}], tool_choice={"type": "any"}),
    request(tools=[TOOL], messages=[
        user("Weather in Oslo?"),
        assistant([{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Oslo"}}]),
        user([{"type": "text", "text": "here"}, {"type": "tool_result", "tool_use_id": "toolu_1", "content": "Sunny"}]),
    ]),
    request(system=[{"type": "text", "text": "  ", "cache_control": {"type": "ephemeral"}}]),
    request(model="claude-opus-5", messages=[user("a"), {"role": "system", "content": "Be brief."}]),
    request(messages=[user([{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}}])]),
    request(thinking={"type": "enabled", "budget_tokens": 1000}),
    {"model": "claude-opus-6", "messages": "nope"},
    None,
]


class TestSignatures:
    @pytest.mark.parametrize("fn", [claude_lint.validate, claude_lint.check])
    def test_body_then_keyword_only_options(self, fn):
        params = inspect.signature(fn).parameters
        assert list(params) == ["body", "endpoint", "api_version", "headers", "url", "body_size"]
        assert params["body"].kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        assert params["endpoint"].kind is inspect.Parameter.KEYWORD_ONLY
        assert params["endpoint"].default == "messages"
        for name in ("api_version", "headers", "url", "body_size"):
            assert params[name].kind is inspect.Parameter.KEYWORD_ONLY
            assert params[name].default is None

    def test_public_names(self):
        for name in ("validate", "check", "Diagnostic", "RequestInvalid", "ERROR", "WARNING", "__version__"):
            assert hasattr(claude_lint, name)
        assert (claude_lint.ERROR, claude_lint.WARNING) == ("error", "warning")

    def test_validate_returns_diagnostics(self):
        found = claude_lint.validate(request(max_tokens=None))
        assert isinstance(found, list) and found and all(isinstance(d, Diagnostic) for d in found)

    def test_a_valid_request_has_no_error(self):
        assert [d for d in claude_lint.validate(request()) if d.is_error] == []


class TestCheck:
    def test_raises_with_the_body_of_the_first_error(self):
        body = request(max_tokens=None, model="claude-sonnet-4.6")  # a schema error, then a 404
        with pytest.raises(RequestInvalid) as raised:
            claude_lint.check(body)
        e = raised.value
        assert e.body == {"type": "error",
                          "error": {"type": "invalid_request_error", "message": "max_tokens: Field required"}}
        assert (e.status, e.error_type) == (400, "invalid_request_error")
        assert e.error.code == "CL101" and e.error is e.errors[0]
        assert [d.code for d in e.errors][:2] == ["CL101", "CL601"]
        assert list(e.diagnostics) == claude_lint.validate(body)

    def test_is_a_value_error(self):
        with pytest.raises(ValueError):
            claude_lint.check(request(messages=[]))

    def test_not_found_body(self):
        with pytest.raises(RequestInvalid) as raised:
            claude_lint.check(request(model="claude-sonnet-4.6"))
        assert raised.value.status == 404
        assert raised.value.body == {"type": "error",
                                     "error": {"type": "not_found_error", "message": "model: claude-sonnet-4.6"}}

    def test_message_of_the_exception(self):
        with pytest.raises(RequestInvalid) as raised:
            claude_lint.check(request(messages=[]))
        assert str(raised.value) == "400 invalid_request_error: messages: at least one message is required"

    def test_warnings_travel_with_the_errors(self):
        body = request(messages=[], temperature=0.2)  # CL201 error, CL901 upgrade warning
        with pytest.raises(RequestInvalid) as raised:
            claude_lint.check(body)
        assert any(d.severity == "warning" for d in raised.value.diagnostics)
        assert all(d.severity == "error" for d in raised.value.errors)

    def test_returns_the_warnings_when_there_is_no_error(self):
        body = request(temperature=0.2)
        result = claude_lint.check(body)
        assert result == claude_lint.validate(body)
        assert result and all(d.severity == "warning" for d in result)
        assert "CL901" in [d.code for d in result]

    def test_returns_without_raising_for_a_clean_request(self):
        assert claude_lint.check(request()) == claude_lint.validate(request())

    def test_first_error_of_a_batch(self):
        body = {"requests": [{"custom_id": "a", "params": request()},
                             {"custom_id": "b", "params": request(max_tokens=None)}]}
        with pytest.raises(RequestInvalid) as raised:
            claude_lint.check(body, endpoint="batch")
        assert raised.value.error.path == "requests.1.params.max_tokens"


class TestApiErrorBody:
    def _diagnostic(self, **changes):
        fields = dict(code="CL999", name="x", severity="error", path=None, message="plain words",
                      status=400, error_type="invalid_request_error", api_message="the api text")
        fields.update(changes)
        return Diagnostic(**fields)

    def test_ordinary_error_is_wrapped(self):
        assert self._diagnostic().api_error_body() == {
            "type": "error", "error": {"type": "invalid_request_error", "message": "the api text"}}

    def test_413_from_the_front_door_has_no_wrapper(self):
        d = self._diagnostic(status=413, error_type="request_too_large", api_message="Request exceeds the maximum size")
        assert d.api_error_body() == {"error": {"type": "request_too_large", "message": "Request exceeds the maximum size"}}

    def test_413_through_request_invalid(self):
        d = self._diagnostic(status=413, error_type="request_too_large", api_message="Request exceeds the maximum size")
        e = RequestInvalid([d])
        assert e.body == {"error": {"type": "request_too_large", "message": "Request exceeds the maximum size"}}
        assert "type" not in e.body

    def test_without_known_text_the_message_stands_in(self):
        assert self._diagnostic(api_message=None).api_error_body()["error"]["message"] == "plain words"

    def test_first_error_is_chosen_past_warnings(self):
        warning = self._diagnostic(code="CL998", severity="warning", status=None, error_type=None, api_message=None)
        error = self._diagnostic(status=404, error_type="not_found_error", api_message="model: x")
        e = RequestInvalid([warning, error])
        assert e.error is error and e.body["error"]["type"] == "not_found_error"


class TestPurity:
    @pytest.mark.parametrize("index", range(len(BODIES)))
    def test_validate_never_mutates_its_input(self, index):
        body = BODIES[index]
        before = copy.deepcopy(body)
        claude_lint.validate(body)
        claude_lint.validate(body, endpoint="count_tokens")
        claude_lint.validate(body, api_version="2026-10-21")
        with pytest.raises(RequestInvalid) if any(d.is_error for d in claude_lint.validate(body)) else contextlib.nullcontext():
            claude_lint.check(body)
        assert body == before

    def test_batch_input_is_not_mutated(self):
        body = {"requests": [{"custom_id": f"r{i}", "params": b} for i, b in enumerate(BODIES)]}
        before = copy.deepcopy(body)
        claude_lint.validate(body, endpoint="batch", api_version="2026-10-21")
        assert body == before

    def test_default_model_does_not_write_into_the_body(self):
        body = request(model=None)
        before = copy.deepcopy(body)
        found = Linter(default_model="claude-sonnet-4-6").validate(body)
        assert body == before and "model" not in body
        assert [d for d in found if d.severity == "error"] == []

    def test_results_are_deterministic(self):
        first = [claude_lint.validate(b) for b in BODIES]
        again = [claude_lint.validate(b) for b in BODIES]
        copies = [claude_lint.validate(copy.deepcopy(b)) for b in BODIES]
        fresh = [Linter().validate(b) for b in BODIES]
        assert first == again == copies == fresh
        assert [[d.to_dict() for d in r] for r in first] == [[d.to_dict() for d in r] for r in fresh]

    def test_threads_sharing_the_same_objects_agree(self):
        expected = [claude_lint.validate(b) for b in BODIES]
        before = copy.deepcopy(BODIES)
        barrier = threading.Barrier(16)
        results, failures = [None] * 16, []

        def work(slot):
            try:
                barrier.wait()
                results[slot] = [[claude_lint.validate(b) for b in BODIES] for _ in range(3)]
            except BaseException as exc:  # surfaced below
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        for per_thread in results:
            assert per_thread == [expected] * 3
        assert BODIES == before


class TestEndpoints:
    def test_batch_paths_point_into_params(self):
        body = {"requests": [{"custom_id": "r1", "params": request(max_tokens=None)}]}
        found = [d for d in claude_lint.validate(body, endpoint="batch") if d.code == "CL101"]
        assert [d.path for d in found] == ["requests.0.params.max_tokens"]
        assert found[0].loc == ("requests", 0, "params", "max_tokens")
        # the API reports errors of a batch request relative to its params (api-rules §1.3, B10)
        assert found[0].api_message == "max_tokens: Field required"

    def test_batch_rule_paths_point_into_params(self):
        body = {"requests": [{"custom_id": "r1", "params": request(messages=[])}]}
        found = [d for d in claude_lint.validate(body, endpoint="batch") if d.code == "CL201"]
        assert [d.path for d in found] == ["requests.0.params.messages"]

    def test_count_tokens_endpoint(self):
        body = {"model": "claude-sonnet-4-6", "messages": [user("Count me.")]}
        assert [d for d in claude_lint.validate(body, endpoint="count_tokens") if d.is_error] == []

    @pytest.mark.parametrize("fn", [claude_lint.validate, claude_lint.check])
    @pytest.mark.parametrize("endpoint", ["complete", "batch_line", "", "Messages"])
    def test_unknown_endpoint(self, fn, endpoint):
        with pytest.raises(ValueError) as raised:
            fn(request(), endpoint=endpoint)
        assert not isinstance(raised.value, RequestInvalid)

    @pytest.mark.parametrize("fn", [claude_lint.validate, claude_lint.check])
    @pytest.mark.parametrize("version", ["2024-01-01", "2026-10-22", "", "latest"])
    def test_unknown_api_version(self, fn, version):
        with pytest.raises(ValueError) as raised:
            fn(request(), api_version=version)
        assert not isinstance(raised.value, RequestInvalid)

    @pytest.mark.parametrize("version", ["2023-06-01", "2026-10-21"])
    def test_known_api_versions(self, version):
        assert [d for d in claude_lint.validate(request(), api_version=version) if d.is_error] == []


class TestDiagnostic:
    def test_is_frozen(self):
        d = claude_lint.validate(request(max_tokens=None))[0]
        with pytest.raises(dataclasses.FrozenInstanceError):
            d.severity = "warning"
        with pytest.raises(dataclasses.FrozenInstanceError):
            d.api_message = "something else"

    def test_fields_of_a_finding(self):
        d = claude_lint.validate(request(max_tokens=None))[0]
        assert (d.code, d.name, d.severity, d.path) == ("CL101", "missing-field", "error", "max_tokens")
        assert d.is_error and d.pointer == "/max_tokens"
        assert d.to_dict()["api_message"] == "max_tokens: Field required"

    def test_pointer_escapes_keys(self):
        d = Diagnostic(code="CL999", name="x", severity="error", path="a/b.c~d", message="m", loc=("a/b", "c~d", 0))
        assert d.pointer == "/a~1b/c~0d/0"
