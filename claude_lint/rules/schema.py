"""CL1xx: schema errors. Their findings come from the request models (``checking/schema.py``);
each kind of error is declared here so it has a code, a name and docs like every other rule."""
from __future__ import annotations

from .base import Phase, declare

_SOURCE = "api-rules.md §1.2, §1.3, §16 (pydantic-style schema errors)"


def _schema_rule(code, name, doc, evidence="O", **options):
    # The pydantic texts are observed verbatim in API bodies (§16); which fields carry which
    # constraint comes from the SDK types and the OpenAPI copy.
    return declare(code, name, doc, phase=Phase.SCHEMA, source=_SOURCE, evidence=evidence,
                   endpoints=("messages", "count_tokens", "batch"), **options)


SCHEMA_RULES = [
    _schema_rule("CL101", "missing-field", """A required field is missing.

    The API validates the body against its schema first and answers the first missing field with
    `<path>: Field required` (for example `max_tokens: Field required`, observed). A content block,
    tool choice or thinking object without `type` is reported as `<path>.type: Field required`.

    Fix: add the field. `model`, `messages` and `max_tokens` are required on `/v1/messages`;
    `model` and `messages` on `/v1/messages/count_tokens`.

    Bad:  {"model": "claude-opus-4-8", "messages": [{"role": "user", "content": "Hi"}]}
    Good: {"model": "claude-opus-4-8", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hi"}]}
    """),
    _schema_rule("CL102", "unknown-field", """A key the API does not accept at this place.

    Every object in a request forbids unknown keys; the API answers
    `<path>: Extra inputs are not permitted` (observed: `extra_body: Extra inputs are not
    permitted`, `messages.65.content.1.tool_use.text: Extra inputs are not permitted`). Common
    causes: client-library options leaking into the body (`extra_body`), OpenAI parameters
    (`response_format`, `n`, `frequency_penalty`), and keys copied between block types.

    Fix: remove the key, or move it where it belongs.

    Bad:  {"model": "claude-sonnet-4-6", "max_tokens": 256, "extra_body": {}, "messages": [...]}
    Good: {"model": "claude-sonnet-4-6", "max_tokens": 256, "messages": [...]}
    """),
    _schema_rule("CL103", "wrong-type", """A value has the wrong JSON type.

    The API answers with pydantic's text for the expected type, for example
    `messages.0.content: Input should be a valid list` (observed for `content: null`) or
    `max_tokens: Input should be a valid integer, got a number with a fractional part`.

    Fix: send the type the API documents for the field.

    Bad:  {"role": "user", "content": null}
    Good: {"role": "user", "content": "Hello"}
    """),
    _schema_rule("CL104", "invalid-value", """A value is not one of the values the API accepts.

    Enumerations such as `role`, `service_tier`, `output_config.effort` and image `media_type`
    are checked by the schema: `<path>: Input should be 'a', 'b' or 'c'`.

    Fix: use one of the listed values (`role` is `user` or `assistant`; Gemini's `model` and
    OpenAI's `developer` roles do not exist here).

    Bad:  {"role": "model", "content": "Hello!"}
    Good: {"role": "assistant", "content": "Hello!"}
    """),
    _schema_rule("CL105", "value-out-of-range", """A number is outside the range the API accepts.

    `temperature` and `top_p` must lie in [0, 1], `top_k` and `max_tokens` must not be negative,
    `thinking.budget_tokens` must be at least 1024: `<path>: Input should be greater than or
    equal to <n>` (observed for `thinking.enabled.budget_tokens`).

    Fix: bring the value into range.

    Bad:  {"temperature": -0.5}
    Good: {"temperature": 0.5}
    """),
    _schema_rule("CL106", "unknown-type-tag", """A block, tool or option has a `type` the API does not know.

    Content blocks, sources, tools, `tool_choice` and `thinking` are unions told apart by `type`.
    An unknown value is answered with `<path>: Input tag '<type>' found using 'type' does not match
    any of the expected tags: ...`. Typical causes: OpenAI shapes (`image_url` blocks,
    `{"type": "function", "function": {...}}` tools) and output-only blocks echoed back.

    Fix: use a Claude block or tool shape (an `image` block with a `source`; a tool with `name`,
    `description` and `input_schema`).

    Bad:  {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    Good: {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
    """),
    _schema_rule("CL107", "invalid-length", """A string or list is longer or shorter than the API allows.

    Examples: a custom tool name over 128 characters (`tools.18.custom.name: String should have at
    most 128 characters`, observed), `metadata.user_id` over 256 characters, more than 100,000
    messages, a batch `custom_id` over 64 characters.

    Fix: shorten the value or split the request.

    Bad:  {"name": "<129 characters>"}
    Good: {"name": "get_weather"}
    """),
    _schema_rule("CL108", "invalid-pattern", """A string does not match the pattern the API requires.

    Custom tool names must match `^[a-zA-Z0-9_-]{1,128}$` (observed:
    `tools.16.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`); batch
    `custom_id`s must match `^[a-zA-Z0-9_-]{1,64}$`.

    Fix: replace dots, spaces and other characters with `_` or `-`.

    Bad:  {"name": "weather.get"}
    Good: {"name": "weather_get"}
    """),
    _schema_rule("CL109", "nesting-too-deep", """The request is nested too deeply to validate.

    A body nested thousands of levels deep (usually a serialisation bug) cannot be checked. What
    the API answers is not known, so this is a warning.

    Fix: find the recursive structure that produced the nesting.

    Bad:  {"metadata": [[[[[[...]]]]]]}
    Good: a body of ordinary depth
    """, evidence="I", severity="warning", api=None),
]
