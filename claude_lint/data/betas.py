"""The ``anthropic-beta`` names, as data.

The API answers an unknown name with 400 ``Unexpected value(s) `<name>` for the `anthropic-beta`
header...`` (api-rules §2 H7). The list below is what the public record shows the first-party API
accepting; it is certainly incomplete (betas ship every few weeks, and some are granted to single
organisations), so a name missing from it is a warning, never an error.

Sources, all read 2026-11:
- the ``AnthropicBeta`` enum of the API reference (platform.claude.com/docs/en/api/http/beta/
  messages/count_tokens, fetched 2026-09-26: 48 names) and of the Python SDK
  (``types/anthropic_beta_param.py``);
- names the SDK enum lacks but the first-party API takes, as forwarded to it by LiteLLM's
  ``anthropic_beta_headers_config.json`` ("anthropic" table) and sent by Claude Code
  (``oauth-2025-04-20``, ``claude-code-20250219``, ...);
- api-version-2026-10-21.md §2.3 VH16 for the betas whose feature is generally available.
"""
from __future__ import annotations

import difflib
import re
from typing import Optional

# The API reference's enum (2026-09-26), oldest first.
_REFERENCE = (
    "message-batches-2024-09-24", "prompt-caching-2024-07-31", "computer-use-2024-10-22",
    "computer-use-2025-01-24", "pdfs-2024-09-25", "token-counting-2024-11-01",
    "token-efficient-tools-2025-02-19", "output-128k-2025-02-19", "files-api-2025-04-14",
    "mcp-client-2025-04-04", "mcp-client-2025-11-20", "dev-full-thinking-2025-05-14",
    "interleaved-thinking-2025-05-14", "code-execution-2025-05-22", "extended-cache-ttl-2025-04-11",
    "context-1m-2025-08-07", "context-management-2025-06-27", "model-context-window-exceeded-2025-08-26",
    "skills-2025-10-02", "fast-mode-2026-02-01", "output-300k-2026-03-24", "user-profiles-2026-03-24",
    "user-profiles-2026-08-18", "user-profiles-2026-09-04", "advisor-tool-2026-03-01",
    "managed-agents-2026-04-01", "cache-diagnosis-2026-04-07", "dreaming-2026-04-21",
    "thinking-token-count-2026-05-13", "server-side-fallback-2026-06-01", "server-side-fallback-2026-07-01",
    "fallback-credit-2026-06-01", "fallback-credit-2026-07-01", "agent-memory-2026-07-22",
    "mid-conversation-tool-changes-2026-07-01", "compact-2026-01-12", "computer-use-2025-11-24",
    "mcp-tunnels-2026-06-22", "structured-outputs-2025-11-13", "task-budgets-2026-03-13",
    "thinking-display-updates-2026-08-18", "ce-user-management-2026-07-13",
    "mid-conversation-output-config-2026-07-01", "thinking-binding-controls-2026-08-01",
    "mid-conversation-system-clear-at-2026-08-21", "compact-2026-09-04", "inline-tools-2026-09-15",
    "mcp-client-2026-09-15",
)
# Accepted by the first-party API but not in the reference enum (LiteLLM forwards them to it
# unchanged; Claude Code sends them).
_OUTSIDE_THE_ENUM = (
    "oauth-2025-04-20", "claude-code-20250219", "fine-grained-tool-streaming-2025-05-14",
    "advanced-tool-use-2025-11-20", "tool-search-tool-2025-10-19", "tool-examples-2025-10-29",
    "effort-2025-11-24", "code-execution-2025-08-25", "web-fetch-2025-09-10", "web-search-2025-03-05",
    "search-results-2025-06-09", "prompt-caching-scope-2026-01-05", "per-turn-control-2026-07-01",
    "dangerous-tool-use-2026-09-03",
)
KNOWN = frozenset(_REFERENCE + _OUTSIDE_THE_ENUM)

# Betas whose feature became generally available: the API still accepts the name, the SDKs
# deprecate it (removal planned), and Vertex AI answers some of them with "Unexpected value(s)"
# (zed#42715, LibreChat#11309 for prompt-caching-2024-07-31). VH16.
GENERALLY_AVAILABLE = {
    "prompt-caching-2024-07-31": "prompt caching",
    "pdfs-2024-09-25": "PDF support",
    "token-counting-2024-11-01": "token counting",
    "token-efficient-tools-2025-02-19": "token-efficient tool use (built into Claude 4 and later)",
    "extended-cache-ttl-2025-04-11": "the 1-hour cache TTL",
    "cache-diagnosis-2026-04-07": "cache diagnostics (`diagnostics`)",
    "ce-user-management-2026-07-13": "user management",
    "message-batches-2024-09-24": "the Message Batches API",
}

INTERLEAVED_THINKING = "interleaved-thinking-2025-05-14"
OAUTH = "oauth-2025-04-20"

# Top-level keys that exist only behind an anthropic-beta header, with the header that enables them.
BETA_FIELDS = {
    "mcp_servers": "mcp-client-2025-11-20",
    # compaction edits (`compact_20260112`) need `compact-2026-01-12` instead
    "context_management": "context-management-2025-06-27",
    "output_format": "structured-outputs-2025-11-13",
    # beta since 2026-09/11; their header names are not in the public record
    "compaction": None,
    "thread": None,
    "billing_policy": None,
}

# The same fields with every beta that enables them (an empty tuple: beta-only, but the header's
# name is not in the public record).
FIELD_BETAS = {
    "mcp_servers": ("mcp-client-2025-11-20", "mcp-client-2025-04-04", "mcp-client-2026-09-15"),
    # compaction edits (`compact_20260112`) come with the compact betas
    "context_management": ("context-management-2025-06-27", "compact-2026-01-12", "compact-2026-09-04"),
    "output_format": ("structured-outputs-2025-11-13",),
    "compaction": (),
    "thread": (),
    "billing_policy": (),
}

# The text of the 400 for unknown names: the docs' beta-headers page (2026-08) quotes it with
# platform.claude.com/docs; bodies captured up to 2026-04 cite docs.anthropic.com. Several unknown
# names are listed together, each in backticks, separated by ", " (new-api#2975, 2026-02).
UNKNOWN_TEXT = ("Unexpected value(s) {names} for the `anthropic-beta` header. Please consult our "
                "documentation at platform.claude.com/docs or try again without the header.")

_DATED = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2}|\d{8})$")


def parse(value: Optional[str]) -> tuple:
    """The names in an ``anthropic-beta`` value (comma-separated; a repeated header arrives
    joined with ``, ``), in order, without empty items."""
    if not value:
        return ()
    return tuple(name.strip() for name in value.split(",") if name.strip())


def unknown_text(names) -> str:
    return UNKNOWN_TEXT.format(names=", ".join(f"`{n}`" for n in names))


def closest(name: str) -> Optional[str]:
    """The known name ``name`` most likely meant (a typo, a wrong date), or ``None``."""
    lowered = name.lower()
    if lowered in KNOWN:
        return lowered
    stem = _DATED.match(lowered)
    if stem:  # same feature, another date: the newest date of that feature
        feature = lowered[: stem.start(1) - 1]
        same = sorted(k for k in KNOWN if k.startswith(feature + "-") and _DATED.match(k)
                      and k[: _DATED.match(k).start(1) - 1] == feature)
        if same:
            return same[-1]
    found = difflib.get_close_matches(lowered, sorted(KNOWN), n=1, cutoff=0.8)
    return found[0] if found else None
