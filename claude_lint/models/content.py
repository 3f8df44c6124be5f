"""Content blocks of messages, system prompts and tool results (``type``-tagged unions)."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field
from typing_extensions import Annotated

from .common import ApiModel, CitationsConfig, OpenModel, OptionalCache, str_or_list, tagged

# --- sources ----------------------------------------------------------------------------------


class Base64ImageSource(ApiModel):
    type: Literal["base64"]
    media_type: Literal["image/jpeg", "image/png", "image/gif", "image/webp"]
    data: str


class UrlSource(ApiModel):
    type: Literal["url"]
    url: str


class FileSource(ApiModel):
    type: Literal["file"]
    file_id: str


class Base64PdfSource(ApiModel):
    type: Literal["base64"]
    media_type: Literal["application/pdf"]
    data: str


class PlainTextSource(ApiModel):
    type: Literal["text"]
    media_type: Literal["text/plain"]
    data: str


# --- blocks -----------------------------------------------------------------------------------


class TextBlock(ApiModel):
    type: Literal["text"]
    text: str
    cache_control: OptionalCache = None
    # citation locations (char_location, page_location, ...) echo what the API returned
    citations: Optional[list[dict[str, Any]]] = None


class ImageBlock(ApiModel):
    type: Literal["image"]
    source: tagged(Base64ImageSource, UrlSource, FileSource)
    cache_control: OptionalCache = None


ImageOrText = tagged(TextBlock, ImageBlock)


class ContentSource(ApiModel):
    type: Literal["content"]
    content: str_or_list(ImageOrText)


class DocumentBlock(ApiModel):
    type: Literal["document"]
    source: tagged(Base64PdfSource, PlainTextSource, ContentSource, UrlSource, FileSource)
    cache_control: OptionalCache = None
    citations: Optional[CitationsConfig] = None
    context: Optional[str] = None
    title: Optional[Annotated[str, Field(max_length=500)]] = None


class SearchResultBlock(ApiModel):
    type: Literal["search_result"]
    source: str
    title: str
    content: list[TextBlock]
    cache_control: OptionalCache = None
    citations: Optional[CitationsConfig] = None


class ThinkingBlock(ApiModel):
    type: Literal["thinking"]
    thinking: str
    signature: str


class RedactedThinkingBlock(ApiModel):
    type: Literal["redacted_thinking"]
    data: str


# Observed: `messages.92.content.0.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`
# (ClawRouter#17, req_011CXzyB...) and `...server_tool_use.id: String should match pattern
# '^srvtoolu_[a-zA-Z0-9_]+$'` (claude-code-hub#470, req_011CWXQ1...).
TOOL_USE_ID_PATTERN = r"^[a-zA-Z0-9_-]+$"
SERVER_TOOL_USE_ID_PATTERN = r"^srvtoolu_[a-zA-Z0-9_]+$"


class ToolUseBlock(ApiModel):
    type: Literal["tool_use"]
    id: Annotated[str, Field(pattern=TOOL_USE_ID_PATTERN)]
    name: str
    input: dict[str, Any]
    cache_control: OptionalCache = None
    caller: Optional[dict[str, Any]] = None


class ToolReferenceBlock(OpenModel):
    type: Literal["tool_reference"]
    tool_name: str


ToolResultContent = tagged(TextBlock, ImageBlock, SearchResultBlock, DocumentBlock, ToolReferenceBlock)


class ToolResultBlock(ApiModel):
    type: Literal["tool_result"]
    tool_use_id: str
    content: Optional[str_or_list(ToolResultContent)] = None
    is_error: Optional[bool] = None
    cache_control: OptionalCache = None


class ServerToolUseBlock(ApiModel):
    type: Literal["server_tool_use"]
    id: Annotated[str, Field(pattern=SERVER_TOOL_USE_ID_PATTERN)]
    name: str
    input: dict[str, Any]
    cache_control: OptionalCache = None
    caller: Optional[dict[str, Any]] = None


class _ServerToolResult(ApiModel):
    # The result payloads echo what the API returned; their inner shapes are the API's business.
    tool_use_id: str
    content: Any
    cache_control: OptionalCache = None
    caller: Optional[dict[str, Any]] = None


class WebSearchToolResultBlock(_ServerToolResult):
    type: Literal["web_search_tool_result"]


class WebFetchToolResultBlock(_ServerToolResult):
    type: Literal["web_fetch_tool_result"]


class CodeExecutionToolResultBlock(_ServerToolResult):
    type: Literal["code_execution_tool_result"]


class BashCodeExecutionToolResultBlock(_ServerToolResult):
    type: Literal["bash_code_execution_tool_result"]


class TextEditorCodeExecutionToolResultBlock(_ServerToolResult):
    type: Literal["text_editor_code_execution_tool_result"]


class ToolSearchToolResultBlock(_ServerToolResult):
    type: Literal["tool_search_tool_result"]


class ContainerUploadBlock(ApiModel):
    type: Literal["container_upload"]
    file_id: str
    cache_control: OptionalCache = None


# Beta blocks (MCP connector, advisor tool, compaction): accepted with their beta header; their
# full shapes are not in the public record, so only `type` is checked.
class McpToolUseBlock(OpenModel):
    type: Literal["mcp_tool_use"]


class McpToolResultBlock(OpenModel):
    type: Literal["mcp_tool_result"]


class AdvisorToolResultBlock(OpenModel):
    type: Literal["advisor_tool_result"]


class CompactionBlock(OpenModel):
    type: Literal["compaction"]


ContentBlock = tagged(
    TextBlock,
    ImageBlock,
    DocumentBlock,
    SearchResultBlock,
    ThinkingBlock,
    RedactedThinkingBlock,
    ToolUseBlock,
    ToolResultBlock,
    ServerToolUseBlock,
    WebSearchToolResultBlock,
    WebFetchToolResultBlock,
    CodeExecutionToolResultBlock,
    BashCodeExecutionToolResultBlock,
    TextEditorCodeExecutionToolResultBlock,
    ToolSearchToolResultBlock,
    ContainerUploadBlock,
    McpToolUseBlock,
    McpToolResultBlock,
    AdvisorToolResultBlock,
    CompactionBlock,
)

BLOCK_TYPES = (
    "text", "image", "document", "search_result", "thinking", "redacted_thinking", "tool_use",
    "tool_result", "server_tool_use", "web_search_tool_result", "web_fetch_tool_result",
    "code_execution_tool_result", "bash_code_execution_tool_result",
    "text_editor_code_execution_tool_result", "tool_search_tool_result", "container_upload",
    "mcp_tool_use", "mcp_tool_result", "advisor_tool_result", "compaction",
)


class Message(ApiModel):
    # "system" is accepted by the schema since 2026-05 (mid-conversation system messages); which
    # models take it, and where, is a rule (messages.py), not a schema question.
    role: Literal["user", "assistant", "system"]
    content: str_or_list(ContentBlock)
