"""The request bodies: ``/v1/messages``, ``/v1/messages/count_tokens`` and a batch line."""
from __future__ import annotations

from typing import Any, Literal, Optional, Union

from pydantic import Field
from typing_extensions import Annotated

from .common import ApiModel, CacheControl, OpenModel, str_or_list, tagged, STR_TAG
from .content import Message, TextBlock
from .tools import Tool, ToolChoice

CUSTOM_ID_PATTERN = r"^[a-zA-Z0-9_-]{1,64}$"


class Metadata(ApiModel):
    user_id: Optional[Annotated[str, Field(max_length=256)]] = None


class ThinkingEnabled(ApiModel):
    type: Literal["enabled"]
    budget_tokens: Annotated[int, Field(ge=1024)]
    display: Optional[Literal["summarized", "omitted"]] = None


class ThinkingDisabled(ApiModel):
    type: Literal["disabled"]


class ThinkingAdaptive(ApiModel):
    type: Literal["adaptive"]
    display: Optional[Literal["summarized", "omitted"]] = None


class ThinkingBetweenTools(OpenModel):
    # Added 2026-09 (Sonnet 5.5); its options are not in the public record.
    type: Literal["between_tools"]


Thinking = tagged(ThinkingEnabled, ThinkingDisabled, ThinkingAdaptive, ThinkingBetweenTools)


class JsonSchemaFormat(ApiModel):
    type: Literal["json_schema"]
    schema_: dict[str, Any] = Field(alias="schema")


class OutputConfig(ApiModel):
    effort: Optional[Literal["low", "medium", "high", "xhigh", "max"]] = None
    format: Optional[tagged(JsonSchemaFormat)] = None


System = str_or_list(TextBlock, failing_branch=STR_TAG)
Probability = Annotated[float, Field(ge=0, le=1)]


class _Shared(ApiModel):
    """Fields of both the Messages and the token-counting body."""

    model: str
    messages: Annotated[list[Message], Field(max_length=100_000)]
    system: Optional[System] = None
    tools: Optional[list[Tool]] = None
    tool_choice: Optional[ToolChoice] = None
    thinking: Optional[Thinking] = None
    output_config: Optional[OutputConfig] = None
    cache_control: Optional[CacheControl] = None
    # Beta fields: valid only with their anthropic-beta header (rule CL951 reminds which).
    mcp_servers: Optional[Annotated[list[dict[str, Any]], Field(max_length=20)]] = None
    context_management: Optional[dict[str, Any]] = None
    output_format: Optional[dict[str, Any]] = None


class MessagesRequest(_Shared):
    max_tokens: Annotated[int, Field(ge=0)]
    metadata: Optional[Metadata] = None
    stop_sequences: Optional[list[str]] = None
    stream: Optional[bool] = None
    temperature: Optional[Probability] = None
    top_k: Optional[Annotated[int, Field(ge=0)]] = None
    top_p: Optional[Probability] = None
    service_tier: Optional[Literal["auto", "standard_only"]] = None
    container: Optional[Union[str, dict[str, Any]]] = None
    inference_geo: Optional[str] = None
    speed: Optional[Literal["standard", "fast"]] = None
    diagnostics: Optional[dict[str, Any]] = None
    thread: Optional[Any] = None
    billing_policy: Optional[Any] = None
    compaction: Optional[Any] = None


class CountTokensRequest(_Shared):
    pass


class BatchItem(ApiModel):
    custom_id: Annotated[str, Field(max_length=64, pattern=CUSTOM_ID_PATTERN)]
    params: Any  # validated as a Messages request of its own, with its own path prefix


class BatchRequest(ApiModel):
    requests: Annotated[list[Any], Field(min_length=1, max_length=100_000)]

