"""The command line, through click's runner and as a real subprocess on the shipped examples."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claude_lint import __version__
from claude_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def write(tmp_path, name, body):
    path = tmp_path / name
    path.write_text(body if isinstance(body, str) else json.dumps(body, indent=2))
    return path


GOOD = {"model": "claude-sonnet-4-6", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}


def test_valid_example_is_clean():
    result = run(EXAMPLES / "valid.json")
    assert result.exit_code == 0 and result.output == ""


def test_invalid_example_reports_position_status_and_fix():
    result = run(EXAMPLES / "invalid.json")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.endswith("invalid.json:2:12: CL601 [404 not_found_error] model `claude-sonnet-4.6` does not exist "
                             "(Claude API ids use hyphens between version numbers, not dots); did you mean `claude-sonnet-4-6`? (model)")
               for line in lines), result.output
    assert "  api: model: claude-sonnet-4.6" in lines
    assert "  fix: use `claude-sonnet-4-6`" in lines
    assert "            ^^^^^^^^^^^^^^^^^^^" in "\n".join(lines)


def test_json_output_is_one_document_with_positions(tmp_path):
    path = write(tmp_path, "r.json", {**GOOD, "messages": []})
    result = run("--output-format", "json", path)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 1 and data["summary"]["errors"] == 1
    [d] = data["diagnostics"]
    assert d["code"] == "CL201" and d["path"] == "messages" and d["pointer"] == "/messages"
    assert (d["line"], d["column"], d["status"], d["error_type"]) == (4, 15, 400, "invalid_request_error")
    assert d["api_message"] == "messages: at least one message is required"


def test_select_and_ignore(tmp_path):
    path = write(tmp_path, "r.json", {**GOOD, "messages": [], "extra": 1})
    assert "CL102" in run(path).output
    assert "CL102" not in run("--ignore", "unknown-field", path).output
    output = run("--select", "CL2", path).output
    assert "CL201" in output and "CL102" not in output


def test_unknown_selector_is_a_usage_error(tmp_path):
    result = run("--select", "CL999", write(tmp_path, "r.json", GOOD))
    assert result.exit_code == 2 and "unknown rule selector" in result.output


def test_model_option_fills_in_a_missing_model(tmp_path):
    body = {k: v for k, v in GOOD.items() if k != "model"}
    path = write(tmp_path, "r.json", body)
    assert "CL101" in run(path).output
    assert run("--model", "claude-sonnet-4-6", path).exit_code == 0


def test_api_version_option(tmp_path):
    path = write(tmp_path, "r.json", {**GOOD, "temperature": 0.5})
    assert run(path).exit_code == 0
    result = run("--api-version", "2026-10-21", path)
    assert result.exit_code == 1 and "temperature: Extra inputs are not permitted" in result.output


def test_load_error_exits_2_and_other_files_are_still_linted(tmp_path):
    bad = write(tmp_path, "bad.json", '{"model": ')
    worse = write(tmp_path, "worse.json", {**GOOD, "messages": []})
    result = run(bad, worse)
    assert result.exit_code == 2
    assert "bad.json:1:11: error: invalid JSON: Expecting value" in result.stderr
    assert "CL201" in result.stdout


def test_stdin(tmp_path):
    result = run("-", input=json.dumps({**GOOD, "messages": []}))
    assert result.exit_code == 1 and "<stdin>:1:" in result.output


def test_jsonl_findings_point_at_the_line(tmp_path):
    lines = [{"custom_id": "a", "params": GOOD}, {"custom_id": "b c", "params": GOOD}]
    path = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    result = run(path)
    assert result.exit_code == 1
    assert f"{path}:2:15: CL108" in result.output


def test_batch_create_body_is_recognised(tmp_path):
    path = write(tmp_path, "batch.json", {"requests": [{"custom_id": "a", "params": {**GOOD, "messages": []}}]})
    result = run("--output-format", "json", path)
    [d] = json.loads(result.output)["diagnostics"]
    assert d["path"] == "requests.0.params.messages"


def test_rule_docs():
    result = run("rule", "CL201")
    assert result.exit_code == 0
    assert result.output.startswith("CL201 empty-messages (error; 400 invalid_request_error; messages and content; evidence O)")
    assert "messages: at least one message is required" in result.output
    assert run("rule", "empty-messages").output == result.output
    assert run("rule", "nope").exit_code == 2


def test_rules_lists_every_rule():
    from claude_lint.rules import RULES

    output = run("rules").output
    assert all(code in output for code in RULES)


def test_version():
    assert run("--version").output.strip() == f"claude-lint, version {__version__}"


def test_no_paths_is_a_usage_error():
    assert run("check").exit_code == 2


def test_real_subprocess_on_the_examples():
    result = subprocess.run([sys.executable, "-m", "claude_lint", str(EXAMPLES)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "invalid.json:2:12: CL601" in result.stdout
    assert "batch.jsonl:3:15: CL108" in result.stdout
    assert result.stderr == ""
    clean = subprocess.run([sys.executable, "-m", "claude_lint", str(EXAMPLES / "valid.json")], capture_output=True, text=True)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_files_are_never_modified(tmp_path):
    path = write(tmp_path, "r.json", {**GOOD, "messages": []})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    for i in range(12):
        body = {**GOOD, "messages": []} if i % 3 == 0 else GOOD
        write(tmp_path, f"r{i:02d}.json", body)
    write(tmp_path, "r05.json", '{"model": ')  # a load error in the middle
    one = run("--output-format", "json", tmp_path)
    two = run("--output-format", "json", "--jobs", "2", tmp_path)
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert json.loads(two.stdout)["summary"]["errors"] == 4
