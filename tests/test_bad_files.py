"""Bad input through the real command: one clear line on stderr, no traceback, exit status 2 for a
file that cannot be linted, and the other files still linted."""
import json
import os
import subprocess
import sys

import pytest

GOOD = {"model": "claude-haiku-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}
BAD = {**GOOD, "messages": []}  # a real finding, to show the other files are still linted


def lint(*paths, stdin=None):
    result = subprocess.run([sys.executable, "-m", "claude_lint", *map(str, paths)], input=stdin,
                            capture_output=True, timeout=120)
    return result.returncode, result.stdout.decode(), result.stderr.decode()


def check_one_line(stderr: str, expected: str):
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert expected in lines[0], lines[0]


CASES = [
    ("invalid.json", b'{\n  "model": "m",\n  "max_tokens": ,\n}', ":3:17: error: invalid JSON: Expecting value"),
    ("garbage.json", json.dumps(GOOD).encode() + b" trailing", ":1:98: error: invalid JSON: Extra data"),
    ("empty.json", b"", "empty file"),
    ("utf16.json", json.dumps(GOOD).encode("utf-16"), "UTF-16-encoded; request bodies must be UTF-8"),
    ("utf32.json", json.dumps(GOOD).encode("utf-32"), "UTF-32-encoded; request bodies must be UTF-8"),
    ("latin1.json", b'{"model": "caf\xe9"}', ":1:15: error: invalid UTF-8 (byte 0xe9)"),
    ("nul.json", b'{"model": "a\x00b"}', "NUL byte in the file"),
    ("image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not JSON"),
    ("archive.json", b"PK\x03\x04\x14\x00\x00\x00", "binary file (a zip archive), not JSON"),
    ("array.json", b"[1, 2, 3]", ":1:1: error: the JSON value is an array, not a request object"),
    ("string.json", b'"hello"', "the JSON value is a string, not a request object"),
    ("nan.json", b'{"temperature": NaN}', ":1:17: error: invalid JSON: NaN is not valid JSON"),
    ("deep.json", b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", "JSON nested too deeply to check"),
]


@pytest.mark.parametrize("name,data,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_one_line_and_exit_2_and_others_are_still_linted(tmp_path, name, data, expected):
    bad = tmp_path / name
    bad.write_bytes(data)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(BAD))
    code, out, err = lint(bad, other)
    assert code == 2
    check_one_line(err, expected)
    assert "CL201" in out  # the other file was linted


def test_utf8_bom_is_accepted_with_positions_right(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(BAD, indent=2).encode())
    code, out, err = lint(path)
    assert code == 1 and err == ""
    assert f"{path}:4:15: CL201" in out


def test_duplicate_keys_are_a_warning(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"model": "claude-haiku-4-5", "max_tokens": 1, "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}')
    code, out, err = lint(path)
    assert code == 0 and err == ""
    assert f"{path}:1:48: CL002 [warning] `max_tokens` appears more than once" in out


def test_a_100_mb_string_is_a_413_finding_not_a_crash(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "w") as handle:
        handle.write('{"model": "claude-haiku-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "')
        chunk = "x" * (1 << 20)
        for _ in range(100):
            handle.write(chunk)
        handle.write('"}]}')
    code, out, err = lint(path)
    assert code == 1 and err == ""
    assert "CL620 [413 request_too_large]" in out


def test_a_2_gb_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "giant.json"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)  # sparse: costs no disk
    code, out, err = lint(path)
    assert code == 2
    check_one_line(err, "2,147,483,648 bytes: larger than any request the API accepts")


def test_directory_with_a_broken_symlink(tmp_path):
    (tmp_path / "ok.json").write_text(json.dumps(BAD))
    os.symlink(tmp_path / "gone.json", tmp_path / "link.json")
    code, out, err = lint(tmp_path)
    assert code == 2
    check_one_line(err, "link.json: error: broken symbolic link")
    assert "ok.json:1:" in out and "CL201" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.json"
    path.write_text(json.dumps(GOOD))
    path.chmod(0)
    code, out, err = lint(path)
    assert code == 2
    check_one_line(err, "Permission denied")


def test_fifo_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, out, err = lint(fifo)
    assert code == 2
    check_one_line(err, "not a regular file")
    (tmp_path / "ok.json").write_text(json.dumps(GOOD))
    code, out, err = lint(tmp_path)  # inside a directory too
    assert code == 2 and "pipe.json" in err


def test_jsonl_with_a_bad_line_in_the_middle(tmp_path):
    line = json.dumps({"custom_id": "a", "params": GOOD})
    bad_params = json.dumps({"custom_id": "c", "params": BAD})
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([line, '{"custom_id": "b", "params": ', bad_params]) + "\n")
    code, out, err = lint(path)
    assert code == 2
    check_one_line(err, f"{path}:2:30: error: invalid JSON")
    assert f"{path}:3:" in out and "CL201" in out


def test_binary_on_stdin():
    code, out, err = lint("-", stdin=b"\x00\x01\x02\xff")
    assert code == 2
    check_one_line(err, "<stdin>")
