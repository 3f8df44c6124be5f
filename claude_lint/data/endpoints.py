"""The request bodies claude-lint validates, as data."""
from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    # the body size the front door accepts before answering 413 request_too_large
    max_body_bytes: int


MESSAGES = Endpoint("messages", "/v1/messages", 32 * MB)
COUNT_TOKENS = Endpoint("count_tokens", "/v1/messages/count_tokens", 32 * MB)
BATCH = Endpoint("batch", "/v1/messages/batches", 256 * MB)

ENDPOINTS = {e.name: e for e in (MESSAGES, COUNT_TOKENS, BATCH)}
