"""The model catalog: which ids exist, their lifecycle, limits and per-model behaviour.

Built once from ``models.json`` (see ``scripts/build_catalog.py``) and never changed afterwards;
config can add models (proxies, private deployments) by building a new catalog with ``extend``.
Rules ask questions of a :class:`ModelInfo`; they never branch on model names themselves.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Optional

from . import packaged_text

# The day the catalog's lifecycle facts were last checked. A deprecated model whose announced
# retirement date had already passed by then, yet was still not retired, is "overdue": its
# retirement is unconfirmed, so it gets a warning rather than a 404.
CATALOG_AS_OF = _dt.date(2026, 11, 23)

UNKNOWN = None  # a capability the evidence does not settle


def _date(value) -> Optional[_dt.date]:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class ModelInfo:
    id: str
    aliases: tuple = ()
    family: Optional[str] = None
    status: str = "active"
    retired_on: Optional[_dt.date] = None
    scheduled_retirement: Optional[_dt.date] = None
    max_output_tokens: Optional[int] = None
    context_window: Optional[int] = None
    # thinking.extended: True | False | "deprecated" | None; thinking.adaptive: "opt_in" |
    # "default" | "only" | "always_on" | False | None; disabled_allowed: True | False | str | None
    thinking_extended: object = UNKNOWN
    thinking_adaptive: object = UNKNOWN
    thinking_disabled_allowed: object = UNKNOWN
    temperature_top_p_exclusive: Optional[bool] = UNKNOWN
    sampling_params_nondefault_rejected: Optional[bool] = UNKNOWN
    prefill: Optional[bool] = UNKNOWN
    mid_conversation_system: Optional[bool] = UNKNOWN
    # None: no effort support; a tuple: the accepted levels; "unknown": not settled
    effort_levels: object = "unknown"
    # tool_choice any/tool rejected even without an explicit `thinking` (always-thinking models)
    forced_tool_choice_rejected: Optional[bool] = UNKNOWN
    # which documented text answers thinking {type: disabled}: "defaults_to_adaptive" | "use_adaptive"
    thinking_disabled_wording: Optional[str] = None
    # thinking {type: disabled} accepted only up to this effort level
    thinking_disabled_max_effort: Optional[str] = None
    thinking_between_tools: Optional[bool] = UNKNOWN
    rejected_tool_types: tuple = ()  # tool versions this model refuses
    cloud_ids: tuple = field(default=(), repr=False)

    def lifecycle(self, today: _dt.date) -> str:
        """``active``, ``deprecated``, ``overdue`` (retirement date passed but unconfirmed) or ``retired``."""
        if self.status == "retired" or (self.retired_on and self.retired_on <= today):
            return "retired"
        if self.scheduled_retirement and self.scheduled_retirement <= today:
            return "overdue" if self.scheduled_retirement <= CATALOG_AS_OF else "retired"
        return self.status

    @classmethod
    def from_json(cls, row: Mapping) -> "ModelInfo":
        thinking = row.get("thinking") or {}
        levels = row.get("effort_levels", "unknown")
        return cls(
            id=row["id"],
            aliases=tuple(row.get("aliases") or ()),
            family=row.get("family"),
            status=row.get("status") or "active",
            retired_on=_date(row.get("retired_on")),
            scheduled_retirement=_date(row.get("scheduled_retirement")),
            max_output_tokens=row.get("max_output_tokens"),
            context_window=row.get("context_window"),
            thinking_extended=thinking.get("extended"),
            thinking_adaptive=thinking.get("adaptive"),
            thinking_disabled_allowed=thinking.get("disabled_allowed"),
            temperature_top_p_exclusive=row.get("temperature_top_p_exclusive"),
            sampling_params_nondefault_rejected=row.get("sampling_params_nondefault_rejected"),
            prefill=row.get("prefill"),
            mid_conversation_system=row.get("mid_conversation_system"),
            effort_levels=tuple(levels) if isinstance(levels, list) else levels,
            forced_tool_choice_rejected=row.get("forced_tool_choice_rejected"),
            thinking_disabled_wording=row.get("thinking_disabled_wording"),
            thinking_disabled_max_effort=row.get("thinking_disabled_max_effort"),
            thinking_between_tools=row.get("thinking_between_tools"),
            rejected_tool_types=tuple(row.get("rejected_tool_types") or ()),
            cloud_ids=tuple(row.get("bedrock_ids") or ()) + tuple(row.get("vertex_ids") or ()),
        )


# Spellings of a model id that the first-party API never accepts but that users carry over from
# gateways and cloud platforms; stripped before looking for the id that was meant.
_CLOUD_PREFIX = re.compile(r"^(?:(?:global|us|eu|jp|apac|au|us-gov)\.)?anthropic[./]")
_CLOUD_SUFFIX = re.compile(r"(?:@[\w-]+|-v\d+(?::\d+)?|:\d+)$")
_MODERN_ID = re.compile(r"^claude-([a-z]+)-(\d+)(?:-(\d))?$")
_DATED = re.compile(r"^(claude-[a-z0-9-]+?)-(\d{8})$")


@dataclass(frozen=True)
class ModelMatch:
    """What the catalog makes of a model string."""

    info: Optional[ModelInfo]  # the model, when the id is known
    suggestion: Optional[str] = None  # the id that was probably meant
    reason: Optional[str] = None  # why an unknown id is wrong
    plausible_future: bool = False  # unknown, but shaped like a model not yet in the catalog
    certain: bool = False  # the suggestion undoes a known misspelling (not just a similar id)


class Catalog:
    """Immutable lookup over model ids and aliases."""

    def __init__(self, models: Iterable[ModelInfo]):
        self._models = tuple(models)
        by_id = {}
        for m in self._models:
            by_id[m.id] = m
            for alias in m.aliases:
                by_id.setdefault(alias, m)
        self._by_id = by_id
        self._cloud = {cid: m for m in self._models for cid in m.cloud_ids}
        self._newest = {}
        for m in self._models:
            version = _modern_version(m.id)
            if version and m.family:
                self._newest[m.family] = max(self._newest.get(m.family, version), version)

    @property
    def models(self) -> tuple:
        return self._models

    def get(self, model_id: str) -> Optional[ModelInfo]:
        return self._by_id.get(model_id)

    def extend(self, models: Iterable[ModelInfo]) -> "Catalog":
        extra = {m.id: m for m in models}
        return Catalog([m for m in self._models if m.id not in extra] + list(extra.values()))

    def match(self, model_id: str) -> ModelMatch:
        info = self._by_id.get(model_id)
        if info is not None:
            return ModelMatch(info)
        stripped = model_id.strip()
        if stripped != model_id and stripped in self._by_id:
            return ModelMatch(None, stripped, "the id carries surrounding whitespace, which the API keeps", certain=True)
        cloud = self._cloud.get(stripped)
        if cloud is not None:
            return ModelMatch(None, cloud.id, "this is a cloud-platform id (Bedrock or Vertex AI), not a Claude API id", certain=True)
        normal = _normalise(stripped)
        if normal in self._by_id and normal != stripped:
            return ModelMatch(None, normal, _spelling_reason(stripped), certain=True)
        dated = _DATED.match(normal)
        if dated and dated.group(1) in self._by_id and _modern_version(dated.group(1)) is not None:
            return ModelMatch(None, dated.group(1), "models from Claude 4.6 on have no dated snapshot ids; the undated id is the snapshot")
        if normal.endswith("-0") and _modern_version(normal[:-2]) and normal[:-2] in self._by_id:
            return ModelMatch(None, normal[:-2], "major releases have no `-0` minor version")
        # Only an id spelled the way the API spells ids can be a model the catalog does not know yet.
        if self._is_plausible_future(model_id):
            return ModelMatch(None, None, None, plausible_future=True)
        close = difflib.get_close_matches(normal, list(self._by_id), n=1, cutoff=0.8)
        return ModelMatch(None, close[0] if close else None, "no model has this id")

    def _is_plausible_future(self, model_id: str) -> bool:
        version = _modern_version(model_id)
        if version is None:
            return False
        family = _MODERN_ID.match(model_id).group(1)
        newest = self._newest.get(family)
        if newest is None:
            # A new model line: plausible if it starts at or after the newest generation we know.
            return version[0] >= max((v[0] for v in self._newest.values()), default=0)
        return version > newest


def _modern_version(model_id: str):
    m = _MODERN_ID.match(model_id)
    if not m:
        return None
    return (int(m.group(2)), int(m.group(3) or 0))


def _normalise(model_id: str) -> str:
    text = model_id.lower()
    text = _CLOUD_PREFIX.sub("", text)
    text = _CLOUD_SUFFIX.sub("", text)
    text = text.replace(".", "-").replace("_", "-").replace(" ", "-")
    # version-first spelling of a modern tier ("claude-4-5-sonnet") -> tier-first
    m = re.match(r"^claude-(\d+(?:-\d)?)-(opus|sonnet|haiku)(-.*)?$", text)
    if m and not m.group(1).startswith(("1", "2", "3")):
        text = f"claude-{m.group(2)}-{m.group(1)}{m.group(3) or ''}"
    m = re.match(r"^claude-(opus|sonnet|haiku)-(3(?:-\d)?)(-.*)?$", text)
    if m:
        text = f"claude-{m.group(2)}-{m.group(1)}{m.group(3) or ''}"
    return text


def _spelling_reason(model_id: str) -> str:
    if "." in model_id and re.search(r"\d\.\d", model_id):
        return "Claude API ids use hyphens between version numbers, not dots"
    if model_id != model_id.lower():
        return "model ids are lower-case"
    if _CLOUD_PREFIX.match(model_id.lower()) or _CLOUD_SUFFIX.search(model_id):
        return "this is a cloud-platform or gateway spelling, not a Claude API id"
    return "this is not how the Claude API spells the id"


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return Catalog(ModelInfo.from_json(row) for row in json.loads(packaged_text("models.json")))

