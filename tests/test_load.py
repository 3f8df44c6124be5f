"""Loading sources: every bad input is one clear LoadError with a position, never a crash."""
import codecs
import io
import json
import os

import pytest

from claude_lint.load import Document, LoadError, iter_paths, load


def load_bytes(tmp_path, data: bytes, name="req.json"):
    path = tmp_path / name
    path.write_bytes(data)
    return list(load(str(path)))


def only_error(items) -> LoadError:
    assert len(items) == 1 and isinstance(items[0], LoadError), items
    return items[0]


def test_valid_json_document(tmp_path):
    [doc] = load_bytes(tmp_path, b'{"model": "m"}')
    assert isinstance(doc, Document) and doc.data == {"model": "m"}


def test_invalid_json_has_the_parser_position(tmp_path):
    error = only_error(load_bytes(tmp_path, b'{\n  "model": "m",\n  "max_tokens": ,\n}'))
    assert (error.line, error.column) == (3, 17)
    assert "invalid JSON" in error.message


def test_trailing_garbage(tmp_path):
    error = only_error(load_bytes(tmp_path, b'{"a": 1} xyz'))
    assert "Extra data" in error.message and error.line == 1


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty_file(tmp_path, data):
    assert "empty" in only_error(load_bytes(tmp_path, data)).message


def test_utf8_bom_is_accepted_and_positions_ignore_it(tmp_path):
    [doc] = load_bytes(tmp_path, codecs.BOM_UTF8 + b'{"a": 1}')
    assert doc.data == {"a": 1}
    assert doc.span(("a",)) == ((1, 7), (1, 8))


@pytest.mark.parametrize("encoding,name", [("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("utf-16-le", "UTF-16")])
def test_utf16_and_utf32_are_refused_by_name(tmp_path, encoding, name):
    error = only_error(load_bytes(tmp_path, '{"a": 1}'.encode(encoding)))
    assert name in error.message


def test_invalid_utf8_points_at_the_byte(tmp_path):
    error = only_error(load_bytes(tmp_path, b'{\n "a": "caf\xe9"}'))
    assert (error.line, error.column) == (2, 11) and "UTF-8" in error.message


def test_nul_byte(tmp_path):
    assert "NUL" in only_error(load_bytes(tmp_path, b'{"a": "\x00"}')).message


@pytest.mark.parametrize("data,what", [(b"\x89PNG\r\n\x1a\n....", "PNG"), (b"PK\x03\x04....", "zip")])
def test_binary_files(tmp_path, data, what):
    assert what in only_error(load_bytes(tmp_path, data)).message


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(tmp_path, literal):
    error = only_error(load_bytes(tmp_path, f'{{"temperature": {literal}}}'.encode()))
    assert literal in error.message and error.column == 17


def test_deep_nesting_is_a_load_error_not_a_crash(tmp_path):
    depth = 100_000
    error = only_error(load_bytes(tmp_path, b'{"a": ' + b"[" * depth + b"]" * depth + b"}"))
    assert "deep" in error.message and error.line == 1


def test_jsonl_streams_lines_and_reports_a_bad_line_by_number(tmp_path):
    lines = [json.dumps({"custom_id": "a", "params": {}}), "{not json", "", json.dumps({"custom_id": "c", "params": {}})]
    items = load_bytes(tmp_path, "\n".join(lines).encode(), name="batch.jsonl")
    assert [type(i).__name__ for i in items] == ["Document", "LoadError", "Document"]
    assert items[1].line == 2
    assert [i.first_line for i in items if isinstance(i, Document)] == [1, 4]
    assert items[2].span(("custom_id",)) == ((4, 15), (4, 18))


def test_stdin(tmp_path):
    [doc] = list(load("-", stdin=io.BytesIO(b'{"model": "m"}')))
    assert doc.file == "<stdin>" and doc.data == {"model": "m"}


def test_stdin_with_several_lines_is_a_batch_stream():
    items = list(load("-", stdin=io.BytesIO(b'{"custom_id": "a", "params": {}}\n{"custom_id": "b", "params": {}}\n')))
    assert [i.kind for i in items] == ["batch_line", "batch_line"]


def test_directory_walk_finds_json_and_jsonl_only_and_reports_broken_links(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text("")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.json").write_text("{}")
    os.symlink(tmp_path / "missing.json", tmp_path / "broken.json")
    found = list(iter_paths([str(tmp_path)]))
    paths = [p for p in found if isinstance(p, str)]
    errors = [p for p in found if isinstance(p, LoadError)]
    assert [os.path.relpath(p, tmp_path) for p in paths] == ["a.json", os.path.join("sub", "b.jsonl")]
    assert len(errors) == 1 and "broken" in errors[0].message


def test_missing_path():
    [error] = list(iter_paths(["/nonexistent/x.json"]))
    assert isinstance(error, LoadError) and "no such file" in error.message


def test_str_of_a_load_error_is_one_line():
    text = str(LoadError("f.json", "invalid JSON: Expecting value", 3, 7))
    assert text == "f.json:3:7: error: invalid JSON: Expecting value"


class TestReadCapped:
    """A whole file is read by its size (asking for the cap would allocate a buffer that large for
    every file), yet a file that grew after its size was taken is still read whole, to the cap."""

    def test_reads_a_file_that_grew_since_its_size_was_taken(self):
        from claude_lint.load.sources import _read_capped

        assert _read_capped(io.BytesIO(b'{"a": 1}'), "f.json", size=3) == b'{"a": 1}'

    def test_reads_a_file_that_shrank(self):
        from claude_lint.load.sources import _read_capped

        assert _read_capped(io.BytesIO(b"{}"), "f.json", size=100) == b"{}"

    @pytest.mark.parametrize("size", [None, 4, 20])
    def test_a_file_over_the_cap_is_refused_whatever_size_was_taken(self, monkeypatch, size):
        from claude_lint.load import sources

        monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", 10)
        with pytest.raises(LoadError, match="not read further"):
            sources._read_capped(io.BytesIO(b"x" * 11), "f.json", size=size)
        assert sources._read_capped(io.BytesIO(b"x" * 10), "f.json", size=size) == b"x" * 10
