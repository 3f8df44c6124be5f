"""The census (checking/context.py): the one pass that lets rules skip requests without what they
look for. A gate that answers "nothing here" where a rule's own walk finds something would hide a
finding, so each gate is compared with the walk it stands in for, on generated bodies."""
import pytest
from hypothesis import given

from claude_lint.checking.context import (MESSAGES, Context, blocks, census, ends_with_assistant, has_empty_content,
                                         has_system_role, is_empty_content, messages, text_blocks)
from claude_lint.data.catalog import default_catalog
from claude_lint.data.versions import resolve
from claude_lint.rules.caching import _nested, breakpoints, has_breakpoints
from claude_lint.rules.media import has_media, media_blocks
from claude_lint.rules.size import pickled_size, text_characters
from claude_lint.rules.tool_pairing import _PLAIN_BLOCKS, has_other_blocks
from tests import strategies as s
from tests.test_fuzz import budget


def context(body) -> Context:
    return Context(body=body, scope=MESSAGES, version=resolve(None), catalog=default_catalog(),
                   today=None, model=None)


def blank_by_walk(body) -> list:
    """Blank text blocks and string contents found the slow way, in the census's order."""
    found = []
    for n, message in messages(body):
        content = message.get("content")
        if isinstance(content, str) and not content.strip():
            found.append(("messages", ("messages", n, "content"), None, content))
        for m, block, text in text_blocks(content):
            if not text.strip():
                found.append(("messages", ("messages", n, "content", m), block, text))
    system = body.get("system") if isinstance(body, dict) else None
    for k, block, text in text_blocks(system):
        if not text.strip():
            found.append(("system", ("system", k), block, text))
    return found


def breakpoints_by_walk(body) -> list:
    """Every cache marker, walking every message block (the census lets the rule skip most)."""
    found = []
    tools = body.get("tools") if isinstance(body, dict) else None
    for i, tool in blocks(tools):
        if isinstance(tool.get("cache_control"), dict):
            found.append((("tools", i), tool["cache_control"]))
    system = body.get("system") if isinstance(body, dict) else None
    for k, block in blocks(system):
        if isinstance(block.get("cache_control"), dict):
            found.append((("system", k), block["cache_control"]))
    for n, message in messages(body):
        for m, block in blocks(message.get("content")):
            found.extend(_nested(block, ("messages", n, "content", m), 0))
            if isinstance(block.get("cache_control"), dict):
                found.append((("messages", n, "content", m), block["cache_control"]))
    return found


def other_blocks_by_walk(body) -> bool:
    for _, message in messages(body):
        content = message.get("content")
        if isinstance(content, list):
            for block in content:
                if not isinstance(block, dict) or block.get("type") not in _PLAIN_BLOCKS:
                    return True
    return False


def assert_gates_agree(body):
    ctx = context(body)
    markers = breakpoints_by_walk(body)
    assert list(breakpoints(context(body))) == markers
    assert has_breakpoints(ctx) == bool(markers)
    assert has_media(context(body)) == bool(list(media_blocks(body)))
    try:
        expected_other = other_blocks_by_walk(body)
    except TypeError:  # an unhashable `type`: the engine runs the rules then
        expected_other = True
    assert has_other_blocks(context(body)) == expected_other
    assert [tuple(part) for part in census(body).blank] == blank_by_walk(body)
    roles = {m.get("role") if isinstance(m.get("role"), str) else "" for _, m in messages(body)}
    assert census(body).roles == roles
    assert has_system_role(ctx) == any(m.get("role") == "system" for _, m in messages(body))
    assert census(body).empty == tuple(n for n, m in messages(body) if is_empty_content(m.get("content")))
    assert has_empty_content(ctx) == bool(census(body).empty)
    last = body.get("messages") if isinstance(body, dict) else None
    assert ends_with_assistant(ctx) == (isinstance(last, list) and bool(last) and isinstance(last[-1], dict)
                                        and last[-1].get("role") == "assistant")
    size = pickled_size(body)
    if size is not None and isinstance(body, dict):
        assert size >= text_characters(body)


@budget(ci_examples=400, long_share=0.2)
@given(s.mutated(s.case_seeds()))
def test_gates_agree_with_the_walks_on_mutated_cases(example):
    assert_gates_agree(example[0])


@budget(ci_examples=300, long_share=0.2)
@given(s.mutated(s.model_bodies(), max_mutations=4))
def test_gates_agree_with_the_walks_on_model_bodies(example):
    assert_gates_agree(example[0])


def test_blocks_that_are_no_objects_or_have_no_string_type_count_as_unknown():
    body = {"messages": [{"role": "user", "content": ["text", {"type": 3}, {"type": "text", "text": "hi"}]}]}
    found = census(body)
    assert found.types == {"", "text"}
    assert found.by_role == {"user": {"", "text"}}


def test_roles_that_are_no_strings_are_grouped_under_the_empty_role():
    body = {"messages": [{"role": ["user"], "content": [{"type": "tool_result", "tool_use_id": "t", "content": []}]}]}
    assert census(body).by_role == {"": {"tool_result"}}


def test_types_inside_block_content_are_collected():
    result = {"type": "tool_result", "tool_use_id": "t",
              "content": [{"type": "image", "source": {}}, {"type": "text", "text": "x", "cache_control": {}}]}
    found = census({"messages": [{"role": "user", "content": [result]}]})
    assert found.inner_types == {"image", "text"}
    assert "cache_control" not in found.keys  # only top-level keys: nested markers are found through inner_types


def test_blank_texts_list_messages_before_the_system_prompt():
    body = {"system": [{"type": "text", "text": " "}],
            "messages": [{"role": "user", "content": ""}, {"role": "user", "content": [{"type": "text", "text": "\n"}]}]}
    assert [(p.where, p.loc) for p in census(body).blank] == [
        ("messages", ("messages", 0, "content")), ("messages", ("messages", 1, "content", 0)), ("system", ("system", 0))]


@pytest.mark.parametrize("body", [None, [], "text", {"messages": "nope"}, {"messages": [None, 1]}])
def test_bodies_without_messages_have_an_empty_census(body):
    found = census(body)
    assert not found.types and not found.blank and not found.by_role


def test_the_census_is_computed_once_per_request():
    ctx = context({"messages": [{"role": "user", "content": "hi"}]})
    assert ctx.census is ctx.census
