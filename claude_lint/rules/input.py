"""CL00x: the request text itself (found while loading, before any check of the request)."""
from __future__ import annotations

from .base import Phase, declare

DUPLICATE_KEY = declare("CL002", "duplicate-key", """A key appears twice in the same JSON object.

JSON parsers, the API's included, keep the last value and drop the earlier one silently, so the
request does something other than the earlier value says. This is usually a merge or templating
mistake (two `max_tokens`, two `model`s).

Fix: remove the earlier key, keeping the value you mean.

Bad:  {"model": "claude-haiku-4-5", "max_tokens": 256, "max_tokens": 1024, ...}
Good: {"model": "claude-haiku-4-5", "max_tokens": 1024, ...}
""", severity="warning", phase=Phase.SCHEMA, api=None, evidence="D",
    source="RFC 8259 §4 (names SHOULD be unique; most parsers keep the last); Python json and pydantic keep the last",
    endpoints=("messages", "count_tokens", "batch_params", "batch"))
