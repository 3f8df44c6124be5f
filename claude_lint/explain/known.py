"""API answers that no rule predicts from a body, and what each HTTP status means for this API.

KNOWN holds the messages the research notes record (``reference/api-rules.md`` §2, §5, §11, §13,
§17, §20; ``api-version-2026-10-21.md`` §2) that depend on something a request body does not
show: the credential, the headers, the account, the token count, the original thinking blocks.
Each says whether claude-lint can check it offline and which rules come closest. ``quote`` is a
phrase a rule's docs would quote when a rule for the message exists (the header rules quote their
texts): such rules are named as the rules to lint for, without this file having to know them.

STATUSES follows the official error reference, https://platform.claude.com/docs/en/api/errors
("HTTP errors": the status ↔ type table, the 402 and 409 rows, the 400 for spend limits you set,
the 429 of a tier's monthly spend cap, which has no ``retry-after``; "529 errors can occur when
APIs experience high traffic across all users"), and the SDK pages (e.g.
https://platform.claude.com/docs/en/api/sdks/typescript, "Retries": connection errors, 408, 409,
429 and >=500 are retried 2 times by default with a short exponential backoff). The 413
envelope without ``"type": "error"`` and the 422 of proxies are api-rules.md §1.1.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Known:
    title: str
    templates: tuple
    status: Optional[int]
    error_type: Optional[str]
    meaning: str
    causes: str
    fix: str
    offline: str  # what claude-lint can (and cannot) check of it, said plainly
    related: tuple = ()  # rules that catch it or its usual cause
    quote: Optional[str] = None
    source: str = ""


_NO_HEADERS = ("claude-lint cannot see this in a request body; it depends on the request's headers, "
               "which only header-aware linting (request context, HAR files) checks.")

KNOWN = (
    Known(
        "prompt is too long",
        ("prompt is too long: {count} tokens > {limit} maximum",),
        400, "invalid_request_error",
        "The input (messages, system prompt, tools, images, documents) has more tokens than the model's context "
        "window.",
        "A conversation that grew turn by turn, large tool results or files, or a 1M-token window assumed without "
        "the model or beta that provides it.",
        "Trim or summarise the history, drop old tool results and attachments, or use a model with a larger "
        "context window; count tokens first with POST /v1/messages/count_tokens.",
        "claude-lint has no tokenizer, so it cannot check this exactly; CL630 warns when the text alone is "
        "certainly over the window.",
        related=("CL630",), source="api-rules.md §13 S1 (observed)",
    ),
    Known(
        "input plus max_tokens exceed the context window",
        ("input length and `max_tokens` exceed context limit: {count} + {number} > {limit}{rest}",),
        400, "invalid_request_error",
        "Input tokens plus `max_tokens` do not fit in the context window (the behaviour of 3.7-era models).",
        "A large `max_tokens` on a long conversation.",
        "Lower `max_tokens` or shorten the input.",
        "claude-lint cannot count tokens exactly; CL630 warns when the text alone is certainly over the window.",
        related=("CL630",), source="api-rules.md §13 S2 (observed)",
    ),
    Known(
        "request size exceeds the context window",
        ("Request size exceeds model context window",),
        413, "invalid_request_error",
        "A rare variant of the context-window error, seen with status 413.",
        "The input is larger than the model's context window.",
        "Shorten the input, as for `prompt is too long`.",
        "claude-lint cannot count tokens exactly; CL630 warns when the text alone is certainly over the window.",
        related=("CL630",), source="api-rules.md §1.1 (cc#6380)",
    ),
    Known(
        "credit balance too low",
        ("Your credit balance is too low{rest}",),
        400, "invalid_request_error",
        "The organisation has no prepaid credit left.",
        "Credits used up, or the key belongs to another organisation or workspace than the one you topped up.",
        "Add credits under Plans & Billing in the Claude Console (or use a key of a funded organisation). "
        "Retrying does not help.",
        "Not a request problem: claude-lint cannot check it offline.",
        source="api-rules.md §13 (not-lintable 400s)",
    ),
    Known(
        "spend limit reached",
        ("You have reached your specified {what}usage limits{rest}",),
        400, "invalid_request_error",
        "Usage reached a spend limit set for the organisation or workspace.",
        "The monthly limit you (or an admin) set in the Console is used up.",
        "Raise or remove the limit in the Console, or wait for the date the message names. Retrying does not help.",
        "Not a request problem: claude-lint cannot check it offline.",
        source="docs api/errors (400 for spend limits you set); cc#2127, cc#38035",
    ),
    Known(
        "rate limit",
        (
            "This request would exceed the rate limit for your organization{rest}",
            "This request would exceed your organization's rate limit{rest}",
            "Number of request tokens has exceeded your per-minute rate limit{rest}",
        ),
        429, "rate_limit_error",
        "The organisation is over a per-minute limit (requests, input tokens or output tokens).",
        "Bursts of requests, long prompts sent in parallel, or a sharp ramp-up of traffic.",
        "Wait as long as the `retry-after` response header says, then retry with exponential backoff and jitter; "
        "spread requests out, cache repeated prompt prefixes, or ask for higher limits.",
        "Not a request problem: claude-lint cannot check it offline.",
        source="docs api/errors (429); captures in OpenHands#9259, continue#9623, cc#55132",
    ),
    Known(
        "invalid thinking signature",
        ("messages.{n}.content.{m}: Invalid `signature` in `thinking` block{rest}",),
        400, "invalid_request_error",
        "A thinking block's `signature` does not verify: the block was not produced by this model for this "
        "conversation, or it was changed.",
        "Thinking blocks edited, rebuilt, taken from another model, account or conversation, or the system "
        "prompt/tools changed since the block was produced (the 2026 binding variant says so).",
        "Send thinking blocks back exactly as the API returned them, or drop them (and the turns that rely on "
        "them); with binding controls, `thinking.block_binding.prefix_mismatch_behavior: \"drop_block\"`.",
        "claude-lint cannot verify signatures offline.",
        source="api-rules.md §11 TH11 (observed)",
    ),
    Known(
        "thinking blocks modified",
        ("messages.{n}.content.{m}: `thinking` or `redacted_thinking` blocks in the latest assistant message "
         "cannot be modified. These blocks must remain as they were in the original response.",),
        400, "invalid_request_error",
        "The thinking blocks of the latest assistant turn differ from what the API returned.",
        "Text of a thinking block edited, blocks reordered, merged, dropped or truncated by a client or proxy.",
        "Pass the latest assistant turn back unchanged, thinking blocks included.",
        "claude-lint cannot compare with the original response offline.",
        source="api-rules.md §11 TH10 (observed)",
    ),
    Known(
        "unknown endpoint",
        ("Not Found",),
        404, "not_found_error",
        "The URL's path is not an endpoint of the API.",
        "A singular `/v1/message`, a base URL that already ends in `/v1` (the SDK adds `/v1/messages` itself), "
        "an OpenAI-style path such as `/v1/chat/completions`.",
        "Send Messages requests to `POST https://api.anthropic.com/v1/messages`; give the SDKs a base URL "
        "without `/v1`.",
        "claude-lint checks the endpoint only when it is given the URL (request context, HAR files).",
        quote="`Not Found`", source="docs api/errors (404); api-rules.md §1.1",
    ),
    Known(
        "no credential",
        ("x-api-key header is required",),
        401, "authentication_error",
        "The request carried no API key.",
        "The key variable is empty or unset, a proxy dropped the header, or the key was put in the body.",
        "Send the key in `x-api-key` (or `Authorization: Bearer <key>` with current SDKs); check that the "
        "environment variable is set where the code runs.",
        _NO_HEADERS, quote="x-api-key header is required", source="api-rules.md §2 H2 (observed)",
    ),
    Known(
        "invalid API key",
        ("invalid x-api-key",),
        401, "authentication_error",
        "The API key is not valid: mistyped, revoked, expired, or with stray characters.",
        "A trailing newline or space copied with the key, a key of another provider, a deleted key.",
        "Create or copy the key again from the Console; strip whitespace around it. Retrying does not help.",
        "claude-lint cannot validate a key offline; it can only check that one is present and shaped like a key.",
        quote="invalid x-api-key", source="api-rules.md §2 H3 (observed second-hand)",
    ),
    Known(
        "bearer token not accepted",
        ("OAuth authentication is currently not supported.",),
        401, "authentication_error",
        "An `Authorization: Bearer` token was not accepted (older API: bearer meant OAuth only).",
        "An API key sent as a bearer token through an old path, or an OAuth token without its beta header.",
        "Send an API key in `x-api-key`, or use the SDK's auth options.",
        _NO_HEADERS, quote="OAuth authentication is currently not supported", source="api-rules.md §2 H4 (observed)",
    ),
    Known(
        "CORS not allowed",
        ("CORS requests are not allowed for this Organization{rest}",),
        401, "authentication_error",
        "The request came from a browser (it has an `Origin` header) and the organisation does not allow direct "
        "browser access.",
        "Calling the API from front-end code.",
        "Send the request from your own back end; no change to the browser request fixes it.",
        _NO_HEADERS, source="docs api/errors (401)",
    ),
    Known(
        "anthropic-version missing",
        ("anthropic-version: header is required",),
        400, "invalid_request_error",
        "The `anthropic-version` header is missing.",
        "A hand-written HTTP client or a proxy that drops headers.",
        "Send `anthropic-version: 2023-06-01` (or `2026-10-21`).",
        _NO_HEADERS, quote="anthropic-version: header is required", source="api-rules.md §2 H5 (observed)",
    ),
    Known(
        "anthropic-version invalid",
        ('anthropic-version: "{value}" is not a valid version',),
        400, "invalid_request_error",
        "The `anthropic-version` header is not a version the API knows.",
        "A made-up date, or the header sent twice (the values are joined with `, `).",
        "Send exactly one of `2023-06-01` or `2026-10-21`.",
        _NO_HEADERS, quote="is not a valid version", source="api-rules.md §2 H6 (observed)",
    ),
    Known(
        "unknown beta",
        ("Unexpected value(s) `{betas}` for the `anthropic-beta` header{rest}",),
        400, "invalid_request_error",
        "An `anthropic-beta` value is unknown, or not available to this organisation.",
        "A typo in the beta name, a retired beta, or a beta of another platform.",
        "Use a beta name from the docs, or drop the header.",
        _NO_HEADERS, quote="for the `anthropic-beta` header", source="api-rules.md §2 H7 (observed second-hand)",
    ),
    Known(
        "body is not JSON",
        ("The request body is not valid JSON: {detail}",),
        400, "invalid_request_error",
        "The body could not be parsed as JSON.",
        "A control character or unescaped quote in a string, a truncated body, or a body built by string "
        "concatenation.",
        "Serialise the body with a JSON library.",
        "claude-lint reports a body that is not valid JSON as a load error (exit status 2), with its position.",
        source="api-rules.md §2 H1 (observed)",
    ),
    Known(
        "overloaded",
        ("Overloaded",),
        529, "overloaded_error",
        "The API is temporarily overloaded across all users; the request itself is fine.",
        "High traffic on the API, not your usage.",
        "Retry later with exponential backoff and jitter (see the status below).",
        "Not a request problem: nothing to lint.",
        source="docs api/errors (529)",
    ),
    Known(
        "internal server error",
        ("Internal server error",),
        500, "api_error",
        "An unexpected error inside the API.",
        "A fault on Anthropic's side, not your request.",
        "Retry with backoff; if it persists, check status.claude.com and report the request_id.",
        "Not a request problem: nothing to lint.",
        source="docs api/errors (500)",
    ),
    Known(
        "invalid model name",
        ("invalid model name",),
        400, "invalid_request_error",
        "The model string was rejected as malformed (Claude Code tells it apart from the 404 `model: <id>`).",
        "The trigger is not known publicly; usually a malformed `model` value.",
        "Use a model id from the models overview.",
        "claude-lint checks model ids against its catalog (CL601), but cannot say what triggers this text.",
        related=("CL601",), source="api-rules.md §4 M4 (observed second-hand)",
    ),
    Known(
        "too many PDF pages",
        ("A maximum of {limit} PDF pages may be provided.",),
        400, "invalid_request_error",
        "The PDFs of the request have more pages than allowed (100 by default).",
        "Large PDFs, or several PDFs in one conversation.",
        "Split the document, send only the pages needed, or use a model with a larger page allowance.",
        "claude-lint does not count PDF pages, so it cannot check this offline.",
        source="api-rules.md §7 DOC1 (observed second-hand)",
    ),
    Known(
        "roles must alternate (historic)",
        ('messages: roles must alternate between "user" and "assistant", but found multiple "{role}" roles in a row',
         "A conversation must alternate between user and assistant roles{rest}"),
        400, "invalid_request_error",
        "Two messages of the same role in a row. The Claude API merges such turns since October 2024; this "
        "text now comes from older endpoints or Amazon Bedrock's Converse API.",
        "Two user messages sent back to back (for example a tool result and a new question as separate messages).",
        "Merge consecutive same-role messages into one, or send them through the Claude Messages API.",
        "Not an error on the Claude API today, so claude-lint does not report it.",
        source="api-rules.md §5 G6 (observed, historic)",
    ),
    Known(
        "first message must be user (historic)",
        ('messages: first message must use the "user" role',),
        400, "invalid_request_error",
        "The conversation starts with an assistant message. The Claude API accepts that since October 2024.",
        "An assistant greeting kept at the start of the history.",
        "Start with a user message, or use an endpoint that accepts assistant-first conversations.",
        "Not an error on the Claude API today, so claude-lint does not report it.",
        source="api-rules.md §5 G7 (observed, historic)",
    ),
    Known(
        "Claude Code's web search domains",
        ("Cannot specify both allowed_domains and blocked_domains in the same request",),
        None, None,
        "Claude Code's own tool error (not the API's): a web search was given both an allow list and a block list.",
        "Both `allowed_domains` and `blocked_domains` set on one web search.",
        "Keep one of the two lists.",
        "The API rejects the same combination; CL304 reports it in a request body.",
        related=("CL304",), source="api-rules.md §8 TOOL13",
    ),
)


@dataclass(frozen=True)
class Status:
    status: int
    error_type: Optional[str]
    meaning: str
    retry: str  # "yes", "no", or "depends"
    how: str
    related: tuple = ()
    # False when the status alone says little and the message carries the explanation (400).
    message_free: bool = True


BACKOFF = ("exponential backoff with jitter: wait about 1, 2, 4, 8 ... seconds (capped, e.g. at 60 s) plus a random "
           "part, honour the `retry-after` response header when it is present, and give up after a few attempts. "
           "The official SDKs already retry 408, 409, 429 and 5xx twice by default this way (`max_retries`); do not "
           "stack your own retry loop on top without lowering it.")

STATUSES = {s.status: s for s in (
    Status(400, "invalid_request_error",
           "The request's format or content is invalid; the message names the problem. The API also answers 400 "
           "when usage reaches a spend limit you set for the organisation or a workspace.",
           "no", "Retrying sends the same error: fix the request (claude-lint finds most of these before sending: "
           "`claude-lint request.json`). A spend-limit 400 clears only when the limit is raised.",
           message_free=False),
    Status(401, "authentication_error",
           "The API key is missing, malformed, revoked or expired (on Claude Platform on AWS, also AWS "
           "credentials or the SigV4 signature).",
           "no", "Fix the credential: `x-api-key: <key>` (or `Authorization: Bearer <key>` with current SDKs), "
           "no stray whitespace or newline, a key that is still active."),
    Status(402, "billing_error",
           "A billing or payment problem.",
           "no", "Check the payment details in the Claude Console (or AWS Marketplace on Claude Platform on AWS)."),
    Status(403, "permission_error",
           "The API key may not use this resource (model, feature or workspace).",
           "no", "Check the organisation's access and the workspace settings in the Claude Console."),
    Status(404, "not_found_error",
           "The resource was not found: a wrong endpoint path (the Messages API is POST /v1/messages, "
           "/v1/messages/count_tokens, /v1/messages/batches) or a wrong id in the URL. On /v1/messages the "
           "message `model: <id>` means the model id is unknown or retired.",
           "no", "Fix the URL or the model id (claude-lint checks model ids: CL601, CL602).",
           related=("CL601", "CL602")),
    Status(409, "conflict_error",
           "The request conflicts with the current state of a resource (modified concurrently, or a value that "
           "must be unique is taken).",
           "depends", "Resolve the conflict, then retry; the SDKs retry 409 automatically."),
    Status(413, "request_too_large",
           "The body is larger than the endpoint accepts (32 MB for /v1/messages and count_tokens, 256 MB for "
           "batches). It is answered before the API proper, with a body that has no `\"type\": \"error\"` wrapper.",
           "no", "Shrink the request: send large files through the Files API or by URL, downscale images, split "
           "batches.", related=("CL620",)),
    Status(422, None,
           "Not an answer of the first-party API, which has no 422: a FastAPI-style body (`{\"detail\": [...]}`) "
           "comes from a proxy or gateway between you and the API.",
           "no", "Read the proxy's message; check the base URL you send to."),
    Status(429, "rate_limit_error",
           "The organisation hit a rate limit (requests, input or output tokens per minute, or an acceleration "
           "limit after a sharp increase in usage), reached its usage tier's monthly spend cap, or hit the "
           "Claude Code workspace spend limit.",
           "yes", "Wait as long as `retry-after` says, then retry; without that header use " + BACKOFF + " A 429 "
           "without `retry-after` for the tier's monthly spend cap (`error.details.error_code: "
           "enforced_spend_limit_reached`) does not clear by retrying. Ramp traffic up gradually."),
    Status(500, "api_error",
           "An unexpected error inside Anthropic's systems; not caused by the request.",
           "yes", "Retry with " + BACKOFF),
    Status(504, "timeout_error",
           "The request timed out while being processed.",
           "yes", "Use streaming for long requests (or lower max_tokens), then retry with " + BACKOFF),
    Status(529, "overloaded_error",
           "The API is temporarily overloaded across all users; the request is fine and this is not your rate "
           "limit.",
           "yes", "Retry later with " + BACKOFF),
)}

STATUS_OF_TYPE = {s.error_type: s.status for s in STATUSES.values() if s.error_type}

# The SDKs' exception classes (Python and TypeScript share the names).
STATUS_OF_EXCEPTION = {
    "BadRequestError": 400, "AuthenticationError": 401, "PermissionDeniedError": 403, "NotFoundError": 404,
    "ConflictError": 409, "RequestTooLargeError": 413, "UnprocessableEntityError": 422, "RateLimitError": 429,
    "InternalServerError": 500, "DeadlineExceededError": 504, "OverloadedError": 529,
}
