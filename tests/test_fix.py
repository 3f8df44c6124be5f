"""Fixes: structural edits applied to the text, safe by default, written atomically."""
import json
import os
import stat

import pytest
from click.testing import CliRunner

from claude_lint.cli import main
from claude_lint.fix import apply_edits, remove, replace, write_atomically


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class TestApplyEdits:
    TEXT = '{\n  "a": [1, 2, 3],\n  "b": {"x": "y  "},\n  "c": true\n}'

    def test_replace_keeps_everything_else(self):
        text, n = apply_edits(self.TEXT, [replace(("b", "x"), "y", "strip")])
        assert n == 1 and text == self.TEXT.replace('"y  "', '"y"')

    @pytest.mark.parametrize("index,expected", [(0, "[2, 3]"), (1, "[1, 3]"), (2, "[1, 2]")])
    def test_remove_an_element_with_its_comma(self, index, expected):
        text, _ = apply_edits(self.TEXT, [remove(("a", index), "drop")])
        assert json.loads(text)["a"] == json.loads(expected) and f'"a": {expected}' in text

    def test_remove_a_member(self):
        text, _ = apply_edits(self.TEXT, [remove(("c",), "drop")])
        assert json.loads(text) == {"a": [1, 2, 3], "b": {"x": "y  "}}
        text, _ = apply_edits(self.TEXT, [remove(("a",), "drop")])
        assert text.startswith('{\n  "b"')

    def test_missing_path_and_overlapping_edits_are_skipped(self):
        text, n = apply_edits(self.TEXT, [remove(("zz",), "x"), remove(("b",), "x"), replace(("b", "x"), 1, "x")])
        assert n == 1 and json.loads(text)  # one of the two overlapping edits; the next round gets the other


BODY = """{
    "model": "claude-haiku-4.5",
    "max_tokens": 70000,
    "temperature": 0.3,
    "messages": [
        {"role": "user", "content": [{"type": "text", "text": ""}, {"type": "text", "text": "Hi"}]},
        {"role": "assistant", "content": "Sure:  "}
    ]
}
"""


def test_fix_applies_safe_fixes_keeping_indentation_and_key_order(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(BODY)
    result = run("--fix", path)
    assert "Fixed 4 problems in 1 file." in result.output
    assert path.read_text() == BODY.replace("claude-haiku-4.5", "claude-haiku-4-5").replace("70000", "64000") \
        .replace('[{"type": "text", "text": ""}, {"type": "text", "text": "Hi"}]', '[{"type": "text", "text": "Hi"}]') \
        .replace('"Sure:  "', '"Sure:"')
    assert result.exit_code == 0  # nothing left at error severity (temperature is a warning)


def test_unsafe_fixes_need_their_flag(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(BODY)
    run("--fix", "--unsafe-fixes", "--api-version", "2026-10-21", path)
    assert "temperature" not in json.loads(path.read_text())


def test_diff_shows_without_writing(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(BODY)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = run("--diff", path)
    assert result.exit_code == 1
    assert '-    "model": "claude-haiku-4.5",' in result.stdout and '+    "model": "claude-haiku-4-5",' in result.stdout
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_file_without_fixes_is_never_touched(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"model": "claude-haiku-4-5", "max_tokens": 5, "messages": []}))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert run("--fix", path).exit_code == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_fix_keeps_mode_and_bom(tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.encode())
    os.chmod(path, 0o640)
    run("--fix", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_bytes().startswith(b"\xef\xbb\xbf{")


def test_fix_in_a_jsonl_batch_file_edits_only_its_line(tmp_path):
    good = {"custom_id": "a", "params": {"model": "claude-haiku-4-5", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}}
    bad = {"custom_id": "b", "params": {**good["params"], "model": "Claude-Haiku-4-5"}}
    lines = [json.dumps(good), json.dumps(bad), "", json.dumps(good).replace('"a"', '"c"')]
    path = tmp_path / "b.jsonl"
    path.write_text("\r\n".join(lines) + "\r\n")
    run("--fix", path)
    fixed = path.read_bytes().decode().split("\r\n")
    assert fixed[0] == lines[0] and fixed[2] == "" and fixed[3] == lines[3]
    assert json.loads(fixed[1])["params"]["model"] == "claude-haiku-4-5"


def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    path.write_text("old")

    def crash(src, dst):
        raise KeyboardInterrupt  # killed between writing the temp file and renaming it

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(str(path), "new")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]
