"""The ``anthropic-version`` values the API accepts and what each one changes in a request body.

Rules consult these records ("does this version accept ``temperature``?"); they never compare
version strings. A rule that finds something a *newer* version rejects reports it as a warning
under the older one, so upgrading an SDK (which sends the newest version) never surprises a user.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ApiVersion:
    name: str
    # top-level body keys removed from the schema: sending them is "Extra inputs are not permitted"
    removed_fields: frozenset = frozenset()
    # a `document` block directly in an assistant message is rejected
    rejects_assistant_documents: bool = False
    # a user `text` block (directly or inside `search_result`) with non-empty `citations` is rejected
    rejects_user_citations: bool = False


V2023_06_01 = ApiVersion("2023-06-01")
V2026_10_21 = ApiVersion(
    "2026-10-21",
    removed_fields=frozenset({"temperature", "top_p", "top_k"}),
    rejects_assistant_documents=True,
    rejects_user_citations=True,
)

VERSIONS = {v.name: v for v in (V2023_06_01, V2026_10_21)}
DEFAULT_VERSION = V2023_06_01
LATEST_VERSION = V2026_10_21
_NEWER = {name: tuple(list(VERSIONS.values())[i + 1:]) for i, name in enumerate(VERSIONS)}  # oldest first
UPGRADE_NOTE = "breaks when you move to API version {version}, which the current SDKs send"


def resolve(name):
    """The :class:`ApiVersion` for a header value; ``None`` means the default."""
    if name is None:
        return DEFAULT_VERSION
    if isinstance(name, ApiVersion):
        return name
    try:
        return VERSIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown anthropic-version {name!r}; known: {', '.join(VERSIONS)}"
        ) from None


def newer_than(version: ApiVersion) -> tuple:
    """Versions released after ``version``, oldest first."""
    return _NEWER.get(version.name, ())
