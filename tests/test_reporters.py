"""Output formats: text, json, sarif (validated against the official SARIF 2.1.0 schema), github."""
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from claude_lint.cli import main

DATA = Path(__file__).resolve().parent / "data"
BAD = {"model": "claude-sonnet-4-6", "max_tokens": 64, "stop_sequences": ["\n"],
       "messages": [{"role": "user", "content": [{"type": "text", "text": ""}]}]}


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def fixture(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(BAD, indent=2))
    return path


def test_text_has_position_code_status_api_text_fix_and_caret(fixture):
    output = run("--color", "never", fixture).output
    lines = output[output.index(f"{fixture}:5:5"):].splitlines()
    assert lines[0] == f"{fixture}:5:5: CL804 [400 invalid_request_error] stop sequence '\\n' is only whitespace (stop_sequences.0)"
    assert lines[1] == "  api: stop_sequences: each stop sequence must contain non-whitespace"
    assert lines[2].startswith("  fix: ")
    assert lines[4] == '  5 |     "\\n"'
    assert output.splitlines()[-1] == "Found 2 errors and 0 warnings in 1 request."


def test_text_colour_follows_no_color_and_the_option(fixture):
    assert "\033[" not in run(fixture, env={"NO_COLOR": "1"}).output  # not a TTY either
    assert "\033[31m" in run("--color", "always", fixture).output


def test_json_schema_fields(fixture):
    data = json.loads(run("-f", "json", fixture).output)
    assert set(data) == {"version", "diagnostics", "summary"}
    first = data["diagnostics"][0]
    assert set(first) == {"file", "line", "column", "end_line", "end_column", "code", "name", "severity", "path",
                          "pointer", "message", "status", "error_type", "api_message", "fix", "fixable"}
    assert data["summary"] == {"files": 1, "requests": 1, "errors": 2, "warnings": 0, "load_errors": 0}


def test_json_output_on_a_clean_file_is_valid(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps({**BAD, "stop_sequences": ["END"], "messages": [{"role": "user", "content": "Hi"}]}))
    data = json.loads(run("-f", "json", path).output)
    assert data["diagnostics"] == [] and data["summary"]["errors"] == 0


def test_sarif_is_valid_against_the_official_schema(fixture):
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    log = json.loads(run("-f", "sarif", fixture).output)
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert all(r["help"]["text"] and r["helpUri"].startswith("https://") for r in rules)
    [result] = [r for r in run_["results"] if r["ruleId"] == "CL804"]
    assert result["ruleId"] == "CL804" and rules[result["ruleIndex"]]["id"] == "CL804"
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 9}
    assert result["partialFingerprints"]


def test_github_workflow_commands(fixture):
    output = run("-f", "github", fixture).output.splitlines()
    assert len(output) == 3
    [line] = [x for x in output if "CL804" in x]
    assert line.startswith(f"::error file={fixture},line=5,endLine=5,col=5,endColumn=9,title=CL804 whitespace-stop-sequence::")
    assert "%0AAPI answer: 400 invalid_request_error: stop_sequences" in line
    assert output[-1] == "claude-lint: 2 error(s), 0 warning(s) in 1 request(s)"


def test_github_is_the_default_on_github_actions(fixture):
    assert run(fixture, env={"GITHUB_ACTIONS": "true"}).output.startswith("::error ")
    assert not run("-f", "text", fixture, env={"GITHUB_ACTIONS": "true"}).output.startswith("::")


def test_github_escapes_property_values():
    from claude_lint.report.github import _escape_data, _escape_property

    assert _escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert _escape_data("50%\r\n") == "50%25%0D%0A"


def test_statistics(fixture):
    output = run("--statistics", fixture).output.splitlines()
    assert output == ["1  CL203  empty-text-block", "1  CL804  whitespace-stop-sequence"]
