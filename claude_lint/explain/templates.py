"""Every API message a rule reports, as templates (placeholder syntax: ``matching.py``).

One entry per rule code. They mirror the ``api_message`` texts the rules build (and the
pydantic-style texts of ``checking/schema.py`` for CL1xx), plus the wordings the research notes
record for the same rule that the rule itself does not predict (older or second-hand variants,
texts whose docs link moved). ``tests/test_explain.py`` fails when a rule gains a text that no
template here covers.
"""
from __future__ import annotations

from ..data.versions import VERSIONS
from ..data.betas import BETA_FIELDS

_REMOVED = "|".join(sorted({key for v in VERSIONS.values() for key in v.removed_fields}))
_BETA_KEYS = "|".join(sorted(BETA_FIELDS))
_STRUCTURED_SCHEMA = "output_config.format.schema|output_format.schema"

TEMPLATES: dict = {
    # --- size ------------------------------------------------------------------------------
    "CL620": ("Request exceeds the maximum size",),
    # --- schema: pydantic's stock texts after the path (api-rules §1.2, §16) -------------------
    "CL101": ("{path}: Field required",),
    "CL102": ("{path}: Extra inputs are not permitted",),
    "CL103": (
        "{path}: Input should be a valid {type}",
        "Input should be a valid {type}",  # the body itself is not an object
        "{path}: Input should be an instance of {type}",
        "{path}: Input should be a multiple of {number}",
        "{path}: Input should be None",
        "{path}: Unable to parse input string as an integer, exceeded maximum size",
    ),
    "CL104": ("{path}: Input should be {expected}",),
    "CL105": (
        "{path}: Input should be {bound:greater than or equal to|greater than|less than or equal to|less than} {number}",
        "{path}: Input should be a finite number",
    ),
    "CL106": ("{path}: Input tag '{tag}' found using 'type' does not match any of the expected tags: {tags}",),
    "CL107": (
        "{path}: {kind:String|List|Tuple|Set|Dictionary|Value} should have at {bound:most|least} {count} "
        "{unit:characters|character|items|item|elements|element}{rest}",
    ),
    "CL108": ("{path}: String should match pattern '{pattern}'",),
    # --- messages and content ------------------------------------------------------------------
    "CL201": ("messages: at least one message is required",),
    "CL202": (
        "messages.{n}: all messages must have non-empty content except for the optional final assistant message",
        "messages: all messages must have non-empty content except for the optional final assistant message",  # 2024
    ),
    "CL203": ("{where}: text content blocks must be non-empty",),
    "CL204": ("{where}: text content blocks must contain non-whitespace text",),
    "CL205": ("messages: final assistant content cannot end with trailing whitespace",),
    "CL206": ("This model does not support assistant message prefill. The conversation must end with a user message.",),
    "CL207": (
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, '
        'not "system" as an input message role.',  # 2024-2025 wording
        "messages.{n}.role: Input should be 'user' or 'assistant'",
    ),
    "CL251": ("{path}.image.source.base64: invalid base64 data",),
    "CL252": (
        "{path}.image.source.base64: image exceeds 5 MB maximum: {count} bytes > {limit} bytes",
        "{path}: image exceeds 5 MB maximum{rest}",  # with `.data`, and Bedrock's `image.source.bytes`
    ),
    "CL253": (
        "{path}.image.source.base64: The image was specified using the {declared} media type, "
        "but the image appears to be a {actual} image",
        "{path}: Image does not match the provided media type {declared}",  # 2025 wording
    ),
    "CL254": ("Could not process image",),
    "CL255": ("{path}: At least one of the image dimensions exceed max allowed size: {number} pixels",),
    "CL256": ("{path}: At least one of the image dimensions exceed max allowed size for many-image requests: {number} pixels",),
    "CL257": (
        "too many images and documents: {images} + {documents} > {limit}",
        "Too much media: {pages} document pages + {images} images > {limit}",
    ),
    "CL261": ("{path}: The PDF specified was not valid.", "The PDF specified was not valid."),
    "CL262": ("The PDF specified is password protected.",),
    # --- tools -----------------------------------------------------------------------------
    "CL301": (
        "{path}: JSON schema is invalid. It must match JSON Schema draft 2020-12 ({url}). "
        "Learn more about tool use at {url2}.",
    ),
    "CL302": ("{path}: input_schema does not support oneOf, allOf, or anyOf at the top level",),
    "CL303": ("{path}: Empty list of domains is ambiguous. Provide at least one domain or null.",),
    "CL310": ("tools: Tool names must be unique.",),
    "CL311": ("tools.{path}: For 'object' type, 'additionalProperties' must be explicitly set to false",),
    "CL320": ("tool_choice.{kind} may only be specified while providing tools",),
    "CL350": ("Requests which include `tool_use` or `tool_result` blocks must define tools.",),
    "CL352": ("messages.{n}.content.{m}: `tool_use` ids must be unique",),
    "CL353": (
        "messages.{n}: `tool_use` ids were found without `tool_result` blocks immediately after: {ids}. "
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
    ),
    "CL354": (
        "messages.{n}.content.{m}: unexpected `tool_use_id` found in `tool_result` blocks: {id}. "
        "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
    ),
    "CL356": ("messages.{n}.content.{m}.tool_result: content cannot be empty if `is_error` is true",),
    "CL357": (
        "messages.{n}.content.{m}: unexpected `tool_use_id` found in `{kind}` blocks: {id}. "
        "Each `{kind2}` block must have a corresponding `server_tool_use` block before it.",
    ),
    # --- thinking and effort ------------------------------------------------------------------
    "CL401": ('"thinking.type.enabled" is not supported for this model.{rest}',),
    "CL402": ("adaptive thinking is not supported on this model",),
    "CL403": ('"thinking.type.disabled" is not supported for this model.{rest}',),
    "CL410": ("`max_tokens` must be greater than `thinking.budget_tokens`{rest}",),  # a docs link may follow
    "CL411": ("`temperature` may only be set to 1 when thinking is enabled{rest}",),  # old and new wording
    "CL412": ("`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled",),
    "CL415": ("Thinking may not be enabled when tool_choice forces tool use.",),
    "CL416": ("Thinking may not be enabled when tool_choice forces tool use.",),  # the likely text (VN1)
    "CL420": ("messages.{n}.content.{m}.type: Expected `thinking` or `redacted_thinking`, but found `{found}`{rest}",),
    "CL421": (
        "messages.{n}.content.{m}: When thinking is disabled, an `assistant` message in the final position cannot "
        "contain `thinking`. To use thinking blocks, enable `thinking` in your request.",
    ),
    "CL430": ("This model does not support the effort parameter.",),
    "CL431": ("This model does not support effort level '{effort}'. Supported levels: {levels}.",),
    # --- prompt caching ----------------------------------------------------------------------
    "CL501": ("A maximum of {limit} blocks with cache_control may be provided. Found {count}.",),
    "CL503": (
        "{path}.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control "
        "block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
    ),
    "CL504": ("{path}: cache_control cannot be set for empty text blocks",),
    # --- models and limits -------------------------------------------------------------------
    "CL601": ("model: {model}", "model:"),  # an empty id is echoed as nothing
    "CL602": ("model: {model}",),
    "CL610": ("max_tokens: {number} > {cap}, which is the maximum allowed number of output tokens for {model}",),
    # --- parameters and outputs ---------------------------------------------------------------
    "CL801": ("`{param:temperature|top_p|top_k}` is deprecated for this model",),
    "CL802": ("`temperature` and `top_p` cannot both be specified for this model. Please use only one.",),
    "CL803": ("stop_sequences: each stop sequence must be non-empty",),
    "CL804": ("stop_sequences: each stop sequence must contain non-whitespace",),
    "CL805": ("metadata.user_id: user_id appears to contain an email address{rest}",),  # the capture is cut off
    "CL811": (
        f"{{schema:{_STRUCTURED_SCHEMA}}}: For 'object' type, 'additionalProperties' must be explicitly set to false",
        f"{{schema:{_STRUCTURED_SCHEMA}}}: For 'object' type, 'additionalProperties: true' is not supported. "
        "Please set 'additionalProperties' to false",
    ),
    "CL812": (f"{{schema:{_STRUCTURED_SCHEMA}}}: For '{{type}}' type, properties {{keywords}} are not supported",),
    # --- API versions ------------------------------------------------------------------------
    "CL901": (f"{{key:{_REMOVED}}}: Extra inputs are not permitted",),
    "CL951": (f"{{key:{_BETA_KEYS}}}: Extra inputs are not permitted",),
}

# What a match says about this request, from the values in the message.
HINTS: dict = {
    "CL101": "`{path}` is missing",
    "CL102": "`{path}` is not accepted there",
    "CL103": "`{path}` has the wrong JSON type",
    "CL104": "`{path}` must be one of {expected}",
    "CL105": "`{path}` must be {bound} {number}",
    "CL106": "`{path}` has type '{tag}', which the API does not know there",
    "CL107": "`{path}` must have at {bound} {count} {unit}",
    "CL108": "`{path}` must match '{pattern}'",
    "CL202": "message {n} is empty",
    "CL352": "block {m} of message {n} repeats a tool_use id",
    "CL353": "message {n} calls tools that the next message does not answer first: {ids}",
    "CL354": "block {m} of message {n} answers {id}, which the previous assistant message did not call",
    "CL356": "the tool_result at block {m} of message {n} has is_error but no content",
    "CL357": "block {m} of message {n} answers {id} without a server_tool_use before it",
    "CL420": "message {n} must start with its thinking block, not `{found}`",
    "CL421": "block {m} of the final assistant message {n} is a thinking block",
    "CL431": "effort '{effort}' is not offered; use one of: {levels}",
    "CL501": "{count} blocks carry cache_control; at most {limit} may",
    "CL601": "`{model}` is not a model id the API knows",
    "CL602": "`{model}` may be a retired model",
    "CL610": "max_tokens {number} is above the {cap}-token output limit of {model}",
    "CL801": "`{param}` is not accepted by this model",
    "CL901": "`{key}` was removed in anthropic-version 2026-10-21",
    "CL951": "`{key}` needs its anthropic-beta header",
}
