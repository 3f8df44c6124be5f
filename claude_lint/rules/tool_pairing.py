"""CL35x: `tool_use` / `tool_result` pairing across turns (api-rules §10, G17).

The API merges consecutive same-role messages into one turn before it pairs tool calls with
their results (§10, G6), so these rules walk `turns()`. Their messages still name positions in the
request as sent: the captured `messages.<N>` indices of assistant turns are often even in
conversations that start with a user message, which only original indices explain.
"""
from __future__ import annotations

from ..diagnostic import value_text

import re
from typing import Any, Iterator, NamedTuple

from ..checking.context import blocks, messages, turns
from .base import Finding, Phase, rule, warn

# Server-tool result blocks; each answers a `server_tool_use` earlier in the assistant turn.
SERVER_RESULT_TYPES = frozenset((
    "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result",
    "bash_code_execution_tool_result", "text_editor_code_execution_tool_result",
    "tool_search_tool_result", "advisor_tool_result",
))
_ASSISTANT_ONLY = frozenset(("tool_use", "server_tool_use", "thinking", "redacted_thinking", "mcp_tool_use",
                             "mcp_tool_result")) | SERVER_RESULT_TYPES
_USER_ONLY = frozenset(("tool_result",))

_TOOL_ID = re.compile(r"^[a-zA-Z0-9_-]+$")
_SERVER_TOOL_ID = re.compile(r"^srvtoolu_[a-zA-Z0-9_]+$")


def _kind(part) -> str:
    """The block's `type`, or "" when it is not a string (so set lookups never see a dict)."""
    return part.type if isinstance(part.type, str) else ""


class ToolTurn(NamedTuple):
    """One turn's tool blocks, sorted out in one pass over the conversation: each pairing rule
    then reads the few blocks it is about instead of walking every block of every turn."""

    role: Any
    uses: list  # Part: tool_use blocks
    results: list  # Part: tool_result blocks
    answers: list  # Part: tool_result and server-tool result blocks, in order
    server: list  # Part: server_tool_use and server-tool result blocks, in order
    answered: set  # tool_use_id of each tool_result before any other block (a user turn's answers)
    misplaced: list  # Part: tool_result blocks with a string tool_use_id after another block


def tool_turns(ctx) -> list:
    """A :class:`ToolTurn` per turn (a per-request view)."""
    return ctx.derived(_tool_turn_items)


def _tool_turn_items(ctx) -> Iterator[ToolTurn]:
    for turn in ctx.view(turns):
        uses, results, answers, server, answered, misplaced, leading = [], [], [], [], set(), [], True
        for part in turn.parts:
            kind = part.type
            if kind == "tool_result":
                results.append(part)
                answers.append(part)
                tool_id = part.block.get("tool_use_id")
                if isinstance(tool_id, str):
                    if leading:
                        answered.add(tool_id)
                    else:
                        misplaced.append(part)
                continue
            leading = False
            if kind == "tool_use":
                uses.append(part)
            elif kind == "server_tool_use":
                server.append(part)
            elif isinstance(kind, str) and kind in SERVER_RESULT_TYPES:
                answers.append(part)
                server.append(part)
        yield ToolTurn(turn.role, uses, results, answers, server, answered, misplaced)


def _id_of(part):
    """The block's `id` when it is a string, else None."""
    tool_id = part.block.get("id")
    return tool_id if isinstance(tool_id, str) else None


# Block types of a plain conversation: a request with nothing else has nothing to pair.
_PLAIN_BLOCKS = frozenset({"text", "image", "document", "search_result"})


def has_other_blocks(ctx) -> bool:
    """Whether any message block is other than text, image, document or search result (the
    pairing rules' shared test)."""
    return not ctx.census.types <= _PLAIN_BLOCKS


@rule("CL350", "tool-blocks-without-tools", when=has_other_blocks,
      source="api-rules.md §10 TU5 (observed second-hand: fix:48385618697, fix:71312289889; sdkpy#494)")
def tool_blocks_without_tools(ctx):
    """The conversation holds `tool_use` or `tool_result` blocks but the request defines no tools.

    The API answers ``Requests which include `tool_use` or `tool_result` blocks must define
    tools.`` (observed second-hand). This happens when a follow-up call (a summary, a title)
    reuses the tool history but leaves `tools` out.

    Fix: send the same `tools` again; to stop the model from calling them, add
    `"tool_choice": {"type": "none"}`.

    Bad:  {"messages": [..., {"role": "assistant", "content": [{"type": "tool_use", ...}]}, ...]}
    Good: {"tools": [...], "tool_choice": {"type": "none"}, "messages": [...]}
    """
    tools = ctx.get("tools")
    if not (tools is None or tools == []):
        return
    for _, message in ctx.view(messages):
        for _, block in blocks(message.get("content")):
            kind = block.get("type")
            if kind in ("tool_use", "tool_result"):
                yield Finding(("tools",), f"the conversation has `{kind}` blocks but the request defines no tools",
                              api_message="Requests which include `tool_use` or `tool_result` blocks must define tools.",
                              fix='send the tools again (with `"tool_choice": {"type": "none"}` to forbid new calls)')
                return


@rule("CL351", "block-in-wrong-role", when=has_other_blocks, severity="warning",
      source="api-rules.md §5 G17 (inferred)")
def block_in_wrong_role(ctx):
    """A block that only one role produces sits in the other role's turn.

    `tool_result` blocks answer tool calls and belong in user turns; `tool_use`,
    `server_tool_use`, server-tool results and `thinking` blocks are the model's output and belong
    in assistant turns. The API rejects such requests; its exact text is not captured, so this is
    a warning. Usually roles were swapped while converting another provider's history.

    Fix: move the block to a turn of the right role.

    Bad:  {"role": "assistant", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content": "4"}]}
    Good: {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content": "4"}]}
    """
    by_role = ctx.census.by_role
    if _ASSISTANT_ONLY.isdisjoint(by_role.get("user", ())) and _USER_ONLY.isdisjoint(by_role.get("assistant", ())):
        return
    for turn in ctx.view(turns):
        wrong = _ASSISTANT_ONLY if turn.role == "user" else _USER_ONLY if turn.role == "assistant" else ()
        for part in turn.parts:
            if _kind(part) in wrong:
                owner = "assistant" if turn.role == "user" else "user"
                yield warn(part.loc, f"`{part.type}` block in a {turn.role} message; it belongs in {owner} messages",
                           fix=f"move the block into a {owner} message")


@rule("CL352", "duplicate-tool-use-id", when=has_other_blocks,
      source="api-rules.md §10 TU4 (observed second-hand: fix:56740091184, fix:61587953467; cc#21083); §20 nuance")
def duplicate_tool_use_id(ctx):
    """Two `tool_use` blocks of one assistant turn share an `id`.

    The API answers ``messages.<N>.content.<M>: `tool_use` ids must be unique`` at the later
    block (observed second-hand, on the first-party API, Bedrock and Vertex). Every capture is a
    duplicate inside one assistant message; reusing an id in a later turn is not known to be
    rejected and is reported as a warning. Frequent causes: a stream handler that emits a tool
    call twice, or merging two assistant messages that both carry it.

    Fix: give each tool call its own id (and its `tool_result` the same id), or drop the repeated call.

    Bad:  [{"type": "tool_use", "id": "toolu_01A", ...}, {"type": "tool_use", "id": "toolu_01A", ...}]
    Good: [{"type": "tool_use", "id": "toolu_01A", ...}, {"type": "tool_use", "id": "toolu_01B", ...}]
    """
    index = tool_turns(ctx)
    ids = [tool_id for r in index if r.role == "assistant" for tool_id in map(_id_of, r.uses) if tool_id is not None]
    if len(set(ids)) == len(ids):
        return
    first: dict = {}  # id -> the turn it first appeared in
    reported: set = set()
    for t, r in enumerate(index):
        if r.role != "assistant":
            continue
        for part in r.uses:
            tool_id = _id_of(part)
            if tool_id is None:
                continue
            if tool_id not in first:
                first[tool_id] = t
            elif first[tool_id] == t:
                yield Finding(part.loc + ("id",), f"tool_use id {value_text(tool_id)} appears twice in one assistant turn",
                              api_message=f"messages.{part.message}.content.{part.index}: `tool_use` ids must be unique",
                              fix="give each tool call its own id, or drop the repeated call")
            elif tool_id not in reported:
                reported.add(tool_id)
                yield warn(part.loc + ("id",), f"tool_use id {value_text(tool_id)} was already used in an earlier turn",
                           fix="give each tool call its own id")


@rule("CL353", "tool-use-without-result", when=has_other_blocks,
      source="api-rules.md §10 TU1, TU2 (observed: cc#1237, cc#5989, kilocode#5163, hermes-agent#58732)")
def tool_use_without_result(ctx):
    """A `tool_use` is not answered by a `tool_result` at the start of the next turn.

    Every `tool_use` id of an assistant turn needs a `tool_result` in the very next (user) turn,
    and the results must come first in that turn: a text or image block before them makes the
    API treat the results as missing. It answers ``messages.<N>: `tool_use` ids were found
    without `tool_result` blocks immediately after: <id>, <id>. Each `tool_use` block must have a
    corresponding `tool_result` block in the next message.`` (observed). Common causes: a tool
    run that was interrupted or dropped, history truncation between a call and its result, and a
    "Here are the results:" text put before the results. A final assistant turn with unanswered
    calls (a prefill) is only a warning: no capture shows how the API treats it.

    Fix: answer every call with a `tool_result` (with `is_error: true` if it could not run), put
    all results first in the user message, and any text after them.

    Bad:  {"role": "user", "content": [{"type": "text", "text": "Results:"}, {"type": "tool_result", ...}]}
    Good: {"role": "user", "content": [{"type": "tool_result", ...}, {"type": "text", "text": "What next?"}]}
    """
    index = tool_turns(ctx)
    for t, r in enumerate(index):
        if r.role != "assistant":
            continue
        uses = [p for p in r.uses if _id_of(p) is not None]
        if not uses:
            continue
        if t + 1 == len(index):
            yield warn(uses[0].loc, "the final assistant turn has tool calls with no results yet; the API may reject it",
                       fix="run the tools and send their results in a user message")
            continue
        after = index[t + 1]
        answered, misplaced = (after.answered, after.misplaced) if after.role == "user" else ((), ())
        missing = list(dict.fromkeys(p.block["id"] for p in uses if p.block["id"] not in answered))
        if not missing:
            continue
        wanted = set(missing)
        first_use = next(p for p in uses if p.block["id"] in wanted)
        late = next((p for p in misplaced if p.block.get("tool_use_id") in wanted), None)
        if late is not None:
            message = f"the tool_result for {value_text(late.block['tool_use_id'])} comes after other content; tool_result blocks must come first"
            fix = "move the tool_result blocks to the start of the user message, before any text or image"
        else:
            message = f"tool_use {', '.join(map(repr, missing))} of message {first_use.message} has no tool_result in the next message"
            fix = "answer every tool_use with a tool_result (is_error: true if it could not run) at the start of the next user message"
        yield Finding(
            (late or first_use).loc,
            message,
            api_message=(
                f"messages.{first_use.message}: `tool_use` ids were found without `tool_result` blocks immediately after: "
                f"{', '.join(missing)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message."
            ),
            fix=fix,
        )


@rule("CL354", "orphan-tool-result", when=has_other_blocks,
      source="api-rules.md §10 TU3 (observed second-hand: fix:60031290505, fix:52775036905; cc#18947)")
def orphan_tool_result(ctx):
    """A `tool_result` answers no `tool_use` of the assistant turn just before it.

    The API answers ``messages.<N>.content.<M>: unexpected `tool_use_id` found in `tool_result`
    blocks: <id>. Each `tool_result` block must have a corresponding `tool_use` block in the
    previous message.`` (observed second-hand). Typical causes: history trimmed to fit the
    context window so that it starts with a result whose call was cut off, or ids rewritten on
    one side only.

    Fix: drop the orphaned result, or keep the assistant message with its `tool_use`; trim
    history at a user message that holds no tool results.

    Bad:  {"messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", ...}]}]}
    Good: {"messages": [{"role": "user", "content": "Fix the failing test."}]}
    """
    previous_ids: set = set()
    for r in tool_turns(ctx):
        if r.role == "assistant":
            previous_ids = {tool_id for tool_id in map(_id_of, r.uses) if tool_id is not None}
            continue
        if r.role == "user":
            for part in r.results:
                tool_id = part.block.get("tool_use_id")
                if isinstance(tool_id, str) and tool_id not in previous_ids:
                    yield Finding(
                        part.loc + ("tool_use_id",),
                        f"tool_result for {value_text(tool_id)} has no matching tool_use in the previous assistant message",
                        api_message=(
                            f"messages.{part.message}.content.{part.index}: unexpected `tool_use_id` found in `tool_result` "
                            f"blocks: {tool_id}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
                        ),
                        fix="drop the tool_result, or keep the assistant message that made the call",
                    )
        previous_ids = set()


@rule("CL355", "duplicate-tool-result", when=has_other_blocks, severity="warning",
      source="api-rules.md §10 (inferred; litellm and turnsafe repair duplicate results)")
def duplicate_tool_result(ctx):
    """Two `tool_result` blocks of one user turn answer the same `tool_use_id`.

    Each call gets one result. Whether the API rejects a second one is not captured, so this is
    a warning; the model sees both results either way.

    Fix: send one `tool_result` per call; merge the contents if both are needed.

    Bad:  [{"type": "tool_result", "tool_use_id": "toolu_01", ...}, {"type": "tool_result", "tool_use_id": "toolu_01", ...}]
    Good: [{"type": "tool_result", "tool_use_id": "toolu_01", ...}]
    """
    for r in tool_turns(ctx):
        if r.role != "user" or len(r.results) < 2:
            continue
        seen: set = set()
        for part in r.results:
            tool_id = part.block.get("tool_use_id")
            if not isinstance(tool_id, str):
                continue
            if tool_id in seen:
                yield warn(part.loc + ("tool_use_id",), f"a second tool_result for {value_text(tool_id)} in the same user turn",
                           fix="send one tool_result per tool_use")
            seen.add(tool_id)


@rule("CL356", "empty-error-tool-result", when=has_other_blocks, phase=Phase.SCHEMA,
      source="api-rules.md §10 TU9 (observed second-hand: fix:8189101614, fix:15849324809)")
def empty_error_tool_result(ctx):
    """A `tool_result` with `is_error: true` has no content.

    The API answers ``messages.<N>.content.<M>.tool_result: content cannot be empty if
    `is_error` is true`` (observed second-hand). A failed tool run is reported to the model by
    its error text; without it the model cannot react.

    Fix: put the error message in `content`.

    Bad:  {"type": "tool_result", "tool_use_id": "toolu_01", "is_error": true, "content": ""}
    Good: {"type": "tool_result", "tool_use_id": "toolu_01", "is_error": true, "content": "Timed out after 30 s"}
    """
    for r in tool_turns(ctx):
        for part in r.results:
            block = part.block
            if block.get("is_error") is True and _empty(block.get("content")):
                n, m = part.message, part.index
                yield Finding(("messages", n, "content", m, "content"), "a tool_result with `is_error: true` has no content",
                              api_message=f"messages.{n}.content.{m}.tool_result: content cannot be empty if `is_error` is true",
                              fix="put the error text in `content`")


def _empty(content) -> bool:
    return content is None or (isinstance(content, (str, list)) and len(content) == 0)


@rule("CL357", "orphan-server-tool-result", when=has_other_blocks,
      source="api-rules.md §10 TU11 (observed: cc#64383, cc#66548, cc#65726, cc#84783)")
def orphan_server_tool_result(ctx):
    """A server-tool result block has no `server_tool_use` with its id before it.

    Server tools (web search, web fetch, code execution, tool search, advisor) run on the API's
    side; their results are replayed in the assistant turn right after the `server_tool_use`
    that started them. A result whose call is missing is answered with ``messages.<N>.content.<M>:
    unexpected `tool_use_id` found in `<kind>_tool_result` blocks: <id>. Each
    `<kind>_tool_result` block must have a corresponding `server_tool_use` block before it.``
    (observed for `advisor_tool_result`). It happens when a client keeps the result but drops or
    reorders the call.

    Fix: replay the assistant content exactly as the API returned it: the `server_tool_use`
    block, then its result.

    Bad:  {"role": "assistant", "content": [{"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", ...}]}
    Good: {"role": "assistant", "content": [{"type": "server_tool_use", "id": "srvtoolu_01", ...}, {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_01", ...}]}
    """
    started: set = set()
    for r in tool_turns(ctx):
        if r.role != "assistant":
            continue  # a result in a user turn is CL351's
        for part in r.server:
            if part.type == "server_tool_use":
                if _id_of(part) is not None:
                    started.add(part.block["id"])
                continue
            tool_id = part.block.get("tool_use_id")
            if isinstance(tool_id, str) and tool_id not in started:
                kind = part.type
                yield Finding(
                    part.loc + ("tool_use_id",),
                    f"{kind} for {value_text(tool_id)} has no server_tool_use before it",
                    api_message=(
                        f"messages.{part.message}.content.{part.index}: unexpected `tool_use_id` found in `{kind}` blocks: "
                        f"{tool_id}. Each `{kind}` block must have a corresponding `server_tool_use` block before it."
                    ),
                    fix="replay the server_tool_use block before its result, as the API returned them",
                )


@rule("CL358", "tool-result-id-pattern", when=has_other_blocks, severity="warning",
      source="api-rules.md §10 TU6, TU12 (inferred from the OpenAPI patterns; tool_use.id and server_tool_use.id are observed and checked by the schema)")
def tool_result_id_pattern(ctx):
    """A result's `tool_use_id` has characters tool ids cannot have.

    The API checks `tool_use.id` against `^[a-zA-Z0-9_-]+$` and `server_tool_use.id` against
    `^srvtoolu_[a-zA-Z0-9_]+$` (observed, reported as schema errors); the OpenAPI schema gives
    the results' `tool_use_id` the same patterns, without a capture. Ids made by other providers
    (`functions.Bash:0`) are the usual cause.

    Fix: map foreign ids to `[a-zA-Z0-9_-]` on both the call and its result.

    Bad:  {"type": "tool_result", "tool_use_id": "functions.Bash:0", ...}
    Good: {"type": "tool_result", "tool_use_id": "functions_Bash_0", ...}
    """
    for r in tool_turns(ctx):
        for part in r.answers:
            kind, tool_id = part.type, part.block.get("tool_use_id")
            if not isinstance(tool_id, str):
                continue
            pattern = _TOOL_ID if kind == "tool_result" else _SERVER_TOOL_ID
            if not pattern.match(tool_id):
                yield warn(part.loc + ("tool_use_id",),
                           f"{kind}.tool_use_id {value_text(tool_id)} does not match {pattern.pattern}",
                           fix="use only letters, digits, `_` and `-` in tool ids, on the call and its result alike")


@rule("CL359", "tool-use-name-length", when=has_other_blocks, severity="warning",
      source="api-rules.md §10 TU7 (inferred from the OpenAPI schema: 1 to 200 characters)")
def tool_use_name_length(ctx):
    """A `tool_use` block's `name` is empty or longer than 200 characters.

    The OpenAPI schema bounds `tool_use.name` to 1..200 characters; no capture shows the API's
    answer, so this is a warning. An empty name usually means a streamed tool call was stored
    before its name arrived.

    Fix: store the tool name the model returned.

    Bad:  {"type": "tool_use", "id": "toolu_01", "name": "", "input": {}}
    Good: {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {}}
    """
    for r in tool_turns(ctx):
        for part in r.uses:
            name = part.block.get("name")
            if isinstance(name, str) and not 1 <= len(name) <= 200:
                problem = "empty" if not name else f"{len(name)} characters long (at most 200)"
                yield warn(part.loc + ("name",), f"tool_use name is {problem}",
                           fix="store the tool name the model returned")
