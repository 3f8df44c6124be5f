"""`claude-lint explain`: every API message a rule can produce is explained back to that rule.

The rule-test harvest runs ``tests/rules`` in a subprocess with this module loaded as a pytest
plugin (``-p tests.test_explain``): its ``pytest_configure`` then records every diagnostic with an
``api_message``. Collected as an ordinary test module, those hooks do nothing.
"""
from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import itertools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import claude_lint
import claude_lint.rules
from claude_lint.checking import schema
from claude_lint.cli import main
from claude_lint.explain import TEMPLATE_INDEX, explain, to_dict
from claude_lint.explain.known import KNOWN, STATUSES
from claude_lint.explain.matching import normalize
from tests.conformance.test_conformance import CASES, materialize

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = Path(claude_lint.rules.__file__).parent
HARVEST_ENV = "CLAUDE_LINT_EXPLAIN_HARVEST"


def lint_codes(e) -> set:
    """Every rule code the explanation points to (a rule's own code, or a known message's rules)."""
    return {code for m in e.matches for code in m.lint}


def assert_explained(message: str, code: str):
    e = explain(message)
    assert code in lint_codes(e), f"{code} not among {[(m.code, m.title) for m in e.matches]} for {message!r}"
    assert e.matched


# --- (a) every api_message a rule produces ---------------------------------------------------

def _case_diagnostics():
    for case in CASES:
        body, endpoint, _ = materialize(case)
        options = {"api_version": case["api_version"]} if case.get("api_version") else {}
        for d in claude_lint.validate(body, endpoint=endpoint, **options):
            if d.api_message:
                yield case["id"], d


CASE_DIAGNOSTICS = sorted({(d.code, d.api_message): cid for cid, d in _case_diagnostics()}.items())


def test_the_cases_produce_many_api_messages():
    assert len(CASE_DIAGNOSTICS) >= 60


@pytest.mark.parametrize(("key", "case_id"), CASE_DIAGNOSTICS, ids=[f"{c}-{k[0]}" for k, c in CASE_DIAGNOSTICS])
def test_api_message_of_a_conformance_case_explains_back_to_its_rule(key, case_id):
    code, api_message = key
    assert_explained(api_message, code)


def pytest_configure(config):
    """Active only in the harvest subprocess: record every api_message the rule tests produce."""
    target = os.environ.get(HARVEST_ENV)
    if not target:
        return
    from claude_lint.checking import engine

    original, seen = engine.diagnostic_of, {}

    def recording(rule, finding, prefix=()):
        d = original(rule, finding, prefix)
        if d.api_message:
            seen[(d.code, d.api_message)] = None
        return d

    engine.diagnostic_of = recording
    config._explain_harvest = (target, seen)


def pytest_unconfigure(config):
    state = getattr(config, "_explain_harvest", None)
    if state:
        target, seen = state
        Path(target).write_text(json.dumps(list(seen)), encoding="utf-8")


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    target = tmp_path_factory.mktemp("harvest") / "messages.json"
    env = {**os.environ, HARVEST_ENV: str(target)}
    subprocess.run(
        [sys.executable, "-m", "pytest", "tests/rules", "-q", "-p", "tests.test_explain", "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
    )
    assert target.is_file(), "the harvest run did not finish"
    return [tuple(pair) for pair in json.loads(target.read_text(encoding="utf-8"))]


def test_every_api_message_of_the_rule_tests_explains_back_to_its_rule(harvested):
    assert len(harvested) >= 100
    failures = []
    for code, api_message in harvested:
        e = explain(api_message)
        if code not in lint_codes(e):
            failures.append((code, api_message, [m.code or m.title for m in e.matches]))
    assert not failures, "\n".join(map(repr, failures[:20]))


def test_the_harvest_reaches_most_rules_with_an_api_text(harvested):
    produced = {code for code, _ in harvested}
    with_text = {code for code in _static_shapes_by_code()}
    missing = with_text - produced
    assert len(missing) <= len(with_text) // 4, f"rule tests never produced a text of {sorted(missing)}"


# Static scan: an api_message= added to a rule module must be covered by a template of its rule.

class Unreadable(Exception):
    pass


def _assignments(nodes) -> dict:
    found: dict = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, []).append(value)
            elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
                for t, v in zip(target.elts, value.elts):
                    if isinstance(t, ast.Name):
                        found.setdefault(t.id, []).append(v)
    return found


def _samples(node, scopes) -> list:
    """The texts ``node`` can produce, with every computed part as ``0`` (None: no text)."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append([value.value])
            else:
                try:  # a named text constant is spelled out; any other computed part is a `0`
                    resolved = _samples(value.value, scopes) if isinstance(value.value, ast.Name) else []
                except Unreadable:
                    resolved = []
                parts.append(resolved or ["0"])
        return ["".join(combo) for combo in itertools.islice(itertools.product(*parts), 64)]
    if isinstance(node, ast.Name):
        for scope in scopes:
            if node.id in scope:
                return [s for value in scope[node.id] for s in _samples(value, scopes)]
        raise Unreadable(node.id)
    if isinstance(node, ast.IfExp):
        return _samples(node.body, scopes) + _samples(node.orelse, scopes)
    if isinstance(node, ast.Dict):
        return [s for value in node.values for s in _samples(value, scopes)]
    if isinstance(node, ast.Subscript):
        return _samples(node.value, scopes)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "format"):
        return _samples(node.func.value, scopes)
    if isinstance(node, ast.Call) and scopes[-1].get(_MODULE):
        function = _imported_function(scopes[-1][_MODULE], node.func)
        if function is not None:  # a helper elsewhere that builds the text: sample what it returns
            return _returned_samples(function)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a in _samples(node.left, scopes) for b in _samples(node.right, scopes)]
    raise Unreadable(ast.unparse(node))


_MODULE = "<module>"  # the key under which a scope records the module it belongs to


def _imported_function(module, func):
    """The function ``func`` (``helper`` or ``module.helper``) names in ``module``, if any."""
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name):
        return None
    target = getattr(module, func.id, None)
    for name in reversed(parts):
        target = getattr(target, name, None)
    return target if inspect.isfunction(target) else None


def _returned_samples(function) -> list:
    module = inspect.getmodule(function)
    tree = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    module_scope = {**_assignments(ast.parse(inspect.getsource(module)).body), _MODULE: module}
    local_scope = _assignments([n for n in ast.walk(tree) if isinstance(n, (ast.Assign, ast.AnnAssign))])
    returns = [n.value for n in ast.walk(tree) if isinstance(n, ast.Return) and n.value is not None]
    return [s for value in returns for s in _samples(value, (local_scope, module_scope))]


def _rule_code(func) -> str | None:
    for decorator in func.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "rule" and decorator.args:
            first = decorator.args[0]
            if isinstance(first, ast.Constant):
                return first.value
    return None


def _api_message_nodes(func):
    for call in ast.walk(func):
        if not isinstance(call, ast.Call):
            continue
        for keyword in call.keywords:
            if keyword.arg == "api_message":
                yield keyword.value
        name = getattr(call.func, "id", None)
        if name in ("Finding", "warn") and len(call.args) >= 3:
            yield call.args[2]


def _static_shapes():
    """``(where, rule codes, sample text)`` for every api_message in the rule modules."""
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = importlib.import_module("claude_lint.rules" + ("" if path.stem == "__init__" else f".{path.stem}"))
        module_scope = {**_assignments(tree.body), _MODULE: module}
        functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        codes = {f.name: _rule_code(f) for f in functions}
        for func in functions:
            owners = [codes[func.name]] if codes[func.name] else [
                codes[f.name] for f in functions
                if codes[f.name] and any(isinstance(n, ast.Name) and n.id == func.name for n in ast.walk(f))
            ]
            local_scope = _assignments([n for n in ast.walk(func) if isinstance(n, (ast.Assign, ast.AnnAssign))])
            for node in _api_message_nodes(func):
                where = f"{path.name}:{node.lineno}"
                try:
                    samples = _samples(node, (local_scope, module_scope))
                except Unreadable as exc:
                    samples = [Unreadable(f"cannot read the api_message expression ({exc})")]
                for sample in samples:
                    yield where, tuple(owners) or (f"(no rule calls {func.name})",), sample


def _static_shapes_by_code() -> dict:
    found: dict = {}
    for _, owners, sample in STATIC_SHAPES:
        for code in owners:
            found.setdefault(code, []).append(sample)
    return found


STATIC_SHAPES = list(_static_shapes())


def _covers(code: str, sample: str) -> bool:
    text = normalize(sample)
    for template in TEMPLATE_INDEX:
        if not template.relaxed.fullmatch(text):
            continue
        if template.code == code:
            return True
        if template.known is not None:
            match = explain(sample).matches
            if any(code in m.lint for m in match):
                return True
    return False


def test_the_scan_finds_the_rule_texts():
    assert len(STATIC_SHAPES) >= 45
    assert {"CL203", "CL353", "CL610", "CL901"} <= {code for _, owners, _ in STATIC_SHAPES for code in owners}


@pytest.mark.parametrize(("where", "owners", "sample"), STATIC_SHAPES, ids=[w for w, _, _ in STATIC_SHAPES])
def test_every_api_message_in_the_rule_sources_has_a_template(where, owners, sample, request):
    if isinstance(sample, Unreadable):
        # A text built elsewhere (a data module's function): the rule tests must produce it, so
        # that the harvest test checks its explanation.
        produced = {code for code, _ in request.getfixturevalue("harvested")}
        assert set(owners) <= produced, f"{where}: {sample}, and the rule tests never produce it"
        return
    for code in owners:
        assert _covers(code, sample), (
            f"{where}: no template of {code} in claude_lint/explain/templates.py covers {sample!r}")


# The pydantic texts of checking/schema.py, for each error type the models can raise.

PYDANTIC_ERRORS = [
    ("missing", None), ("extra_forbidden", None), ("literal_error", {"expected": "'user' or 'assistant'"}),
    ("enum", {"expected": "'auto' or 'standard_only'"}), ("greater_than_equal", {"ge": 1024}),
    ("greater_than", {"gt": 0}), ("less_than_equal", {"le": 1}), ("less_than", {"lt": 1}), ("finite_number", None),
    ("string_too_long", {"max_length": 128}), ("string_too_short", {"min_length": 1}),
    ("too_long", {"field_type": "List", "max_length": 100000, "actual_length": 100001}),
    ("too_short", {"field_type": "List", "min_length": 1, "actual_length": 0}),
    ("string_pattern_mismatch", {"pattern": "^[a-zA-Z0-9_-]{1,128}$"}), ("int_type", None), ("int_parsing", None),
    ("int_from_float", None), ("float_type", None), ("float_parsing", None), ("string_type", None),
    ("bool_type", None), ("bool_parsing", None), ("list_type", None), ("dict_type", None),
    ("model_attributes_type", None), ("multiple_of", {"multiple_of": 2}), ("none_required", None),
]


@pytest.mark.parametrize(("kind", "context"), PYDANTIC_ERRORS, ids=[k for k, _ in PYDANTIC_ERRORS])
def test_every_pydantic_text_explains_back_to_its_schema_rule(kind, context):
    from pydantic_core import PydanticKnownError

    text = PydanticKnownError(kind, context).message()
    name = schema._RULE_OF_TYPE.get(kind, "wrong-type")
    code = claude_lint.rules.BY_NAME[name].code
    assert_explained(f"messages.3.content.0.text.text: {text}", code)


def test_union_tag_texts_explain_back():
    assert_explained("tools.0: Input tag 'function' found using 'type' does not match any of the expected tags: "
                     "'bash_20250124', 'custom'", "CL106")
    assert_explained("messages.0.content.0.type: Field required", "CL101")


# --- (b) every conformance case's expected message -----------------------------------------

MESSAGE_CASES = [c for c in CASES if not c["expect"]["valid"] and c["expect"].get("message")]


def _case_rules(case) -> set:
    body, endpoint, want_path = materialize(case)
    options = {"api_version": case["api_version"]} if case.get("api_version") else {}
    expect = case["expect"]
    return {d.code for d in claude_lint.validate(body, endpoint=endpoint, **options)
            if d.severity == "error" and d.path == want_path and d.api_message == expect["message"]}


def test_there_are_message_cases():
    assert len(MESSAGE_CASES) >= 50


@pytest.mark.parametrize("case", MESSAGE_CASES, ids=[c["id"] for c in MESSAGE_CASES])
def test_expected_message_of_a_case_matches_the_case_rule(case):
    expect = case["expect"]
    rules = _case_rules(case)
    assert rules, "the case's rule does not fire (test_conformance reports why)"
    e = explain(expect["message"])
    assert rules & lint_codes(e), f"{sorted(rules)} not among {[m.code for m in e.matches]}"
    assert e.status == expect["status"]
    # the whole error body the API sends, in both envelopes
    inner = {"type": expect["error_type"], "message": expect["message"]}
    body = {"error": inner} if expect["status"] == 413 else {"type": "error", "error": inner, "request_id": "req_011X"}
    e = explain(json.dumps(body))
    assert rules & lint_codes(e) and (e.status, e.error_type) == (expect["status"], expect["error_type"])


# --- (c) statuses without a body ----------------------------------------------------------

@pytest.mark.parametrize(("status", "retry"), [
    (401, "no"), (402, "no"), (403, "no"), (404, "no"), (409, "depends"), (413, "no"),
    (429, "yes"), (500, "yes"), (504, "yes"), (529, "yes"),
])
def test_a_bare_status_says_what_it_means_and_whether_to_retry(status, retry):
    for text in (str(status), f"Error code: {status}", f"HTTP/1.1 {status}", f"API Error: {status}"):
        e = explain(text)
        assert e.matched and e.matches == () and e.message is None, text
        assert e.status_info.status == status and e.status_info.retry == retry
        assert e.error_type == STATUSES[status].error_type


def test_retry_advice_follows_the_docs():
    for status in (429, 500, 504, 529):
        how = STATUSES[status].how
        assert "backoff" in how and "jitter" in how and "retry-after" in how
    assert "streaming" in STATUSES[504].how
    assert "spend cap" in STATUSES[429].meaning and "enforced_spend_limit_reached" in STATUSES[429].how


@pytest.mark.parametrize(("text", "status"), [
    ("overloaded_error", 529), ("rate_limit_error", 429), ("anthropic.RateLimitError", 429),
    ("anthropic.InternalServerError", 500), ("API Error: Request rejected (429)", 429),
    ("429 Too Many Requests", 429), ("HTTP 504 Gateway Timeout", 504), ("400", 400),
])
def test_status_words(text, status):
    e = explain(text)
    assert e.matched and e.status == status


def test_a_status_without_a_body_after_a_rule_message_keeps_the_rule():
    e = explain("API Error: 529 Overloaded")
    assert e.status == 529 and e.matches[0].title == "overloaded" and e.status_info.retry == "yes"


# --- (d) finding the error in a log line --------------------------------------------------

TOOL_TEXT = ("messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01. Each "
             "`tool_use` block must have a corresponding `tool_result` block in the next message.")
BODY = {"type": "error", "error": {"type": "invalid_request_error", "message": TOOL_TEXT}, "request_id": "req_011CZ"}


@pytest.mark.parametrize("text", [
    TOOL_TEXT,
    json.dumps(BODY),
    json.dumps(BODY, indent=2),
    f"anthropic.BadRequestError: Error code: 400 - {BODY!r}",
    f"API Error: 400 {json.dumps(BODY)}",
    f"2026-06-01 12:00:01 ERROR litellm.BadRequestError: AnthropicException - {json.dumps(BODY)}. Attempt #3",
    json.dumps([{"error": "Error: 400 " + json.dumps(BODY) + "\n    at generate (cli.js:1:2)"}]),
    json.dumps(json.dumps(BODY)),  # a JSON string holding the body
    "Error: 400 " + json.dumps(BODY).replace('"', '\\"'),  # escaped quotes outside any JSON
    json.dumps({"custom_id": "q-1", "result": {"type": "errored", "error": BODY}}),
    "Traceback (most recent call last):\n  File \"app.py\", line 3\nanthropic.BadRequestError: Error code: 400 - "
    + repr(BODY) + "\n",
    "The model returned the following errors: " + TOOL_TEXT,
    "ERROR [agent] " + TOOL_TEXT,
    TOOL_TEXT.replace("immediately after:", "immediately\n      after:"),  # wrapped by a terminal
    json.dumps(BODY["error"]),  # the inner object alone
])
def test_the_error_is_found_in_what_was_pasted(text):
    e = explain(text)
    assert [m.code for m in e.matches][:1] == ["CL353"], text
    assert e.matches[0].values["ids"] == "toolu_01" and e.matches[0].values["n"] == "1"
    assert e.status == 400 and e.matched


# Lines as users pasted them in public issues.
REAL_LINES = [
    # anthropics/claude-code#3632: the terminal wrapped the line inside the JSON string
    ('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.8: `tool_use` ids '
     'were found without `tool_result` blocks immediately after: \n     toolu_01JJLWxfcBw93tw2yUcSaro4. Each '
     '`tool_use` block must have a corresponding `tool_result` block in the next message."}}',
     "toolu_01JJLWxfcBw93tw2yUcSaro4", None),
    # lbjlaq/Antigravity-Manager#654: Vertex AI's envelope with the API's body as its message
    ('{\n  "error": {\n    "code": 400,\n    "message": "{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":'
     '\\"invalid_request_error\\",\\"message\\":\\"messages.243: `tool_use` ids were found without '
     '`tool_result` blocks immediately after: bash-uOQIdN0O. Each `tool_use` block must have a corresponding '
     '`tool_result` block in the next message.\\"},\\"request_id\\":\\"req_vrtx_011CX8LKNqFusFUVvygN5vEH\\"}",'
     '\n    "status": "INVALID_ARGUMENT"\n  }\n}',
     "bash-uOQIdN0O", "req_vrtx_011CX8LKNqFusFUVvygN5vEH"),
    # anthropics/claude-code#8286: an OpenAI-compatible proxy's copy, `code` for `type`
    ("API Error: 400 {\"error\":{\"message\":\"Error code: 400 - {'code': 'invalid_request_error', 'message': "
     "'messages.4: `tool_use` ids were found without `tool_result` blocks immediately after: "
     "toolu_01PhtXaGYuPQLCCemN1sqfSU. Each `tool_use` block must have a corresponding `tool_result` block in the "
     "next message.'}\"}}",
     "toolu_01PhtXaGYuPQLCCemN1sqfSU", None),
]


@pytest.mark.parametrize(("text", "ids", "request_id"), REAL_LINES)
def test_lines_pasted_in_public_issues(text, ids, request_id):
    e = explain(text)
    assert e.matches[0].code == "CL353" and e.matches[0].values["ids"] == ids
    assert e.status == 400 and e.request_id == request_id


def test_request_id_and_error_code_are_kept():
    body = {"type": "error", "request_id": "req_011CaS5p",
            "error": {"type": "rate_limit_error", "message": "You have hit your monthly spend cap",
                      "details": {"error_code": "enforced_spend_limit_reached"}}}
    e = explain(json.dumps(body))
    assert (e.request_id, e.error_code, e.status) == ("req_011CaS5p", "enforced_spend_limit_reached", 429)
    assert e.matched and to_dict(e)["status_info"]["retry"] == "yes"


@pytest.mark.parametrize(("text", "code"), [
    ("max_tokens: field required", "CL101"),  # 2024 (pydantic v1) lower case
    ("temperature is deprecated for this model.", "CL801"),  # a copy without backticks
    ("messages.0.content: text content blocks must be non-empty", "CL203"),  # Bedrock's path
    ("`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at "
     "https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#important-considerations", "CL411"),
    ("messages.2.content.0.image.source.base64.data: Image does not match the provided media type image/jpeg",
     "CL253"),
    ("Too much media: 40 document pages + 70 images > 100", "CL257"),
    ("context_management: Extra inputs are not permitted", "CL951"),
    ("messages.3.role: Input should be 'user' or 'assistant'", "CL207"),
    ("prompt is too long: 219898 tokens > 200000 maximum", "CL630"),
    ("Cannot specify both allowed_domains and blocked_domains in the same request", "CL304"),
])
def test_variants_recorded_in_the_research_notes(text, code):
    assert_explained(text, code)


def test_an_openai_compatible_wrapper():
    text = ("OpenAI API error: Error code: 429 - {'error': {'code': 'rate_limit_error', 'message': 'This request "
            "would exceed the rate limit for your organization of 20,000 input tokens per minute.', "
            "'type': 'invalid_request_error', 'param': None}}")
    e = explain(text)
    assert e.status == 429 and e.matches[0].title == "rate limit" and e.status_info.retry == "yes"


def test_a_proxy_422_is_named_as_a_proxy():
    body = {"detail": [{"type": "literal_error", "loc": ["body", "messages", 1, "role"], "msg": "Input should be 'user' or 'assistant'"}]}
    e = explain(json.dumps(body))
    assert e.proxy and e.status == 422 and e.matched


@pytest.mark.parametrize(("text", "title"), [
    ("x-api-key header is required", "no credential"),
    ("invalid x-api-key", "invalid API key"),
    ("anthropic-version: header is required", "anthropic-version missing"),
    ('anthropic-version: "2023-10-01" is not a valid version', "anthropic-version invalid"),
    ("Unexpected value(s) `foo-2025` for the `anthropic-beta` header. Please consult our documentation at "
     "platform.claude.com/docs or try again without the header.", "unknown beta"),
    ("Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or "
     "purchase credits.", "credit balance too low"),
    ("messages.1.content.0: Invalid `signature` in `thinking` block", "invalid thinking signature"),
    ("Overloaded", "overloaded"),
])
def test_messages_no_rule_produces_say_so(text, title):
    e = explain(text)
    assert e.matched and e.matches[0].title == title and e.matches[0].code is None
    assert e.matches[0].offline  # said plainly what claude-lint can and cannot check
    assert e.status == e.matches[0].status


def test_every_known_message_matches_its_own_templates():
    for i, known in enumerate(KNOWN):
        for template in known.templates:
            sample = template.replace("{", "").replace("}", "")
            assert any(t.known == i and t.relaxed.fullmatch(normalize(sample)) for t in TEMPLATE_INDEX), template


def test_a_rule_that_quotes_a_known_message_is_named_for_it(monkeypatch):
    from claude_lint import explain as explain_module

    fake = dataclasses.replace(claude_lint.rules.RULES["CL601"], code="CL999",
                               docs="Quoted: `x-api-key header\n    is required` (observed).")
    monkeypatch.setattr(claude_lint.rules, "RULES", {"CL999": fake})
    e = explain_module.explain("x-api-key header is required")
    assert e.matches[0].lint == ("CL999",)


# --- (e) the command line -----------------------------------------------------------------

def run(*args, input=None):
    return CliRunner().invoke(main, ["explain", *args], input=input)


def test_cli_explains_a_message():
    result = run("messages: text content blocks must be non-empty")
    assert result.exit_code == 0, result.output
    assert "CL203 empty-text-block" in result.output and "claude-lint --select CL203" in result.output


def test_cli_joins_unquoted_words():
    result = run("max_tokens:", "Field", "required")
    assert result.exit_code == 0 and "CL101" in result.output


def test_cli_reads_stdin():
    result = run("-", input=f"anthropic.BadRequestError: Error code: 400 - {BODY!r}\n")
    assert result.exit_code == 0 and "CL353" in result.output and "req_011CZ" in result.output


def test_cli_bare_status():
    result = run("529")
    assert result.exit_code == 0 and "529 overloaded_error" in result.output and "backoff" in result.output


def test_cli_json_output():
    result = run("--output-format", "json", json.dumps(BODY))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["matched"] is True and data["matches"][0]["code"] == "CL353"
    assert data["matches"][0]["lint"] == ["CL353"] and data["matches"][0]["checked_offline"] is True
    assert data["status_info"]["retry"] == "no"


def test_cli_message_starting_with_a_dash():
    assert run("-5").exit_code == 1  # read as text, not as an option


def test_cli_empty_input_is_a_usage_error():
    assert run("-", input="   \n").exit_code == 2


# --- (f) nothing matches ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "hello world",
    "the answer is 42",
    json.dumps({"type": "error", "error": {"type": "invalid_request_error", "message": "something new entirely"}}),
    "400 something new entirely",
    "model: Field required but more",
])
def test_nothing_matches(text):
    e = explain(text)
    assert not e.matched
    result = run(text)
    assert result.exit_code == 1 and "No rule or known API message matches" in result.output
