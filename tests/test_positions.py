"""Finding a field in the JSON text (computed only for findings)."""
import json

import pytest

from claude_lint.load.positions import LineIndex, keys_spelled_plainly, offsets

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


# --- finding a top-level field by its spelling ---------------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

# Few key names, so the same name turns up at several depths and inside string values.
_NAMES = st.sampled_from(["temperature", "model", "a.b", "x", "we\"ird", "tëmp"])
_LEAVES = st.one_of(st.none(), st.integers(), st.sampled_from(['temperature": 1', '\\"temperature\\": 2', "\\", '"x":']),
                    _NAMES)
_DOCS = st.dictionaries(_NAMES, st.recursive(_LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_NAMES, inner, max_size=3)), max_leaves=12), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(_DOCS, st.sampled_from([None, 2]), st.booleans(), st.data())
def test_a_top_level_field_found_by_its_spelling_is_where_the_scan_finds_it(doc, indent, ascii_only, data):
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii_only)
    if data.draw(st.booleans()):  # spell one key with an escape, as some serialisers do
        text = text.replace('"x":', '"\\u0078":', 1)
    loc = (data.draw(st.sampled_from(sorted(doc))),) + data.draw(st.sampled_from([(), ("x",), (0,)]))
    top_keys = doc if keys_spelled_plainly(text) else None
    for key in (False, True):
        fast = offsets(text, loc, key=key, unique_keys=True, top_keys=top_keys)
        assert fast == offsets(text, loc, key=key, unique_keys=True)


def test_keys_spelled_with_an_escape_are_noticed():
    assert keys_spelled_plainly('{"a": "caf\\u00e9", "b": ["\\u0041"]}')
    assert not keys_spelled_plainly('{"a": {"caf\\u00e9": 1}}')
    assert not keys_spelled_plainly('{"\\u0074emperature" : 1}')
    assert keys_spelled_plainly('{"a": "\\\\u0041"}')  # an escaped backslash, then a plain u


def test_the_spelling_is_used_only_when_it_is_unambiguous():
    text = json.dumps({"tools": [{"temperature": 1}], "temperature": 0.5})
    doc = json.loads(text)
    assert text[slice(*offsets(text, ("temperature",), unique_keys=True, top_keys=doc))] == "0.5"
    nested = '{"tools": [{"temperature": 1}], "t\\u0065mperature": 0.5}'
    assert not keys_spelled_plainly(nested)
    assert nested[slice(*offsets(nested, ("temperature",), unique_keys=True))] == "0.5"
