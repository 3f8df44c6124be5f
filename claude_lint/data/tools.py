"""The Anthropic-defined tools, as data: each versioned ``type`` with the fixed ``name`` the API
knows it by (api-rules §14.4). The request models build one model per type from this table; the
rules read it without loading the models."""
from __future__ import annotations

SERVER_TOOL_NAMES = {
    "bash_20250124": "bash",
    "bash_20241022": "bash",
    "text_editor_20250124": "str_replace_editor",
    "text_editor_20241022": "str_replace_editor",
    "text_editor_20250429": "str_replace_based_edit_tool",
    "text_editor_20250728": "str_replace_based_edit_tool",
    "code_execution_20250522": "code_execution",
    "code_execution_20250825": "code_execution",
    "code_execution_20260120": "code_execution",
    "code_execution_20260521": "code_execution",
    "memory_20250818": "memory",
    "web_search_20250305": "web_search",
    "web_search_20260209": "web_search",
    "web_search_20260318": "web_search",
    "web_fetch_20250910": "web_fetch",
    "web_fetch_20260209": "web_fetch",
    "web_fetch_20260309": "web_fetch",
    "web_fetch_20260318": "web_fetch",
    "tool_search_tool_bm25_20251119": "tool_search_tool_bm25",
    "tool_search_tool_bm25": "tool_search_tool_bm25",
    "tool_search_tool_regex_20251119": "tool_search_tool_regex",
    "tool_search_tool_regex": "tool_search_tool_regex",
    "computer_20241022": "computer",
    "computer_20250124": "computer",
    "computer_20251124": "computer",
}
