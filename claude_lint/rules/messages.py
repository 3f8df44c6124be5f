"""CL20x: the messages array and its turns — roles, empty content, prefill (api-rules §5)."""
from __future__ import annotations

from ..checking.context import (blocks, ends_with_assistant, has_blank_text, has_empty_content, has_system_role,
                                is_empty_content, messages, text_blocks)
from .. import fix
from ..diagnostic import plain_text
from .base import Finding, rule, warn
from .caching import marks_empty_text

@rule("CL201", "empty-messages", needs=('messages',), source="api-rules.md §5 G1 (observed: promptimizer#19)")
def empty_messages(ctx):
    """`messages` is an empty list.

    The API answers `messages: at least one message is required` (observed).

    Fix: send at least one user message.

    Bad:  {"messages": []}
    Good: {"messages": [{"role": "user", "content": "Hello"}]}
    """
    if ctx.get("messages") == []:
        yield Finding(("messages",), "`messages` is empty", api_message="messages: at least one message is required",
                      fix="add at least one message")


@rule("CL202", "empty-message-content", when=has_empty_content, source="api-rules.md §5 G8 (observed: librechat#3372, cc#6458)")
def empty_message_content(ctx):
    """A message other than a final assistant message has empty content (`""` or `[]`).

    The API answers `messages.<N>: all messages must have non-empty content except for the
    optional final assistant message` (observed). Only the last message may be empty, and only
    when it is an assistant prefill.

    Fix: drop the empty message, or give it content.

    Bad:  {"messages": [{"role": "user", "content": []}, {"role": "assistant", "content": "Hi."}]}
    Good: {"messages": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi."}]}
    """
    items = ctx.view(messages)
    last = _last_index(ctx)
    for n, message in items:
        if not is_empty_content(message.get("content")):
            continue
        if n == last and message.get("role") == "assistant":
            continue
        yield Finding(
            ("messages", n, "content"),
            f"message {n} ({plain_text(message.get('role'))}) has empty content",
            api_message=f"messages.{n}: all messages must have non-empty content except for the optional final assistant message",
            fix="remove the empty message or give it content",
        )


@rule("CL203", "empty-text-block", when=has_blank_text, source="api-rules.md §5 G9 (observed: bolt#7426, cc#53473)")
def empty_text_block(ctx):
    """A `text` block has `text: ""` (in a message or in the system prompt).

    The API answers `messages: text content blocks must be non-empty` (observed), or with the
    `system:` prefix for a system block. Clients often produce these when a streamed answer was
    empty or when they always add a caption block next to an image.

    An empty block that carries `cache_control` is answered with the caching text instead
    (`messages.<N>.content.<M>.text: cache_control cannot be set for empty text blocks`,
    CL504), so it is left to that rule.

    Fix: drop the empty block.

    Bad:  {"content": [{"type": "text", "text": ""}, {"type": "image", "source": {...}}]}
    Good: {"content": [{"type": "image", "source": {...}}]}
    """
    last = _last_index(ctx)
    for where, loc, block, text in ctx.census.blank:
        if block is not None and text == "" and not marks_empty_text(block):  # with cache_control the API answers CL504's text
            yield Finding(loc + ("text",), f"{where} text block is empty",
                          api_message=f"{where}: text content blocks must be non-empty", fix="remove the empty text block",
                          edit=_drop_block(ctx, loc, last))


@rule("CL204", "whitespace-text-block", when=has_blank_text, source="api-rules.md §5 G10 (observed: cc#23440, cc#23352); §20 nuance (LibreChat-AI/agents#124)")
def whitespace_text_block(ctx):
    """A `text` block (or string content) contains only whitespace.

    The API answers `messages: text content blocks must contain non-whitespace text` (observed
    since 2026-02), or `system: ...` for the system prompt (observed). A whitespace-only block
    in a message that also has real text was reported as accepted, so that case is a warning.

    Fix: remove the block, or put the text in it that was meant to be there.

    Bad:  {"role": "assistant", "content": [{"type": "text", "text": "\\n\\n"}]}
    Good: {"role": "assistant", "content": [{"type": "text", "text": "Done."}]}
    """
    api = "{where}: text content blocks must contain non-whitespace text"
    blank = ctx.census.blank
    for where, loc, block, text in blank:
        if not text or block is None:
            continue
        finding_loc = loc + ("text",)
        if where == "messages" and _has_real_text(ctx, loc):
            yield warn(finding_loc, "text block is only whitespace (accepted beside other text, but wasted)",
                       fix="remove the whitespace-only block", status=None, error_type=None)
            continue
        yield Finding(finding_loc, f"{where} text block contains only whitespace",
                      api_message=api.format(where=where), fix="remove the block or give it real text")
    last = _last_index(ctx)
    for _, loc, block, text in blank:
        if block is None and text:
            n = loc[1]
            if n == last and ctx.body["messages"][n].get("role") == "assistant":
                continue  # a final assistant prefill: CL205 reports the trailing whitespace
            yield Finding(loc, f"message {n} contains only whitespace",
                          api_message=api.format(where="messages"), fix="remove the message or give it real text")


def _has_real_text(ctx, loc) -> bool:
    _, n, _, _ = loc
    content = ctx.body["messages"][n].get("content")
    return any(text.strip() for _, _, text in text_blocks(content))


def _drop_block(ctx, loc: tuple, last: int):
    """Removing a block is safe when its list keeps other blocks and it is not the prefill."""
    if loc[0] == "messages":
        _, n, _, _ = loc
        message = ctx.body["messages"][n]
        if n == last and message.get("role") == "assistant":
            return None
        siblings = message.get("content")
    else:
        siblings = ctx.get("system")
    return fix.remove(loc, "drop the empty text block") if len(siblings) > 1 else None


def _last_index(ctx) -> int:
    items = ctx.get("messages")
    return len(items) - 1 if isinstance(items, list) else -1


def _final_message(ctx):
    items = ctx.get("messages")
    if not isinstance(items, list) or not items or not isinstance(items[-1], dict):
        return None, None
    return len(items) - 1, items[-1]


@rule("CL205", "prefill-trailing-whitespace", when=ends_with_assistant, source="api-rules.md §5 G11 (observed: forgecode#1872, opencode#1295)")
def prefill_trailing_whitespace(ctx):
    """The final assistant message (a prefill) ends with whitespace.

    The API answers `messages: final assistant content cannot end with trailing whitespace`
    (observed). Models continue from the exact last character; a trailing space or newline is
    refused rather than silently stripped.

    Fix: strip trailing whitespace from the prefill.

    Bad:  {"role": "assistant", "content": "Here is the haiku:\\n"}
    Good: {"role": "assistant", "content": "Here is the haiku:"}
    """
    n, message = _final_message(ctx)
    if message is None or message.get("role") != "assistant" or ctx.model is not None and ctx.model.prefill is False:
        return
    content = message.get("content")
    loc, text = ("messages", n, "content"), None
    if isinstance(content, str):
        text = content
    else:
        items = blocks(content)
        if items and items[-1][1].get("type") == "text" and isinstance(items[-1][1].get("text"), str):
            m, block = items[-1]
            loc, text = ("messages", n, "content", m, "text"), block["text"]
    # A whitespace-only block is CL204's; whitespace-only string content is a prefill ending in whitespace.
    if text and text != text.rstrip() and (text.strip() or isinstance(content, str)):
        yield Finding(loc, "the final assistant message ends with whitespace",
                      api_message="messages: final assistant content cannot end with trailing whitespace",
                      fix="strip the trailing whitespace from the prefill",
                      edit=fix.replace(loc, text.rstrip(), "strip the trailing whitespace"))


@rule("CL206", "prefill-not-supported", when=ends_with_assistant, source="api-rules.md §5 G12 (observed: vibetrading#246, skyvern#4795, biomni#284)")
def prefill_not_supported(ctx):
    """The conversation ends with an assistant message on a model without prefill.

    Claude Opus 4.6, Sonnet 4.6 and later models removed assistant-message prefill; the API
    answers `This model does not support assistant message prefill. The conversation must end
    with a user message.` (observed). Consecutive assistant turns are merged first, so the check
    is on the last turn.

    Fix: end with a user message; ask for the format in the prompt or use structured outputs
    (`output_config.format`) instead of prefilling.

    Bad:  {"model": "claude-sonnet-4-6", "messages": [{"role": "user", ...}, {"role": "assistant", "content": "Answer:"}]}
    Good: {"model": "claude-sonnet-4-6", "messages": [{"role": "user", ...}]}
    """
    n, message = _final_message(ctx)
    if message is None or message.get("role") != "assistant" or ctx.model is None:
        return
    if ctx.model.prefill is False:
        yield Finding(("messages", n), f"{ctx.model_id} does not support assistant prefill; the last message is from the assistant",
                      api_message="This model does not support assistant message prefill. The conversation must end with a user message.",
                      fix="end the conversation with a user message")
    elif ctx.model.prefill is None:
        yield warn(("messages", n), f"{ctx.model_id} may not support assistant prefill (not confirmed for this model)",
                   fix="end the conversation with a user message")


@rule("CL207", "system-message-not-supported", when=has_system_role, evidence="D", source="api-rules.md §5 G3/G18; claude-api skill quick reference (Opus 4.8, Opus 5, Fable 5, Mythos 5; not Sonnet 5)")
def system_message_not_supported(ctx):
    """A message with role `system` sent to a model without mid-conversation system messages.

    Only some models (Claude Opus 4.8, Opus 5, Fable 5, Mythos 5) accept `{"role": "system"}`
    inside `messages`; the others reject it. An OpenAI-style leading system message was answered
    (2025) with ``messages: Unexpected role "system". The Messages API accepts a top-level `system`
    parameter, not "system" as an input message role.``; today's text is not captured.

    Fix: move the text to the top-level `system` parameter.

    Bad:  {"model": "claude-sonnet-4-6", "messages": [{"role": "system", "content": "Be brief."}, ...]}
    Good: {"model": "claude-sonnet-4-6", "system": "Be brief.", "messages": [...]}
    """
    info = ctx.model
    for n, message in ctx.view(messages):
        if message.get("role") != "system" or n == 0:
            continue  # a leading system message is CL208's
        if info is not None and info.mid_conversation_system is False:
            yield Finding(("messages", n, "role"), f"{ctx.model_id} does not accept system messages inside `messages`",
                          fix="move the text to the top-level `system` parameter")
        elif info is not None and info.mid_conversation_system is None:
            yield warn(("messages", n, "role"), f"{ctx.model_id} may not accept mid-conversation system messages (not confirmed)",
                       fix="move the text to the top-level `system` parameter, or check the model's documentation")


@rule("CL208", "system-message-placement", when=has_system_role, evidence="D", source="api-rules.md §5 G18; claude-api skill quick reference (placement rules)")
def system_message_placement(ctx):
    """A mid-conversation system message is in a place the API does not allow.

    A `system` message cannot be the first message, must follow a `user` message (or an assistant
    message that ends in server-tool use), and must be either the last message or be followed by an
    `assistant` message. The exact error text is not captured.

    Fix: put standing instructions in the top-level `system`; put a mid-conversation system
    message right after a user turn.

    Bad:  [{"role": "user", ...}, {"role": "assistant", ...}, {"role": "system", ...}, {"role": "user", ...}]
    Good: [{"role": "user", ...}, {"role": "assistant", ...}, {"role": "user", ...}, {"role": "system", ...}]
    """
    items = ctx.get("messages")
    if not isinstance(items, list):
        return
    supported = ctx.model is not None and ctx.model.mid_conversation_system is not False
    for n, message in ctx.view(messages):
        if message.get("role") != "system":
            continue
        loc = ("messages", n, "role")
        if n == 0:
            yield Finding(loc, "the first message has role `system`; system instructions go in the top-level `system` parameter",
                          fix="move the text to the top-level `system` parameter")
            continue
        if not supported:
            continue  # CL207 reports it
        before = items[n - 1] if isinstance(items[n - 1], dict) else {}
        after = items[n + 1] if n + 1 < len(items) and isinstance(items[n + 1], dict) else None
        if not (before.get("role") == "user" or _ends_in_server_tool_use(before)):
            yield Finding(loc, f"the system message follows a {plain_text(before.get('role'))} message; it must follow a user message",
                          fix="move the system message right after a user message")
        elif after is not None and after.get("role") != "assistant":
            yield Finding(loc, f"the system message is followed by a {plain_text(after.get('role'))} message; it must be last or followed by an assistant message",
                          fix="move the system message to the end, or before an assistant message")


def _ends_in_server_tool_use(message: dict) -> bool:
    if message.get("role") != "assistant":
        return False
    items = blocks(message.get("content"))
    return bool(items) and items[-1][1].get("type") == "server_tool_use"
