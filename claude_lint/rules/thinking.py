"""CL40x-CL43x: extended and adaptive thinking, and effort (api-rules §11, §9 TC6, §3 T22/T23;
api-version-2026-10-21.md §5 VN1-VN4).

"Thinking is on" means the request says so: `thinking.type` is `enabled` or `adaptive`. Models
that think by default (Sonnet 5, Opus 5, Fable/Mythos 5.x) are answered with the sampling text
`` `temperature` is deprecated for this model.`` when `thinking` is absent (observed on Sonnet 5,
monster-mq#168; reported for Fable 5), so the thinking-only checks key on the explicit setting;
what such models reject without it is in their catalog facts (VN1).
"""
from __future__ import annotations

from typing import Optional

from ..checking.context import COUNT_TOKENS, ends_with_assistant, turns
from ..data.betas import INTERLEAVED_THINKING
from ..diagnostic import number_text, value_text
from .base import GENERATION_SCOPES, Finding, rule, warn

THINKING_ON = ("enabled", "adaptive")
THINKING_BLOCKS = ("thinking", "redacted_thinking")
FORCED_TOOL_CHOICE = ("any", "tool")
EFFORT_LEVELS = ("low", "medium", "high", "xhigh", "max")  # the schema's enum, in rising order

_ADAPTIVE_HINT = 'Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.'
_DISABLED_TEXT = {
    "defaults_to_adaptive": '"thinking.type.disabled" is not supported for this model. Thinking defaults to adaptive '
                            'mode when not specified; use "thinking.type.enabled" with "budget_tokens" for extended thinking.',
    "use_adaptive": f'"thinking.type.disabled" is not supported for this model. {_ADAPTIVE_HINT}',
}
_TEMPERATURE_TEXT = ("`temperature` may only be set to 1 when thinking is enabled or in adaptive mode. Please consult "
                     "our documentation at https://platform.claude.com/docs/en/build-with-claude/extended-thinking")
_TOP_P_TEXT = "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled"
_FORCED_TEXT = "Thinking may not be enabled when tool_choice forces tool use."


def thinking_type(ctx) -> Optional[str]:
    thinking = ctx.get("thinking")
    kind = thinking.get("type") if isinstance(thinking, dict) else None
    return kind if isinstance(kind, str) else None


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _in_schema_range(key: str, value) -> bool:
    # Out-of-range values are schema errors (CL105), reported before any thinking check.
    return value >= 0 and (key == "top_k" or value <= 1)


def thinking_rejects_sampling(ctx, key: str) -> bool:
    """Whether the thinking rules (CL411-CL413) report sampling parameter ``key`` in this request.

    Shared with CL801: with thinking on, the API answers the thinking text, not the removed-
    parameter one (observed on Opus 4.8 with adaptive thinking and `temperature: 0`).
    """
    if thinking_type(ctx) not in THINKING_ON or key in ctx.version.removed_fields or ctx.scope == COUNT_TOKENS:
        return False  # removed keys, and sampling keys in a token count, are schema errors
    value = _int(ctx.get(key)) if key == "top_k" else _number(ctx.get(key))
    if value is None or not _in_schema_range(key, value):
        return False
    if key == "temperature":
        return value != 1
    if key == "top_p":
        return value < 0.95
    return key == "top_k"


def _thinks_by_default(info) -> bool:
    return info is not None and info.thinking_adaptive in ("default", "always_on")


# --- thinking.type per model ------------------------------------------------------------------


@rule("CL401", "thinking-enabled-not-supported", needs=('thinking',),
      source="api-rules.md §11 TH14 (observed: jbccgui#1003, free-code#32); api-version-2026-10-21.md §5 VN3; models.md §4")
def thinking_enabled_not_supported(ctx):
    """`thinking.type: "enabled"` (manual budget) on a model that only has adaptive thinking.

    Claude Opus 4.7 and later, Sonnet 5 and the Fable/Mythos 5 line removed manual extended
    thinking. The API answers `"thinking.type.enabled" is not supported for this model. Use
    "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.` (observed
    on Opus 4.7; documented for Sonnet 5 and Opus 5.5). Where the catalog does not know whether a
    model still takes a manual budget, this is a warning.

    Fix: send `{"type": "adaptive"}` and steer depth with `output_config.effort`.

    Bad:  {"model": "claude-sonnet-5", "thinking": {"type": "enabled", "budget_tokens": 4000}}
    Good: {"model": "claude-sonnet-5", "thinking": {"type": "adaptive"}, "output_config": {"effort": "medium"}}
    """
    info = ctx.model
    if info is None or thinking_type(ctx) != "enabled":
        return
    fix = 'send thinking {"type": "adaptive"} and set output_config.effort'
    if info.thinking_extended is False:
        api = f'"thinking.type.enabled" is not supported for this model. {_ADAPTIVE_HINT}' if info.thinking_adaptive else None
        yield Finding(("thinking", "type"), f"{ctx.model_id} does not accept manual extended thinking (`enabled` with a budget)",
                      api_message=api, fix=fix if info.thinking_adaptive else "remove `thinking`")
    elif info.thinking_extended is None:
        yield warn(("thinking", "type"), f"{ctx.model_id} may not accept manual extended thinking (not confirmed for this model)",
                   fix=fix)


@rule("CL402", "thinking-adaptive-not-supported", needs=('thinking',),
      source="api-rules.md §11 TH15 and §20 TH15 text (documented: thinking-troubleshooting, api/errors); models.md §4")
def thinking_adaptive_not_supported(ctx):
    """`thinking.type: "adaptive"` on a model without adaptive thinking.

    Adaptive thinking arrived with Claude Opus 4.6 / Sonnet 4.6; Opus 4.5, Sonnet 4.5, Haiku 4.5
    and older models take only a manual budget. The API answers `adaptive thinking is not
    supported on this model` (documented text).

    Fix: use `{"type": "enabled", "budget_tokens": N}` with N below `max_tokens`, or move to a
    4.6 or later model.

    Bad:  {"model": "claude-opus-4-5", "thinking": {"type": "adaptive"}}
    Good: {"model": "claude-opus-4-5", "max_tokens": 8000, "thinking": {"type": "enabled", "budget_tokens": 4000}}
    """
    info = ctx.model
    if info is None or thinking_type(ctx) != "adaptive":
        return
    if info.thinking_adaptive is False:
        yield Finding(("thinking", "type"), f"{ctx.model_id} has no adaptive thinking",
                      api_message="adaptive thinking is not supported on this model",
                      fix='use {"type": "enabled", "budget_tokens": N} on this model')
    elif info.thinking_adaptive is None:
        yield warn(("thinking", "type"), f"{ctx.model_id} may not support adaptive thinking (not confirmed for this model)",
                   fix="check the model's documentation, or use a manual budget")


@rule("CL403", "thinking-disabled-not-supported", needs=('thinking',),
      source="api-rules.md §20 TH18 (documented: thinking-troubleshooting); api-version-2026-10-21.md §5 VN2 (Opus 5.5 page); models.md §4")
def thinking_disabled_not_supported(ctx):
    """`thinking.type: "disabled"` on a model whose thinking cannot be turned off.

    Claude Fable 5 / Mythos 5 (and their 5.1 / 5.2 successors) and Opus 5.5 always think. For the
    Fable 5 / Mythos 5 class the documented answer is `"thinking.type.disabled" is not supported
    for this model. Thinking defaults to adaptive mode when not specified; use
    "thinking.type.enabled" with "budget_tokens" for extended thinking.`; Opus 5.5 has its own
    wording, `"thinking.type.disabled" is not supported for this model. Use
    "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.` (both
    documented). Opus 5 accepts `disabled` only at effort `high` or below.

    Fix: omit `thinking` (or send `{"type": "adaptive"}`) and lower `output_config.effort` where
    you used to turn thinking off.

    Bad:  {"model": "claude-mythos-5", "thinking": {"type": "disabled"}}
    Good: {"model": "claude-mythos-5", "output_config": {"effort": "low"}}
    """
    info = ctx.model
    if info is None or thinking_type(ctx) != "disabled":
        return
    loc, fix = ("thinking", "type"), "omit `thinking` and lower output_config.effort instead"
    if info.thinking_disabled_allowed is False:
        yield Finding(loc, f"{ctx.model_id} always thinks; thinking cannot be disabled",
                      api_message=_DISABLED_TEXT.get(info.thinking_disabled_wording), fix=fix)
    elif info.thinking_disabled_allowed is None:
        yield warn(loc, f"{ctx.model_id} may not allow disabling thinking (not confirmed for this model)", fix=fix)
    elif info.thinking_disabled_max_effort in EFFORT_LEVELS:
        effort = _effort(ctx)
        ceiling = info.thinking_disabled_max_effort
        if effort in EFFORT_LEVELS and EFFORT_LEVELS.index(effort) > EFFORT_LEVELS.index(ceiling):
            yield Finding(loc, f"{ctx.model_id} accepts disabled thinking only at effort {value_text(ceiling)} or below, not {value_text(effort)}",
                          fix=f"lower output_config.effort to {value_text(ceiling)}, or keep thinking on")


@rule("CL404", "thinking-between-tools-unconfirmed", needs=('thinking',), evidence="D", severity="warning", api=None,
      source="api-version-2026-10-21.md §5 VN4 (SDK 0.129.0 types; used on Sonnet 5.5)")
def thinking_between_tools_unconfirmed(ctx):
    """`thinking.type: "between_tools"` on a model not known to support it.

    The `between_tools` mode (thinking only between tool calls, no thinking before the first one)
    was added in 2026-09 and is documented for Claude Sonnet 5.5. Which other models accept it is
    not in the public record, so this is a warning.

    Fix: use `{"type": "adaptive"}` unless the model's page lists `between_tools`.

    Bad:  {"model": "claude-opus-4-6", "thinking": {"type": "between_tools"}}
    Good: {"model": "claude-sonnet-5-5", "thinking": {"type": "between_tools"}}
    """
    info = ctx.model
    if info is None or thinking_type(ctx) != "between_tools" or info.thinking_between_tools:
        return
    yield warn(("thinking", "type"), f"`between_tools` thinking is not confirmed for {ctx.model_id}",
               fix='use {"type": "adaptive"} unless the model documents between_tools')


@rule("CL405", "thinking-enabled-deprecated", needs=('thinking',), evidence="D", severity="warning", api=None,
      source="api-rules.md §11 TH14 (SDK MODELS_TO_WARN_WITH_THINKING_ENABLED); models.md §4")
def thinking_enabled_deprecated(ctx):
    """`thinking.type: "enabled"` on a model where manual thinking is deprecated.

    Claude Opus 4.6, Sonnet 4.6 and Mythos Preview still accept a manual budget, but it is
    deprecated (the SDKs warn) and the later models reject it (CL401).

    Fix: send `{"type": "adaptive"}` with `output_config.effort`.

    Bad:  {"model": "claude-sonnet-4-6", "thinking": {"type": "enabled", "budget_tokens": 4000}}
    Good: {"model": "claude-sonnet-4-6", "thinking": {"type": "adaptive"}, "output_config": {"effort": "high"}}
    """
    info = ctx.model
    if info is not None and thinking_type(ctx) == "enabled" and info.thinking_extended == "deprecated":
        yield warn(("thinking", "type"), f"manual extended thinking is deprecated on {ctx.model_id}",
                   fix='send thinking {"type": "adaptive"} and set output_config.effort')


# --- budget and sampling ----------------------------------------------------------------------


@rule("CL410", "thinking-budget-not-below-max-tokens", needs=('thinking',),
      source="api-rules.md §11 TH4 (observed second-hand: fix:59644116528, fix:62535024032, maxx#765; nexus#17)")
def thinking_budget_not_below_max_tokens(ctx):
    """`thinking.budget_tokens` is not below `max_tokens`.

    The budget is part of the output, so the API answers `` `max_tokens` must be greater than
    `thinking.budget_tokens`.`` followed by a docs link (observed second-hand; the link moved
    between docs sites, so the exact text is not predicted). With interleaved thinking (the
    `interleaved-thinking-2025-05-14` beta header, tools in the request) the budget covers a whole
    tool loop and may exceed `max_tokens`: given the request's headers, a request that sends the
    beta is accepted. Without the header it is the same error, so a request with tools is an
    error too, and the finding names the header.

    Fix: raise `max_tokens` above the budget, or lower the budget.

    Bad:  {"max_tokens": 4096, "thinking": {"type": "enabled", "budget_tokens": 10000}}
    Good: {"max_tokens": 16000, "thinking": {"type": "enabled", "budget_tokens": 10000}}
    """
    thinking = ctx.get("thinking")
    if thinking_type(ctx) != "enabled":
        return
    budget, max_tokens = _int(thinking.get("budget_tokens")), _int(ctx.get("max_tokens"))
    if budget is None or max_tokens is None or budget < 1024 or max_tokens < 1 or budget < max_tokens:
        return  # a budget below 1024 is a schema error (CL105); max_tokens 0 with thinking is batch.py's
    if INTERLEAVED_THINKING in ctx.betas:
        return  # the budget spans the whole tool loop and may exceed max_tokens
    loc = ("thinking", "budget_tokens")
    budget_text, max_text = number_text(budget) or "(a huge number)", number_text(max_tokens) or "(a huge number)"
    fix = f"set max_tokens above {budget_text}, or lower thinking.budget_tokens below {max_text}"
    message = f"thinking.budget_tokens {budget_text} must be below max_tokens {max_text}"
    if ctx.get("tools"):
        message += (f" (unless the request is sent with the {INTERLEAVED_THINKING} beta header)" if ctx.headers is None
                    else f" (the {INTERLEAVED_THINKING} beta header, not sent, would allow it with tools)")
    yield Finding(loc, message, fix=fix)


@rule("CL411", "thinking-temperature", needs=('temperature',), endpoints=GENERATION_SCOPES,
      source="api-rules.md §11 TH5 (observed second-hand: fix:61508531926 Opus 4.8, fix:62051224319 Sonnet 4.6; case invalid-adaptive-thinking-temperature-zero)")
def thinking_temperature(ctx):
    """`temperature` other than 1 while thinking is on (`enabled` or `adaptive`).

    The API answers `` `temperature` may only be set to 1 when thinking is enabled or in adaptive
    mode. Please consult our documentation at
    https://platform.claude.com/docs/en/build-with-claude/extended-thinking`` (captured 2026-08;
    older bodies lacked "or in adaptive mode"). This check comes before the removed-parameter one
    (CL801): Opus 4.8 with adaptive thinking and `temperature: 0` gets this text.

    Fix: remove `temperature` (or set it to 1) when thinking.

    Bad:  {"thinking": {"type": "adaptive"}, "temperature": 0}
    Good: {"thinking": {"type": "adaptive"}}
    """
    if thinking_rejects_sampling(ctx, "temperature"):
        yield Finding(("temperature",), f"temperature {value_text(ctx.get('temperature'))} is not allowed while thinking is on",
                      api_message=_TEMPERATURE_TEXT, fix="remove `temperature` (thinking runs at temperature 1)")


@rule("CL412", "thinking-top-p", needs=('top_p',), endpoints=GENERATION_SCOPES,
      source="api-rules.md §11 TH6 (observed second-hand: fix:52785156088, fix:69150499948)")
def thinking_top_p(ctx):
    """`top_p` below 0.95 while thinking is on.

    With manual thinking the API answers `` `top_p` must be greater than or equal to 0.95 or
    unset when thinking is enabled`` (observed second-hand). Adaptive mode is rejected too; its
    wording is not captured (the temperature text gained "or in adaptive mode"), so no text is
    predicted there.

    Fix: remove `top_p`, or set it between 0.95 and 1.

    Bad:  {"thinking": {"type": "enabled", "budget_tokens": 2000}, "top_p": 0.5}
    Good: {"thinking": {"type": "enabled", "budget_tokens": 2000}}
    """
    if thinking_rejects_sampling(ctx, "top_p"):
        api = _TOP_P_TEXT if thinking_type(ctx) == "enabled" else None
        yield Finding(("top_p",), f"top_p {value_text(ctx.get('top_p'))} is below 0.95, which thinking does not allow",
                      api_message=api, fix="remove `top_p` or set it to at least 0.95")


@rule("CL413", "thinking-top-k", needs=('top_k',), endpoints=GENERATION_SCOPES, source="api-rules.md §11 TH7 (documented: extended-thinking compatibility notes)")
def thinking_top_k(ctx):
    """`top_k` while thinking is on.

    Thinking is documented as incompatible with `top_k`; the API rejects it (400, exact text not
    captured).

    Fix: remove `top_k`.

    Bad:  {"thinking": {"type": "enabled", "budget_tokens": 2000}, "top_k": 40}
    Good: {"thinking": {"type": "enabled", "budget_tokens": 2000}}
    """
    if thinking_rejects_sampling(ctx, "top_k"):
        yield Finding(("top_k",), "top_k cannot be used while thinking is on", fix="remove `top_k`")


# --- tool choice ------------------------------------------------------------------------------


def _forced_tool_choice(ctx) -> Optional[str]:
    choice = ctx.get("tool_choice")
    kind = choice.get("type") if isinstance(choice, dict) else None
    return kind if kind in FORCED_TOOL_CHOICE else None


@rule("CL415", "thinking-forced-tool-choice", needs=('tool_choice',),
      source="api-rules.md §9 TC6 / §11 TH8 (observed: mastra#7507, oh-my-pi#341, CLIProxyAPI#630, litellm#17129)")
def thinking_forced_tool_choice(ctx):
    """`tool_choice` forces tool use (`any` or `tool`) while thinking is on.

    Forced tool use prefills the assistant turn with a tool call, leaving no room for a thinking
    block. The API answers `Thinking may not be enabled when tool_choice forces tool use.`
    (observed with manual thinking, and on Sonnet 4.6 through Bedrock).

    Fix: use `tool_choice: {"type": "auto"}` (and say in the prompt which tool to call), or turn
    thinking off for this request.

    Bad:  {"thinking": {"type": "enabled", "budget_tokens": 4000}, "tool_choice": {"type": "tool", "name": "todo_write"}}
    Good: {"thinking": {"type": "enabled", "budget_tokens": 4000}, "tool_choice": {"type": "auto"}}
    """
    if thinking_type(ctx) in THINKING_ON and _forced_tool_choice(ctx):
        yield Finding(("tool_choice",), f"tool_choice {value_text(_forced_tool_choice(ctx))} forces tool use, which thinking does not allow",
                      api_message=_FORCED_TEXT, fix='use tool_choice {"type": "auto"}, or disable thinking for this request')


@rule("CL416", "forced-tool-choice-always-thinking", needs=('tool_choice',),
      source="api-version-2026-10-21.md §5 VN1 (documented: Fable 5.1 release note, Opus 5.5 and Sonnet 5.5 pages)")
def forced_tool_choice_always_thinking(ctx):
    """`tool_choice` `any` or `tool` on a model that rejects forced tool use even without `thinking`.

    Claude Fable 5.1 / Mythos 5.1, Opus 5.5, Sonnet 5.5 and Fable 5.2 / Mythos 5.2 always think
    and answer forced tool use with a 400 (documented; the text is probably TC6's `Thinking may
    not be enabled when tool_choice forces tool use.`, not captured). On other models that think
    by default and whose behaviour is not documented this is a warning. An explicit `thinking` is
    CL415's.

    Fix: use `tool_choice: {"type": "auto"}` and ask for the tool in the prompt.

    Bad:  {"model": "claude-opus-5-5", "tool_choice": {"type": "any"}, "tools": [...]}
    Good: {"model": "claude-opus-5-5", "tool_choice": {"type": "auto"}, "tools": [...]}
    """
    info, kind = ctx.model, _forced_tool_choice(ctx)
    if info is None or kind is None or thinking_type(ctx) in THINKING_ON:
        return
    fix = 'use tool_choice {"type": "auto"} and name the tool in the prompt'
    if info.forced_tool_choice_rejected:
        yield Finding(("tool_choice",), f"{ctx.model_id} does not accept forced tool use (tool_choice {value_text(kind)})", fix=fix)
    elif info.forced_tool_choice_rejected is None and _thinks_by_default(info) and thinking_type(ctx) != "disabled":
        yield warn(("tool_choice",), f"{ctx.model_id} thinks by default and may reject forced tool use (not confirmed)", fix=fix)


# --- thinking blocks in the conversation ------------------------------------------------------


def _opens_tool_round(turn) -> bool:
    return bool(turn.parts) and turn.parts[0].type == "tool_result"


def _current_assistant_turn(items):
    """The assistant turn that opened the exchange still in progress: walking back from the end
    over a final assistant turn (a prefill) and over tool rounds (an assistant turn answered by a
    user turn of tool results), the earliest assistant turn reached."""
    i, found = len(items) - 1, None
    if i >= 0 and items[i].role == "assistant":
        found, i = items[i], i - 1
    while i >= 1 and items[i].role == "user" and _opens_tool_round(items[i]) and items[i - 1].role == "assistant":
        found, i = items[i - 1], i - 2
    return found


@rule("CL420", "thinking-block-not-first", needs=('thinking',),
      source="api-rules.md §11 TH9 (observed: antigravity#139, fix:6978097272, litellm docs)")
def thinking_block_not_first(ctx):
    """Manual thinking is on, but the assistant turn being continued does not start with a thinking block.

    With `thinking.type: "enabled"` the assistant turn that the request continues (the one whose
    `tool_use` the trailing `tool_result` round answers, or an assistant prefill) must start with
    the `thinking` or `redacted_thinking` block the API returned. The API answers
    ``messages.<N>.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`.
    When `thinking` is enabled, a final `assistant` message must start with a thinking block
    (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ...`` followed by a docs
    link (observed; the link has moved since, so the exact text is not predicted). Adaptive
    thinking may legitimately skip thinking, so it is not checked.

    Fix: send the assistant turn back exactly as the API returned it, thinking blocks first.

    Bad:  [{"role": "user", ...}, {"role": "assistant", "content": [{"type": "text", ...}, {"type": "tool_use", ...}]}, {"role": "user", "content": [{"type": "tool_result", ...}]}]
    Good: [{"role": "user", ...}, {"role": "assistant", "content": [{"type": "thinking", ...}, {"type": "tool_use", ...}]}, {"role": "user", "content": [{"type": "tool_result", ...}]}]
    """
    if thinking_type(ctx) != "enabled":
        return
    turn = _current_assistant_turn(ctx.view(turns))
    if turn is None or not turn.parts or turn.parts[0].type in THINKING_BLOCKS:
        return
    first = turn.parts[0]
    loc = first.loc + ("type",) if first.index is not None else first.loc
    yield Finding(loc, f"the assistant turn at message {first.message} must start with a thinking block, not {value_text(first.type)}",
                  fix="pass the assistant turn back unchanged, starting with its thinking block (or disable thinking)")


@rule("CL421", "thinking-block-in-prefill-without-thinking", when=ends_with_assistant,
      source="api-rules.md §20 TH17 (observed: forgecode#1853)")
def thinking_block_in_prefill_without_thinking(ctx):
    """The final assistant turn (a prefill) contains a thinking block while thinking is off.

    The API answers ``messages.<N>.content.<M>: When thinking is disabled, an `assistant` message
    in the final position cannot contain `thinking`. To use thinking blocks, enable `thinking` in
    your request.`` (observed). Earlier assistant turns may keep their thinking blocks.

    Fix: drop the thinking blocks from the prefill, or enable thinking.

    Bad:  {"messages": [{"role": "user", ...}, {"role": "assistant", "content": [{"type": "thinking", ...}, {"type": "text", "text": "Based on"}]}]}
    Good: {"messages": [{"role": "user", ...}, {"role": "assistant", "content": [{"type": "text", "text": "Based on"}]}]}
    """
    kind = thinking_type(ctx)
    if kind is None and (ctx.model is None or _thinks_by_default(ctx.model)):
        return  # absent `thinking` means off only on models that do not think by default
    if kind is not None and kind != "disabled":
        return
    last = ctx.get("messages")
    if not isinstance(last, list) or not last or not isinstance(last[-1], dict) or last[-1].get("role") != "assistant":
        return  # the usual case, decided without merging the conversation into turns
    items = ctx.view(turns)
    if not items or items[-1].role != "assistant":
        return
    for part in items[-1].parts:
        if part.type in THINKING_BLOCKS and part.index is not None:
            n, m = part.message, part.index
            yield Finding(part.loc, f"the final assistant message carries a {part.type} block while thinking is off",
                          api_message=f"messages.{n}.content.{m}: When thinking is disabled, an `assistant` message in the final "
                                      "position cannot contain `thinking`. To use thinking blocks, enable `thinking` in your request.",
                          fix="remove the thinking blocks from the final assistant message, or enable thinking")
            return


# --- effort -----------------------------------------------------------------------------------


def _effort(ctx) -> Optional[str]:
    config = ctx.get("output_config")
    effort = config.get("effort") if isinstance(config, dict) else None
    return effort if effort in EFFORT_LEVELS else None  # anything else is a schema error (CL104)


@rule("CL430", "effort-not-supported", needs=('output_config',),
      source="api-rules.md §3 T22 (observed second-hand: fix:61297882229); effort docs (Opus 4.5 and later)")
def effort_not_supported(ctx):
    """`output_config.effort` sent to a model without the effort parameter.

    Effort arrived with Claude Opus 4.5; Sonnet 4.5, Haiku 4.5 and older models reject it:
    `This model does not support the effort parameter.` (observed second-hand).

    Fix: remove `output_config.effort` (use a thinking budget on these models), or pick a model
    with effort support.

    Bad:  {"model": "claude-haiku-4-5", "output_config": {"effort": "low"}}
    Good: {"model": "claude-haiku-4-5"}
    """
    info, effort = ctx.model, _effort(ctx)
    if info is None or effort is None or info.effort_levels is not None:
        return
    yield Finding(("output_config", "effort"), f"{ctx.model_id} does not support `output_config.effort`",
                  api_message="This model does not support the effort parameter.", fix="remove output_config.effort")


@rule("CL431", "effort-level-not-supported", needs=('output_config',),
      source="api-rules.md §3 T23 (observed: litellm#27223); case invalid-effort-xhigh-on-opus46; models.md §4")
def effort_level_not_supported(ctx):
    """`output_config.effort` names a level this model does not offer.

    `xhigh` exists only on Claude Opus 4.7 and later; `max` arrived with the 4.6 models. The API
    answers `This model does not support effort level 'xhigh'. Supported levels: high, low, max,
    medium.` (observed; the levels are listed alphabetically). Where the catalog does not know a
    model's levels, `low`, `medium` and `high` are taken as supported on models with adaptive
    thinking and anything else is a warning.

    Fix: pick one of the listed levels.

    Bad:  {"model": "claude-opus-4-6", "output_config": {"effort": "xhigh"}}
    Good: {"model": "claude-opus-4-6", "output_config": {"effort": "max"}}
    """
    info, effort = ctx.model, _effort(ctx)
    if info is None or effort is None or info.effort_levels is None:
        return  # no effort support at all is CL430's
    loc = ("output_config", "effort")
    if isinstance(info.effort_levels, tuple):
        if effort in info.effort_levels:
            return
        levels = ", ".join(sorted(info.effort_levels))
        yield Finding(loc, f"{ctx.model_id} does not offer effort {value_text(effort)} (levels: {levels})",
                      api_message=f"This model does not support effort level '{effort}'. Supported levels: {levels}.",
                      fix=f"use one of: {levels}")
    elif not (info.thinking_adaptive and effort in ("low", "medium", "high")):
        yield warn(loc, f"{ctx.model_id} may not support effort {value_text(effort)} (its levels are not confirmed)",
                   fix="check the model's documentation, or use low, medium or high")
