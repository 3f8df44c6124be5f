"""Tool definitions and ``tool_choice``.

A tool without ``type`` (or with ``type: "custom"``) is a user-defined tool; every other tool is an
Anthropic-defined one, selected by its versioned ``type`` with a fixed ``name`` (api-rules §14.4).
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import ConfigDict, Field
from typing_extensions import Annotated

from ..data.tools import SERVER_TOOL_NAMES
from .common import ApiModel, CitationsConfig, OpenModel, OptionalCache, tagged

TOOL_NAME_PATTERN = r"^[a-zA-Z0-9_-]{1,128}$"


class InputSchema(ApiModel):
    # A JSON Schema object: any keyword is allowed; whether it is a valid schema is a rule.
    model_config = ConfigDict(extra="allow")
    type: Literal["object"]
    properties: Optional[dict[str, Any]] = None
    required: Optional[list[str]] = None


class _ToolOptions(ApiModel):
    """Options every tool takes (2026 schema)."""

    cache_control: OptionalCache = None
    defer_loading: Optional[bool] = None
    allowed_callers: Optional[list[str]] = None
    strict: Optional[bool] = None


class CustomTool(_ToolOptions):
    type: Optional[Literal["custom"]] = None
    name: Annotated[str, Field(max_length=128, pattern=TOOL_NAME_PATTERN)]
    description: Optional[str] = None
    input_schema: InputSchema
    input_examples: Optional[list[dict[str, Any]]] = None
    eager_input_streaming: Optional[bool] = None


def _server_tool(type_values: tuple, fields: dict = None, base=_ToolOptions):
    """A model per versioned tool type, each with its fixed name (data/tools.py)."""
    models = []
    for type_value in type_values:
        annotations = {"type": Literal[type_value], "name": Literal[SERVER_TOOL_NAMES[type_value]]}
        namespace = {"__annotations__": annotations, "__module__": __name__}
        for field_name, (annotation, default) in (fields or {}).items():
            annotations[field_name] = annotation
            namespace[field_name] = default
        class_name = "".join(part.capitalize() for part in type_value.split("_")) + "Tool"
        models.append(type(class_name, (base,), namespace))
    return models


class UserLocation(ApiModel):
    type: Literal["approximate"]
    city: Optional[Annotated[str, Field(min_length=1, max_length=255)]] = None
    region: Optional[Annotated[str, Field(min_length=1, max_length=255)]] = None
    country: Optional[Annotated[str, Field(min_length=2, max_length=2)]] = None
    timezone: Optional[Annotated[str, Field(min_length=1, max_length=255)]] = None


_DOMAINS = {
    "allowed_domains": (Optional[list[str]], None),
    "blocked_domains": (Optional[list[str]], None),
    "max_uses": (Optional[Annotated[int, Field(gt=0)]], None),
}
_DISPLAY = {
    "display_width_px": (Annotated[int, Field(ge=1)], ...),
    "display_height_px": (Annotated[int, Field(ge=1)], ...),
    "display_number": (Optional[Annotated[int, Field(ge=0)]], None),
}

SERVER_TOOLS = [
    *_server_tool(("bash_20250124", "bash_20241022")),
    *_server_tool(("text_editor_20250124", "text_editor_20241022")),
    *_server_tool(("text_editor_20250429",)),
    *_server_tool(
        ("text_editor_20250728",),
        {"max_characters": (Optional[Annotated[int, Field(ge=1)]], None)},
    ),
    *_server_tool(
        ("code_execution_20250522", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"),
    ),
    *_server_tool(("memory_20250818",)),
    *_server_tool(
        ("web_search_20250305", "web_search_20260209", "web_search_20260318"),
        {**_DOMAINS, "user_location": (Optional[UserLocation], None)},
    ),
    *_server_tool(
        ("web_fetch_20250910", "web_fetch_20260209", "web_fetch_20260309", "web_fetch_20260318"),
        {
            **_DOMAINS,
            "citations": (Optional[CitationsConfig], None),
            "max_content_tokens": (Optional[Annotated[int, Field(gt=0)]], None),
        },
    ),
    *_server_tool(("tool_search_tool_bm25_20251119", "tool_search_tool_bm25")),
    *_server_tool(("tool_search_tool_regex_20251119", "tool_search_tool_regex")),
    *_server_tool(("computer_20241022", "computer_20250124"), _DISPLAY),
    *_server_tool(
        ("computer_20251124",), {**_DISPLAY, "enable_zoom": (Optional[bool], None)}
    ),
]


class ComputerToolset20260801Tool(_ToolOptions):
    # The computer toolset takes no display fields (computer-use docs); its name is optional.
    type: Literal["computer_toolset_20260801"]
    name: Optional[str] = None


# Beta tools whose shapes are not in the public record: only `type` is checked.
class Advisor20260301Tool(OpenModel):
    type: Literal["advisor_20260301"]


class McpToolsetTool(OpenModel):
    type: Literal["mcp_toolset"]


class AgentToolset20260401Tool(OpenModel):
    type: Literal["agent_toolset_20260401"]


Tool = tagged(
    CustomTool,
    *SERVER_TOOLS,
    ComputerToolset20260801Tool,
    Advisor20260301Tool,
    McpToolsetTool,
    AgentToolset20260401Tool,
    default="custom",
)

class _ParallelChoice(ApiModel):
    disable_parallel_tool_use: Optional[bool] = None


class ToolChoiceAuto(_ParallelChoice):
    type: Literal["auto"]


class ToolChoiceAny(_ParallelChoice):
    type: Literal["any"]


class ToolChoiceTool(_ParallelChoice):
    type: Literal["tool"]
    name: str


class ToolChoiceNone(ApiModel):
    type: Literal["none"]


ToolChoice = tagged(ToolChoiceAuto, ToolChoiceAny, ToolChoiceTool, ToolChoiceNone)
