"""Finding a field in the JSON text (computed only for findings)."""
import json

import pytest

from claude_lint.load.positions import LineIndex, offsets

TEXT = """{
  "model": "claude-x",
  "messages": [ {"role": "user", "content": [{"type": "text", "text": ""}]}, 5 ],
  "we\\"ird": {"q": [1, [2, 3], "]}"]},
  "model": "last-wins"
}"""


def where(text, loc, **kw):
    start, end = offsets(text, loc, **kw)
    index = LineIndex(text)
    return index.position(start), index.position(end), text[start:end]


def test_duplicate_keys_resolve_to_the_last_like_the_parser():
    assert where(TEXT, ("model",)) == ((5, 12), (5, 23), '"last-wins"')
    assert json.loads(TEXT)["model"] == "last-wins"


def test_nested_value():
    assert where(TEXT, ("messages", 0, "content", 0, "text"))[2] == '""'


def test_array_element_and_escaped_key_and_brackets_inside_strings():
    assert where(TEXT, ("messages", 1))[2] == "5"
    assert where(TEXT, ('we"ird', "q", 2))[2] == '"]}"'


def test_missing_field_points_at_the_deepest_existing_key_or_the_top_brace():
    assert where(TEXT, ("max_tokens",))[0] == (1, 1)
    assert where(TEXT, ("messages", 0, "nope"))[2] == "{"
    assert where(TEXT, ("messages", 7))[2] == '"messages"'


def test_key_span():
    assert where(TEXT, ("messages",), key=True)[2] == '"messages"'


def test_crlf_and_unicode_columns_count_characters():
    text = '{\r\n  "é€": 1,\r\n  "b": "x"\r\n}'
    (line, column), _, value = where(text, ("b",))
    assert (line, column, value) == (3, 8, '"x"')


def test_very_deep_nesting_does_not_recurse():
    depth = 20000
    text = '{"a": ' + "[" * depth + "1" + "]" * depth + ', "b": 2}'
    assert where(text, ("b",))[2] == "2"
