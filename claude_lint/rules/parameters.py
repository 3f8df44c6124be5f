"""CL61x and CL8xx: top-level parameters — max_tokens, sampling, stop sequences, metadata (api-rules §3)."""
from __future__ import annotations

import re

from .. import fix
from ..diagnostic import number_text, value_text
from .base import GENERATION_SCOPES, Finding, rule, warn
from .thinking import thinking_rejects_sampling

SAMPLING = ("temperature", "top_p", "top_k")


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@rule("CL610", "max-tokens-over-model-cap", needs=('max_tokens',), endpoints=GENERATION_SCOPES, source="api-rules.md §3 T7 (observed: effect#7129 and others), §14.1")
def max_tokens_over_cap(ctx):
    """`max_tokens` is above the model's output limit.

    The API answers `max_tokens: <n> > <cap>, which is the maximum allowed number of output
    tokens for <model>` (observed for Opus 4.8, Haiku 4.5, Sonnet 4.5, Opus 4). Caps: 64k on the
    4.5 generation, 128k on 4.6 and later (300k only in the Message Batches API with the
    `output-300k-2026-03-24` beta on the models that offer it).

    Fix: lower `max_tokens` to the cap, or pick a model with a larger output limit.

    Bad:  {"model": "claude-opus-4-5-20251101", "max_tokens": 70000}
    Good: {"model": "claude-opus-4-5-20251101", "max_tokens": 64000}
    """
    info, value = ctx.model, ctx.get("max_tokens")
    # only an integer gets this far at the API: anything else is a schema error (CL103)
    if info is None or info.max_output_tokens is None or type(value) is not int or value <= info.max_output_tokens:
        return
    n, cap = number_text(value), info.max_output_tokens
    yield Finding(
        ("max_tokens",),
        f"max_tokens {n or 'value'} is above the {cap}-token output limit of {ctx.model_id}",
        api_message=(f"max_tokens: {n} > {cap}, which is the maximum allowed number of output tokens for {ctx.model_id}"
                     if n is not None else None),
        fix=f"set max_tokens to at most {cap}",
        edit=fix.replace(("max_tokens",), cap, f"lower max_tokens to {cap}"),
    )


# The exact texts observed for T12; top_k's is not captured.
_DEPRECATED_TEXT = {
    "temperature": "`temperature` is deprecated for this model.",
    "top_p": "`top_p` is deprecated for this model",
    "top_k": None,
}


@rule("CL801", "sampling-parameter-removed", needs=('temperature', 'top_p', 'top_k'), endpoints=GENERATION_SCOPES, source="api-rules.md §3 T12 (observed: anythingllm#5461, cline#10572); api-version-2026-10-21.md §5 side facts")
def sampling_parameter_removed(ctx):
    """A sampling parameter sent to a model that no longer accepts it.

    Claude Opus 4.7 and later (and the Claude 5 family) reject non-default sampling:
    `` `temperature` is deprecated for this model.`` (observed). Under `anthropic-version:
    2023-06-01` the defaults are tolerated for compatibility — `temperature: 1` and
    `top_p >= 0.99` — while `top_k` is rejected at any value.

    With thinking on, the thinking rules (CL411-CL413) report the key instead: the API then
    answers the thinking text (observed on Opus 4.8 with adaptive thinking and `temperature: 0`).

    Fix: remove `temperature`, `top_p` and `top_k`; steer the model with `output_config.effort`
    and the prompt instead.

    Bad:  {"model": "claude-sonnet-5", "temperature": 0}
    Good: {"model": "claude-sonnet-5"}
    """
    info = ctx.model
    if info is None or not info.sampling_params_nondefault_rejected:
        return
    for key in SAMPLING:
        if key in ctx.version.removed_fields:
            continue  # the schema rejects the key before any model check (CL901)
        if thinking_rejects_sampling(ctx, key):
            continue  # with thinking on the API answers the thinking text (CL411-CL413), not this one
        value = _number(ctx.get(key))
        if value is None or _tolerated_default(key, value):
            continue
        yield Finding(
            (key,),
            f"{ctx.model_id} does not accept `{key}` (non-default sampling was removed on this model)",
            api_message=_DEPRECATED_TEXT[key],
            fix=f"remove `{key}`",
            edit=fix.remove((key,), f"remove `{key}`", safe=False),
        )


def _tolerated_default(key: str, value: float) -> bool:
    return (key == "temperature" and value == 1) or (key == "top_p" and value >= 0.99)


@rule("CL802", "temperature-with-top-p", needs=('top_p',), endpoints=GENERATION_SCOPES, source="api-rules.md §3 T11 (observed: langfuse#9882, decyx#7); models.md §4")
def temperature_with_top_p(ctx):
    """`temperature` and `top_p` are both set on a model that takes only one.

    From Claude Sonnet 4.5 / Haiku 4.5 / Opus 4.1 on, the API answers
    `` `temperature` and `top_p` cannot both be specified for this model. Please use only one.``
    (observed). Claude 3.x, Sonnet 4 and Opus 4 accepted both.

    Fix: keep one of them (usually `temperature`).

    Bad:  {"model": "claude-sonnet-4-6", "temperature": 1, "top_p": 0.7}
    Good: {"model": "claude-sonnet-4-6", "temperature": 0.7}
    """
    info = ctx.model
    if info is None or ctx.get("temperature") is None or ctx.get("top_p") is None:
        return
    if "top_p" in ctx.version.removed_fields or "temperature" in ctx.version.removed_fields:
        return
    if info.temperature_top_p_exclusive is False:
        return
    text = "`temperature` and `top_p` cannot both be specified for this model. Please use only one."
    if info.temperature_top_p_exclusive is None:
        yield warn(("top_p",), f"{ctx.model_id} may reject `temperature` and `top_p` together (not confirmed for this model)",
                   fix="send only one of `temperature` and `top_p`")
        return
    yield Finding(("top_p",), f"{ctx.model_id} does not accept `temperature` and `top_p` together",
                  api_message=text, fix="remove `top_p` (or `temperature`)")


@rule("CL803", "empty-stop-sequence", needs=('stop_sequences',), endpoints=GENERATION_SCOPES, source="api-rules.md §3 T13 (observed: mcpwebui#5)")
def empty_stop_sequence(ctx):
    """An entry of `stop_sequences` is the empty string.

    The API answers `stop_sequences: each stop sequence must be non-empty` (observed).

    Fix: remove the empty entry.

    Bad:  {"stop_sequences": ["", "END"]}
    Good: {"stop_sequences": ["END"]}
    """
    for k, seq in _stop_sequences(ctx):
        if seq == "":
            yield Finding(("stop_sequences", k), "stop sequence is empty",
                          api_message="stop_sequences: each stop sequence must be non-empty", fix="remove the empty stop sequence",
                          edit=fix.remove(("stop_sequences", k), "remove the empty stop sequence", safe=False))


@rule("CL804", "whitespace-stop-sequence", needs=('stop_sequences',), endpoints=GENERATION_SCOPES, source="api-rules.md §3 T14 (observed: litellm#3286, cody#3549)")
def whitespace_stop_sequence(ctx):
    """An entry of `stop_sequences` is only whitespace (`"\\n"`, `"\\n\\n"`).

    The API answers `stop_sequences: each stop sequence must contain non-whitespace` (observed).
    A sequence that mixes whitespace and text (`"\\n\\nHuman:"`) is fine.

    Fix: remove the entry, or add the text that should follow the line break.

    Bad:  {"stop_sequences": ["\\n"]}
    Good: {"stop_sequences": ["\\n\\nQ:"]}
    """
    for k, seq in _stop_sequences(ctx):
        if seq and not seq.strip():
            yield Finding(("stop_sequences", k), f"stop sequence {value_text(seq)} is only whitespace",
                          api_message="stop_sequences: each stop sequence must contain non-whitespace",
                          fix="remove the whitespace-only stop sequence or add text to it",
                          edit=fix.remove(("stop_sequences", k), "remove the stop sequence", safe=False))


def _stop_sequences(ctx):
    value = ctx.get("stop_sequences")
    if isinstance(value, list):
        for k, seq in enumerate(value):
            if isinstance(seq, str):
                yield k, seq


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"^\+?[\d\s().-]{10,}$")


@rule("CL805", "user-id-personal-data", needs=('metadata',), endpoints=GENERATION_SCOPES, source="api-rules.md §3 T18 (observed: litellm#10106)")
def user_id_personal_data(ctx):
    """`metadata.user_id` contains an email address (or looks like a phone number).

    The API rejects identifying data in `user_id`: `metadata.user_id: user_id appears to contain
    an email address. Please send a uuid or hash value in…` (observed; the rest of the text was
    cut off in the capture). Phone numbers are reported as rejected too, without a capture, so they
    are a warning.

    Fix: send an opaque id — a UUID or a hash of your internal user id.

    Bad:  {"metadata": {"user_id": "jane@example.com"}}
    Good: {"metadata": {"user_id": "6f1c2d3e-9a8b-4c7d-8e6f-5a4b3c2d1e0f"}}
    """
    metadata = ctx.get("metadata")
    user_id = metadata.get("user_id") if isinstance(metadata, dict) else None
    if not isinstance(user_id, str):
        return
    fix = "send a UUID or a hash of your internal user id"
    if _EMAIL.search(user_id):
        yield Finding(("metadata", "user_id"), "metadata.user_id contains an email address", fix=fix)
    elif _PHONE.match(user_id) and sum(c.isdigit() for c in user_id) >= 10:
        yield warn(("metadata", "user_id"), "metadata.user_id looks like a phone number, which the API may reject", fix=fix)
