#!/usr/bin/env python3
"""Build claude_lint/data/models.json from the reference model catalog plus our own overlay.

Usage:
    python scripts/build_catalog.py [REFERENCE_MODELS_JSON] [--check]

The reference catalog (``models.json`` of the research notes) holds ids, aliases, limits and
lifecycle. The overlay below adds the per-model behaviour the rules need and that the catalog does
not carry as fields (prefill, mid-conversation system messages, effort levels), each with the
evidence it rests on. ``--check`` exits 1 when the committed file differs from what would be built.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from _generated import write_or_check

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "models.json"
TARGET = ROOT / "claude_lint" / "data" / "models.json"

KEPT_FIELDS = (
    "id", "aliases", "family", "released", "status", "deprecated_on", "retired_on",
    "scheduled_retirement", "context_window", "max_output_tokens", "thinking",
    "temperature_top_p_exclusive", "sampling_params_nondefault_rejected",
    "bedrock_ids", "vertex_ids",
)

FOUR_SIX_AND_LATER = (
    "claude-opus-4-6", "claude-sonnet-4-6", "claude-mythos-preview", "claude-opus-4-7",
    "claude-opus-4-8", "claude-fable-5", "claude-mythos-5", "claude-sonnet-5", "claude-opus-5",
    "claude-fable-5-1", "claude-mythos-5-1", "claude-opus-5-5", "claude-sonnet-5-5",
    "claude-haiku-5-5", "claude-fable-5-2", "claude-mythos-5-2",
)

# prefill: may the conversation end with an assistant turn?
#   false on 4.6 and later: observed for Opus 4.6, Sonnet 4.6, Opus 4.8 (api-rules G12); documented
#   for Fable 5 (models.json notes); the rest of the 4.6+ line by the same rule ("removed on 4.6+").
#   true on the 4.5 generation and older (valid-prefill-xml-tag, G11 observations on Opus 4.5).
# mid_conversation_system: may a message have role "system"?
#   true: Opus 4.8, Opus 5, Fable 5, Mythos 5 (the claude-api skill's quick reference); Opus 5.5
#   (a public client that enforces the placement rules for it). false: Sonnet 5 (same reference
#   names it as unsupported) and every model released before Opus 4.8 ("only model with
#   mid-conversation system messages at launch"). Unknown (null) for the other 5.x models.
# effort_levels: the accepted output_config.effort values; null = no effort support (T22), absent
#   = not known. 4.6 models list high/low/max/medium (T23, observed); xhigh only on Opus 4.7+ (T23).
#   Opus 4.5 introduced effort (models.json notes) before max existed: low/medium/high.
OVERLAY: dict[str, dict] = {}


def _set(ids, **facts):
    for model_id in ids:
        OVERLAY.setdefault(model_id, {}).update(facts)


_set(FOUR_SIX_AND_LATER, prefill=False)
_set(["claude-opus-4-5-20251101", "claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"], prefill=True)
_set(["claude-opus-4-8", "claude-opus-5", "claude-fable-5", "claude-mythos-5", "claude-opus-5-5"],
     mid_conversation_system=True)
_set(["claude-opus-4-5-20251101", "claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929",
      "claude-opus-4-6", "claude-sonnet-4-6", "claude-mythos-preview", "claude-opus-4-7",
      "claude-sonnet-5"], mid_conversation_system=False)
_set(["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"], effort_levels=None)
_set(["claude-opus-4-5-20251101"], effort_levels=["low", "medium", "high"])
_set(["claude-opus-4-6", "claude-sonnet-4-6"], effort_levels=["low", "medium", "high", "max"])
_set(["claude-opus-4-7", "claude-opus-4-8", "claude-opus-5", "claude-opus-5-5"],
     effort_levels=["low", "medium", "high", "xhigh", "max"])

# Thinking facts beyond models.json's `thinking` object (rules/thinking.py):
# forced_tool_choice_rejected: tool_choice any/tool is a 400 even without an explicit `thinking`
#   (api-version-2026-10-21.md VN1: Fable/Mythos 5.1 release note 2026-09-01, Opus 5.5 and
#   Sonnet 5.5 pages, Fable 5.2 per Vercel notes; Mythos 5.2 = Fable 5.2). false where the
#   successor's page lists it as a breaking change, so the predecessor accepted it (Opus 5 per the
#   Opus 5.5 page, Sonnet 5 per the Sonnet 5.5 notes). Unknown elsewhere.
_set(["claude-fable-5-1", "claude-mythos-5-1", "claude-opus-5-5", "claude-sonnet-5-5",
      "claude-fable-5-2", "claude-mythos-5-2"], forced_tool_choice_rejected=True)
_set(["claude-opus-5", "claude-sonnet-5"], forced_tool_choice_rejected=False)
# thinking_disabled_wording: which documented text answers thinking {type: disabled} (TH18/VN2).
#   "defaults_to_adaptive": the thinking-troubleshooting docs' text (api-rules §20 TH18), given
#   for the Fable 5 / Mythos 5 class; "use_adaptive": the Opus 5.5 page's own text (VN2). The 5.1
#   and 5.2 models could answer either, so they have none.
_set(["claude-fable-5", "claude-mythos-5"], thinking_disabled_wording="defaults_to_adaptive")
_set(["claude-opus-5-5"], thinking_disabled_wording="use_adaptive")
# thinking_disabled_max_effort: thinking {type: disabled} is accepted only up to this effort
#   (Opus 5: "accepted at effort high or below", Opus 5.5 page; models.json disabled_allowed).
_set(["claude-opus-5"], thinking_disabled_max_effort="high")
# thinking_between_tools: thinking {type: between_tools} accepted (VN4: used on Sonnet 5.5).
_set(["claude-sonnet-5-5"], thinking_between_tools=True)
# rejected_tool_types: tool versions a model refuses (api-version-2026-10-21.md §5 VN5, documented on
#   the Opus 5.5 and Fable 5.2 pages and in the Sonnet 5.5 notes of the reference catalog).
_set(["claude-opus-5-5", "claude-sonnet-5-5", "claude-fable-5-2"], rejected_tool_types=["computer_20251124"])


def build(reference: list[dict]) -> list[dict]:
    catalog = []
    for entry in reference:
        row = {key: entry.get(key) for key in KEPT_FIELDS}
        row.update(OVERLAY.get(entry["id"], {}))
        catalog.append(row)
    known = {row["id"] for row in catalog}
    missing = set(OVERLAY) - known
    if missing:
        raise SystemExit(f"overlay names ids the reference catalog lacks: {sorted(missing)}")
    return catalog


def render(catalog: list[dict]) -> str:
    return json.dumps(catalog, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if not a.startswith("--")]
    reference = Path(paths[0]) if paths else DEFAULT_REFERENCE
    text = render(build(json.loads(reference.read_text(encoding="utf-8"))))
    return write_or_check(TARGET, text, check=check, rebuild="scripts/build_catalog.py",
                          summary=f" ({len(json.loads(text))} models)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
