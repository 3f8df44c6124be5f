"""Pydantic v2 models of the request bodies, written from the API's documented shape."""
from __future__ import annotations

from functools import lru_cache

from pydantic import TypeAdapter

from .request import BatchItem, BatchRequest, CountTokensRequest, MessagesRequest

BODY_MODELS = {
    "messages": MessagesRequest,
    "count_tokens": CountTokensRequest,
    "batch": BatchRequest,
    "batch_item": BatchItem,
}


@lru_cache(maxsize=None)
def adapter(kind: str) -> TypeAdapter:
    """The validator for one body kind, built once on first use."""
    return TypeAdapter(BODY_MODELS[kind])
