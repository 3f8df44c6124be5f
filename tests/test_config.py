"""Configuration: found by walking up from each linted file, checked strictly, CLI wins."""
import json
import textwrap

import pytest
from click.testing import CliRunner

from claude_lint.cli import main
from claude_lint.config import ConfigError, find, load

GOOD = {"model": "claude-sonnet-4-6", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text) if isinstance(text, str) else json.dumps(text, indent=2))
    return path


def test_pyproject_table_found_by_walking_up_from_the_file(tmp_path):
    write(tmp_path / "pyproject.toml", """
        [tool.claude-lint]
        ignore = ["CL201"]
    """)
    fixture = write(tmp_path / "a" / "b" / "r.json", {**GOOD, "messages": []})
    assert find(fixture) == tmp_path / "pyproject.toml"
    assert run(fixture).exit_code == 0


def test_pyproject_without_our_table_is_not_a_config(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.other]\nx = 1\n")
    assert find(tmp_path / "r.json") is None


def test_claude_lint_toml_wins_over_pyproject_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.claude-lint]\nignore = ["CL102"]\n')
    write(tmp_path / "claude-lint.toml", 'ignore = ["CL201"]\n')
    fixture = write(tmp_path / "r.json", {**GOOD, "messages": [], "extra": 1})
    output = run(fixture).output
    assert "CL102" in output and "CL201" not in output


def test_nearest_config_wins(tmp_path):
    write(tmp_path / "claude-lint.toml", 'ignore = ["CL201"]\n')
    write(tmp_path / "strict" / "claude-lint.toml", "select = [\"ALL\"]\n")
    loose = write(tmp_path / "r.json", {**GOOD, "messages": []})
    strict = write(tmp_path / "strict" / "r.json", {**GOOD, "messages": []})
    assert run(loose).exit_code == 0
    assert run(strict).exit_code == 1


def test_per_file_ignores(tmp_path):
    write(tmp_path / "claude-lint.toml", """
        [per-file-ignores]
        "fixtures/bad_*.json" = ["CL2"]
    """)
    bad = write(tmp_path / "fixtures" / "bad_empty.json", {**GOOD, "messages": []})
    other = write(tmp_path / "fixtures" / "other.json", {**GOOD, "messages": []})
    assert run(bad).exit_code == 0
    assert run(other).exit_code == 1


def test_exclude(tmp_path):
    write(tmp_path / "claude-lint.toml", 'exclude = ["legacy/*"]\n')
    write(tmp_path / "legacy" / "old.json", {**GOOD, "messages": []})
    assert run(tmp_path).exit_code == 0


def test_default_model_and_cli_override(tmp_path):
    write(tmp_path / "claude-lint.toml", 'default-model = "claude-sonnet-4-6"\n')
    body = {k: v for k, v in GOOD.items() if k != "model"}
    fixture = write(tmp_path / "r.json", body)
    assert run(fixture).exit_code == 0
    assert "CL601" in run("--model", "claude-sonnet-4.6", fixture).output


def test_api_version_in_config(tmp_path):
    write(tmp_path / "claude-lint.toml", 'api-version = "2026-10-21"\n')
    fixture = write(tmp_path / "r.json", {**GOOD, "temperature": 0.3})
    assert "temperature: Extra inputs are not permitted" in run(fixture).output


def test_extend_models_like_a_catalog_model(tmp_path):
    write(tmp_path / "claude-lint.toml", """
        [[extend-models]]
        id = "gateway/sonnet"
        like = "claude-sonnet-4-6"
        max-output-tokens = 32000
    """)
    fixture = write(tmp_path / "r.json", {**GOOD, "model": "gateway/sonnet", "max_tokens": 40000})
    output = run(fixture).output
    assert "CL601" not in output
    assert "max_tokens: 40000 > 32000, which is the maximum allowed number of output tokens for gateway/sonnet" in output


def test_unknown_key_is_an_error_with_its_position(tmp_path):
    config = write(tmp_path / "pyproject.toml", """
        [project]
        name = "x"

        [tool.claude-lint]
        select = ["ALL"]
        ignores = ["CL201"]
    """)
    with pytest.raises(ConfigError) as raised:
        load(config)
    assert (raised.value.line, raised.value.column) == (7, 1)
    assert "unknown config key 'ignores'" in raised.value.message
    result = CliRunner().invoke(main, [str(write(tmp_path / "r.json", GOOD))])
    assert result.exit_code == 2
    assert f"{config}:7:1: error: unknown config key 'ignores'" in result.stderr


def test_unknown_selector_and_bad_types(tmp_path):
    with pytest.raises(ConfigError, match="unknown rule selector 'CL999'"):
        load(write(tmp_path / "claude-lint.toml", 'ignore = ["CL999"]\n'))
    with pytest.raises(ConfigError, match="expected a list of strings"):
        load(write(tmp_path / "claude-lint.toml", 'select = "ALL"\n'))
    with pytest.raises(ConfigError, match="not a model of the catalog"):
        load(write(tmp_path / "claude-lint.toml", '[[extend-models]]\nid = "x"\nlike = "nope"\n'))


def test_isolated_ignores_config(tmp_path):
    write(tmp_path / "claude-lint.toml", 'ignore = ["CL201"]\n')
    fixture = write(tmp_path / "r.json", {**GOOD, "messages": []})
    assert run("--isolated", fixture).exit_code == 1
