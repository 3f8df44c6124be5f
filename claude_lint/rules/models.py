"""CL60x: the model id — unknown, retired, deprecated (api-rules §4, models.json)."""
from __future__ import annotations

from .. import fix
from .base import NOT_FOUND, Finding, Phase, rule, warn

_SOURCE = "api-rules.md §4 M1/M2 (observed: cc#5349, aider#747, swarms#1220); models.json"


def model_unknown(ctx) -> bool:
    """Whether the body names a model the catalog does not know (CL601, CL604's shared test)."""
    return ctx.model is None


def model_not_plainly_active(ctx) -> bool:
    """Whether the model is known and has a lifecycle to judge: a status other than active, or a
    retirement date (CL602, CL603's shared test; an active model without dates is active on any day)."""
    info = ctx.model
    return info is not None and (info.status != "active" or info.retired_on is not None
                                 or info.scheduled_retirement is not None)


@rule("CL601", "unknown-model", needs=('model',), when=model_unknown, phase=Phase.MODEL, api=NOT_FOUND, source=_SOURCE)
def unknown_model(ctx):
    """The model id does not exist: the API answers 404 `not_found_error`.

    The API looks the id up exactly as sent and answers `model: <id>` with the string echoed,
    stray whitespace included. Typical causes: dots instead of hyphens (`claude-sonnet-4.6`),
    gateway or cloud spellings (`anthropic/claude-opus-4-8`, `anthropic.claude-...-v1:0`), an
    invented date on an id that has none (`claude-opus-4-6-20260205`), or a made-up minor version.
    An unknown id that is shaped like a model newer than the catalog is reported by CL604 instead,
    never as a 404.

    Fix: use an id from the models overview; the finding suggests the closest one.

    Bad:  {"model": "claude-sonnet-4.6"}
    Good: {"model": "claude-sonnet-4-6"}
    """
    model_id = ctx.model_id
    if model_id is None or ctx.model is not None:
        return
    match = ctx.catalog.match(model_id)
    if match.plausible_future:
        return
    hint = f"; did you mean `{match.suggestion}`?" if match.suggestion else ""
    # A spelling the catalog can undo (dots, case, cloud prefixes) is a safe fix; a merely
    # similar id is a guess.
    correction = None
    if match.suggestion:
        correction = fix.replace(("model",), match.suggestion, f"use `{match.suggestion}`", safe=match.certain)
    reason = f" ({match.reason})" if match.reason else ""
    yield Finding(
        ("model",),
        f"model `{model_id}` does not exist{reason}{hint}",
        api_message=f"model: {model_id}",
        fix=f"use `{match.suggestion}`" if match.suggestion else "use a model id listed in the Claude models overview",
        edit=correction,
    )


@rule("CL602", "retired-model", needs=('model',), when=model_not_plainly_active, phase=Phase.MODEL, api=NOT_FOUND, source=_SOURCE)
def retired_model(ctx):
    """The model has been retired: the API answers 404 `not_found_error`.

    Retired ids stop working on their retirement date (`model: claude-3-5-sonnet-20240620`,
    observed after its retirement). Aliases share their target's lifecycle.

    Fix: move to the model's successor.

    Bad:  {"model": "claude-3-5-sonnet-20241022"}
    Good: {"model": "claude-sonnet-4-6"}
    """
    info = ctx.model
    if info is None or info.lifecycle(ctx.date) != "retired":
        return
    when = info.retired_on or info.scheduled_retirement
    yield Finding(
        ("model",),
        f"model `{ctx.model_id}` was retired" + (f" on {when.isoformat()}" if when else ""),
        api_message=f"model: {ctx.model_id}",
        fix="switch to a current model of the same family",
    )


@rule("CL603", "deprecated-model", needs=('model',), when=model_not_plainly_active, evidence="D", severity="warning", phase=Phase.ADVISORY, api=None, source=_SOURCE)
def deprecated_model(ctx):
    """The model is deprecated: it still answers, but has a retirement date.

    After that date every request to it fails with 404. A deprecated model whose retirement date
    has passed without the retirement being confirmed is reported here too: it may already 404.

    Fix: move to the successor before the retirement date.

    Bad:  {"model": "claude-sonnet-4-5"} (retires 2026-11-30)
    Good: {"model": "claude-sonnet-4-6"}
    """
    info = ctx.model
    if info is None:
        return
    state = info.lifecycle(ctx.date)
    if state == "deprecated":
        when = info.scheduled_retirement
        yield warn(("model",), f"model `{ctx.model_id}` is deprecated" + (f" and retires on {when.isoformat()}" if when else ""),
                   fix="switch to its successor before the retirement date")
    elif state == "overdue":
        yield warn(("model",), f"model `{ctx.model_id}` was due to retire on {info.scheduled_retirement.isoformat()}; it may already answer 404",
                   fix="switch to its successor")


@rule("CL604", "unrecognized-model", needs=('model',), when=model_unknown, evidence="D", severity="warning", phase=Phase.MODEL, api=None, source=_SOURCE)
def unrecognized_model(ctx):
    """The model id is not in claude-lint's catalog, but looks like a model newer than it.

    Rather than predict a false 404, claude-lint warns and skips the model-dependent checks.

    Fix: if the model is real, declare it with `extend-models` in the configuration (with `like`
    naming the catalog model it behaves like), or update claude-lint.

    Bad:  {"model": "claude-opus-6"} (unknown to this catalog)
    Good: {"model": "claude-opus-5-5"}
    """
    model_id = ctx.model_id
    if model_id is None or ctx.model is not None:
        return
    if ctx.catalog.match(model_id).plausible_future:
        yield warn(("model",), f"model `{model_id}` is not in claude-lint's catalog; model-dependent checks were skipped",
                   fix="if the model exists, declare it with `extend-models` in the configuration")
