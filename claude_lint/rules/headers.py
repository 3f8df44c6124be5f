"""CL96x–CL97x: the HTTP request around the body — endpoint path, credential, `anthropic-version`,
`anthropic-beta` (api-rules §2 H2–H8; api-version-2026-10-21.md §2 VH1–VH16).

These rules run only when the caller gives the request's headers (``validate(..., headers=...)``,
a HAR capture, the SDK guard) or its URL; a body alone says nothing about them. Their findings are
about the request, not the body: the path is a pseudo-path, ``headers.<lower-case name>`` or
``url``. They run first (Phase.HEADERS): the API routes the request and checks the credential and
headers before it reads the body (api-rules §1.4).

A credential is never written into a finding: at most its first characters and its length
(:func:`claude_lint.data.transport.mask`).
"""
from __future__ import annotations

import difflib
import re
from typing import Optional

from ..data import betas, transport
from ..data.versions import VERSIONS
from .base import NOT_FOUND, Finding, Phase, rule, warn

# The HTTP request exists once per call: for a batch, on the create body, not per `params`.
_HTTP_SCOPES = ("messages", "count_tokens", "batch")
_UNAUTHORIZED = (401, "authentication_error")


def _header(ctx, name: str) -> Optional[str]:
    return ctx.headers.get(name) if ctx.headers else None


def _path(url: str) -> str:
    parts = transport.split_url(url)
    return parts[3] if parts else "/"


def _direct(ctx) -> bool:
    """Whether the request goes to the Claude API itself (or where to is not known). A gateway
    (another host) often adds or replaces the credential and the version header, and takes keys
    of its own, so what the Claude API requires of them is only a warning there."""
    return not ctx.url or transport.is_api_host(ctx.url)


def _via_gateway(finding: Finding) -> Finding:
    from dataclasses import replace

    return replace(finding, severity="warning", status=None, error_type=None, api_message=None,
                   message=finding.message + " (sent through a gateway, which may supply it)")


# --- where the request goes ----------------------------------------------------------------------


def _is(path: str, tail: str) -> bool:
    return path.rstrip("/").endswith(tail)


def _suggestion(path: str) -> str:
    if "/v1/v1/" in path + "/":
        return "; the base URL already ends in /v1 and the client adds another: drop /v1 from the base URL"
    tail = path[path.find("/v1/"):] if "/v1/" in path else path
    found = difflib.get_close_matches(tail.rstrip("/"), list(transport.PATHS), n=1, cutoff=0.6)
    return f"; did you mean `{found[0]}`?" if found else ""


@rule("CL960", "unknown-endpoint", phase=Phase.HEADERS, api=NOT_FOUND, evidence="O2", endpoints=_HTTP_SCOPES,
      source="api-rules.md §1.1 status table; 404 body `Not Found` observed from api.anthropic.com "
             "(flexigpt-vscode-extension#8 with request id, Fabric#1140, litellm#2016; the path requested is not shown)")
def unknown_endpoint(ctx):
    """The URL's path is not a Messages endpoint (`/v1/messages`, `/v1/messages/count_tokens`, `/v1/messages/batches`).

    The API routes on the path before anything else: on `api.anthropic.com` an unknown path is
    answered `404 not_found_error` with the message `Not Found` (observed). Typical causes: a
    singular `/v1/message`, a base URL that already ends in `/v1` (the SDK appends `/v1/messages`
    itself, giving `/v1/v1/messages`), a missing `/v1`. Through a gateway (another host) the path
    after its prefix must still end in a Messages path; what the gateway answers is its own, so
    that is a warning.

    Fix: send Messages requests to `POST https://api.anthropic.com/v1/messages`; give the SDKs a
    base URL without `/v1`.

    Bad:  POST https://api.anthropic.com/v1/message
    Good: POST https://api.anthropic.com/v1/messages
    """
    url = ctx.url
    if not url or transport.endpoint_of_url(url) or _is(_path(url), "/v1/complete") or _is(_path(url), "/chat/completions"):
        return
    path = _path(url)
    fix = "send Messages requests to /v1/messages (a base URL for the SDKs has no /v1)"
    if transport.is_api_host(url):
        yield Finding(("url",), f"`{path}` is not an endpoint of the Claude API{_suggestion(path)}",
                      api_message="Not Found", fix=fix)
    else:
        yield warn(("url",), f"`{path}` does not end in a Messages endpoint path{_suggestion(path)}",
                   status=None, error_type=None, fix=fix)


@rule("CL961", "text-completions-endpoint", phase=Phase.HEADERS, evidence="D", endpoints=_HTTP_SCOPES,
      source="API reference: Create a Text Completion (POST /v1/complete takes `prompt` and `max_tokens_to_sample`); "
             "Claude 3 and later answered there with `\"<model>\" is not supported on this API. Please use the Messages API instead.` "
             "(observed second-hand through Bedrock)")
def text_completions_endpoint(ctx):
    """A Messages body sent to the legacy Text Completions endpoint `/v1/complete`.

    `/v1/complete` takes a `prompt` string and `max_tokens_to_sample`, not `messages`, and models
    from Claude 3 on are not served there (`"<model>" is not supported on this API. Please use the
    Messages API instead.`). A Messages body is rejected with a 400 whose exact text depends on
    which check comes first, so no text is predicted.

    Fix: send the body to `/v1/messages`.

    Bad:  POST https://api.anthropic.com/v1/complete with {"model": ..., "messages": [...]}
    Good: POST https://api.anthropic.com/v1/messages with the same body
    """
    url = ctx.url
    if not url or not _is(_path(url), "/v1/complete"):
        return
    message = "`/v1/complete` is the legacy Text Completions endpoint; it does not take a Messages body"
    if transport.is_api_host(url):
        yield Finding(("url",), message, fix="send the request to /v1/messages")
    else:
        yield warn(("url",), message, status=None, error_type=None, fix="send the request to /v1/messages")


@rule("CL962", "openai-compatible-endpoint", severity="warning", phase=Phase.HEADERS, api=None, evidence="D",
      endpoints=_HTTP_SCOPES, source="docs: OpenAI SDK compatibility (base_url https://api.anthropic.com/v1/, POST /v1/chat/completions)")
def openai_compatible_endpoint(ctx):
    """A Messages body sent to the OpenAI-compatible `/v1/chat/completions` endpoint.

    `api.anthropic.com/v1/chat/completions` exists, but it is the OpenAI SDK compatibility layer:
    it reads the body in OpenAI's Chat Completions format (system prompt as a `system` message,
    OpenAI content parts, `tools[].function`), ignores some fields and offers only part of the
    Claude API (no PDFs, citations or prompt caching). A Messages body may be misread or rejected
    there, and the Messages rules claude-lint checks do not describe that endpoint.

    Fix: send Messages bodies to `/v1/messages`; use `/v1/chat/completions` only with OpenAI-format
    bodies.

    Bad:  POST https://api.anthropic.com/v1/chat/completions with {"system": "...", "messages": [...]}
    Good: POST https://api.anthropic.com/v1/messages with the same body
    """
    url = ctx.url
    if url and _is(_path(url), "/chat/completions"):
        yield warn(("url",), "`/chat/completions` is an OpenAI-compatible endpoint: it reads OpenAI's request format, "
                   "not a Messages body", fix="send Messages bodies to /v1/messages")


# --- the credential ------------------------------------------------------------------------------

# Values that are a template or a variable nobody filled in (`undefined`/`None`: a missing
# environment variable turned into a string by JavaScript or Python).
_PLACEHOLDER = re.compile(
    r"^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{.*\}\}|<.*>|%[A-Za-z_]+%|.*your[-_ ]?(?:anthropic[-_ ]?)?api[-_ ]?key.*"
    r"|sk-ant-(?:\.\.\.|…|x{3,}|\*+).*|undefined|none|null)$",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _credentials(ctx):
    """``(header name, the credential in it)`` for each credential header: the bearer token of
    ``Authorization``, the whole value of ``x-api-key``."""
    key = _header(ctx, "x-api-key")
    if key is not None:
        yield "x-api-key", key
    auth = _header(ctx, "authorization")
    if auth is not None:
        scheme, _, token = auth.strip(" \t").partition(" ")
        yield "authorization", token if scheme.lower() == "bearer" else auth


@rule("CL965", "missing-credential", phase=Phase.HEADERS, api=_UNAUTHORIZED, endpoints=_HTTP_SCOPES,
      source="api-rules.md §2 H2 (observed: n8n#37930, gptel#354); api-version-2026-10-21.md §2.2 VH12")
def missing_credential(ctx):
    """The request carries no credential: neither `x-api-key` nor `Authorization: Bearer`.

    The API answers `401 authentication_error` with `x-api-key header is required` (observed;
    whether the text now also names `Authorization`, the header the 2026-10-21 SDKs use, is not
    captured). An empty header is no credential either.

    Fix: send the API key in `x-api-key`, or as `Authorization: Bearer <key>`.

    Bad:  headers {"anthropic-version": "2023-06-01", "content-type": "application/json"}
    Good: headers {"x-api-key": "sk-ant-api03-…", "anthropic-version": "2023-06-01", ...}
    """
    if ctx.headers is None or not _direct(ctx):
        return
    present = {name: value for name, value in _credentials(ctx)}
    if any(value.strip(" \t") for value in present.values()):
        return
    if present:
        names = " and ".join(f"`{n}`" for n in present)
        yield Finding(("headers", next(iter(present))), f"{names} {'is' if len(present) == 1 else 'are'} empty: the request has no credential",
                      fix="send the API key in `x-api-key`, or as `Authorization: Bearer <key>`")
    else:
        yield Finding(("headers", "x-api-key"), "the request has no credential: neither `x-api-key` nor `Authorization: Bearer`",
                      api_message="x-api-key header is required",
                      fix="send the API key in `x-api-key`, or as `Authorization: Bearer <key>`")


@rule("CL966", "credential-whitespace", phase=Phase.HEADERS, api=_UNAUTHORIZED, evidence="D", endpoints=_HTTP_SCOPES,
      source="RFC 9110 §5.5 (a field value has no CR, LF or NUL; surrounding whitespace is not part of it); "
             "HTTP clients refuse such values (requests, urllib3, Node `Invalid character in header content`); "
             "api-rules.md §2 H3 for an invalid key")
def credential_whitespace(ctx):
    """The API key (or bearer token) contains a line break or control character, or has spaces around it.

    A key read from a file or an environment variable often keeps its trailing newline. No valid
    header value contains one: most HTTP clients refuse to send the request (`Invalid header
    value`), and a client that sends it anyway gives the API a key it does not know (`401
    authentication_error`). Spaces or tabs around the value are stripped in transit (RFC 9110),
    so the API most likely gets the key intact; that is a warning, since proxies and your own key
    comparisons may not strip them.

    Fix: strip the key where it is read (`os.environ["ANTHROPIC_API_KEY"].strip()`).

    Bad:  {"x-api-key": "sk-ant-api03-…\\n"}
    Good: {"x-api-key": "sk-ant-api03-…"}
    """
    for name, value in _credentials(ctx):
        control = _CONTROL.search(value)
        if control:
            where = "ends with" if control.start() >= len(value.rstrip()) else "contains"
            what = "a line break" if control.group() in "\r\n" else f"the control character U+{ord(control.group()):04X}"
            yield Finding(("headers", name), f"the credential in `{name}`, {transport.mask(value.strip())}, {where} {what}: "
                          "HTTP clients refuse to send it, and no valid key contains one",
                          fix="strip the key where it is read")
        elif value != value.strip(" \t") and value.strip(" \t"):
            yield warn(("headers", name), f"the credential in `{name}`, {transport.mask(value.strip())}, has spaces around "
                       "it; HTTP strips them in transit, but proxies and key comparisons may not",
                       status=None, error_type=None, fix="strip the key where it is read")


@rule("CL967", "invalid-api-key", phase=Phase.HEADERS, api=_UNAUTHORIZED, endpoints=_HTTP_SCOPES,
      source="api-rules.md §2 H3 (observed second-hand: `invalid x-api-key` for an invalid key, fix:57368888353; cline#12)")
def invalid_api_key(ctx):
    """The credential is certainly not a key: a placeholder, an unexpanded variable, `Bearer ` in `x-api-key`.

    Also a value with a space inside, or several values (the header sent twice).

    A value such as `$ANTHROPIC_API_KEY`, `${ANTHROPIC_API_KEY}`, `{{api_key}}`, `<your-api-key>`,
    `YOUR_API_KEY` or `sk-ant-...` means a template or an environment variable was not filled in;
    `Bearer sk-ant-…` in `x-api-key` is the `Authorization` form in the wrong header. The API
    answers `401 authentication_error` with `invalid x-api-key` (observed second-hand) for a key in
    `x-api-key`; for a bearer token the text is not captured.

    Fix: fill in the real key (check the variable is exported), and put the bare key in
    `x-api-key` or `Bearer <key>` in `Authorization`.

    Bad:  {"x-api-key": "Bearer sk-ant-api03-…"}  or  {"x-api-key": "$ANTHROPIC_API_KEY"}
    Good: {"x-api-key": "sk-ant-api03-…"}
    """
    if not _direct(ctx):
        return  # a gateway's own keys look like anything
    for name, value in _credentials(ctx):
        key = value.strip(" \t")
        if not key or _CONTROL.search(value):
            continue  # empty: CL965; line breaks: CL966
        if name == "x-api-key" and key.lower().startswith("bearer "):
            why = "starts with `Bearer `: that is the `Authorization` header's form; `x-api-key` takes the bare key"
        elif _PLACEHOLDER.match(key):
            why = "is a placeholder or an unexpanded variable, not a key"
        elif "," in key:
            why = "holds several values: the header was sent more than once, and the API gets them joined with `, `"
        elif re.search(r"\s", key):
            why = "contains whitespace; keys never do"
        else:
            continue
        yield Finding(("headers", name), f"the credential in `{name}`, {transport.mask(key)}, {why}",
                      api_message="invalid x-api-key" if name == "x-api-key" else None,
                      fix="send the real key: in `x-api-key` bare, in `Authorization` as `Bearer <key>`")


@rule("CL968", "oauth-token-without-beta", phase=Phase.HEADERS, api=_UNAUTHORIZED, endpoints=_HTTP_SCOPES,
      source="api-rules.md §2 H4 (observed: cc#5983, cc#6131, sdkpy#988, opencode#17910; OAuth needs beta oauth-2025-04-20)")
def oauth_token_without_beta(ctx):
    """An OAuth access token (`sk-ant-oat…`) sent as a bearer token without the `oauth-2025-04-20` beta.

    The API accepts OAuth access tokens only with `anthropic-beta: oauth-2025-04-20`; without it
    the answer is `401 authentication_error` with `OAuth authentication is currently not
    supported.` (observed). API keys (`sk-ant-api…`) as bearer tokens need no beta (VH9), and
    when `x-api-key` is also sent the API uses that one (VH11).

    Fix: add `oauth-2025-04-20` to `anthropic-beta`, or use an API key.

    Bad:  {"authorization": "Bearer sk-ant-oat01-…", "anthropic-version": "2023-06-01"}
    Good: {"authorization": "Bearer sk-ant-oat01-…", "anthropic-beta": "oauth-2025-04-20", ...}
    """
    auth = _header(ctx, "authorization")
    if auth is None or (_header(ctx, "x-api-key") or "").strip() or not _direct(ctx):
        return
    scheme, _, token = auth.strip(" \t").partition(" ")
    if scheme.lower() == "bearer" and token.startswith("sk-ant-oat") and betas.OAUTH not in ctx.betas:
        yield Finding(("headers", "authorization"), f"the bearer token, {transport.mask(token)}, is an OAuth access token, "
                      f"and the request does not send the `{betas.OAUTH}` beta",
                      api_message="OAuth authentication is currently not supported.",
                      fix=f"add `{betas.OAUTH}` to the anthropic-beta header, or use an API key")


@rule("CL969", "credential-placement", severity="warning", phase=Phase.HEADERS, api=None, evidence="O2", endpoints=_HTTP_SCOPES,
      source="api-version-2026-10-21.md §2.2 VH9-VH11 (documented; QIITA live test: with both headers the API uses x-api-key); "
             "litellm#21039 vs zylos-core#344 disagree on OAuth tokens in x-api-key")
def credential_placement(ctx):
    """The credential is in a header the API may not read as intended.

    - Both `x-api-key` and `Authorization: Bearer` are sent with different values: the API uses
      `x-api-key` (observed second-hand) and ignores the bearer token.
    - `Authorization` without the `Bearer ` scheme: the API reads `Authorization: Bearer <token>`.
    - An OAuth access token (`sk-ant-oat…`) or an Admin API key (`sk-ant-admin…`) in `x-api-key`:
      OAuth tokens belong in `Authorization: Bearer` with the `oauth-2025-04-20` beta (reports
      disagree whether `x-api-key` takes them); Admin keys work only on the Admin API.

    API keys sent as `Authorization: Bearer` are fine: the 2026-10-21 SDKs send them that way.

    Fix: send one credential, in the header made for it.

    Bad:  {"x-api-key": "sk-ant-api03-…", "authorization": "Bearer sk-ant-oat01-…"}
    Good: {"x-api-key": "sk-ant-api03-…"}
    """
    if not _direct(ctx):
        return
    key = (_header(ctx, "x-api-key") or "").strip()
    auth = (_header(ctx, "authorization") or "").strip()
    scheme, _, token = auth.partition(" ")
    token = token.strip()
    if key and auth and scheme.lower() == "bearer" and token and token != key:
        yield warn(("headers", "authorization"), "both `x-api-key` and `Authorization` carry a credential, and they differ: "
                   "the API uses `x-api-key` and ignores the bearer token", fix="send one credential")
    if auth and not key and scheme.lower() != "bearer":
        yield warn(("headers", "authorization"), f"`Authorization`, {transport.mask(auth)}, does not use the `Bearer` scheme: "
                   "the API reads `Authorization: Bearer <token>`", fix="send `Authorization: Bearer <key>`, or the key in `x-api-key`")
    if key.startswith("sk-ant-oat"):
        yield warn(("headers", "x-api-key"), f"`x-api-key` holds an OAuth access token, {transport.mask(key)}; OAuth tokens "
                   f"belong in `Authorization: Bearer` with the `{betas.OAUTH}` beta", fix="send it as `Authorization: Bearer <token>`")
    for name, value in (("x-api-key", key), ("authorization", token)):
        if value.startswith("sk-ant-admin"):
            yield warn(("headers", name), f"`{name}` holds an Admin API key, {transport.mask(value)}; Admin keys work only "
                       "on the Admin API, not on Messages", fix="use a regular API key (sk-ant-api…)")


# --- anthropic-version ---------------------------------------------------------------------------


@rule("CL970", "missing-anthropic-version", phase=Phase.HEADERS, endpoints=_HTTP_SCOPES,
      source="api-rules.md §2 H5 (observed: pipedream#9697, marinara#120, envoy#1909); api-version-2026-10-21.md VH3")
def missing_anthropic_version(ctx):
    """The `anthropic-version` header is missing.

    Every request must name the API version. The API answers `400 invalid_request_error` with
    `anthropic-version: header is required` (observed, 2023 to 2026). The SDKs send it; raw HTTP
    clients, gateways and hand-written curl calls forget it.

    Fix: send `anthropic-version: 2023-06-01` (or `2026-10-21`, what the current SDKs send).

    Bad:  headers {"x-api-key": "sk-ant-…", "content-type": "application/json"}
    Good: headers {"x-api-key": "sk-ant-…", "anthropic-version": "2023-06-01", "content-type": "application/json"}
    """
    if ctx.headers is not None and "anthropic-version" not in ctx.headers:
        finding = Finding(("headers", "anthropic-version"), "the `anthropic-version` header is missing",
                          api_message="anthropic-version: header is required",
                          fix=f"send `anthropic-version: {ctx.version.name}`")
        yield finding if _direct(ctx) else _via_gateway(finding)


@rule("CL971", "invalid-anthropic-version", phase=Phase.HEADERS, endpoints=_HTTP_SCOPES,
      source="api-rules.md §2 H6 (observed: directus#285, 9router#2357, 9router#1475, conductai#2179); "
             "api-version-2026-10-21.md VH1, VH2")
def invalid_anthropic_version(ctx):
    """`anthropic-version` is not a version the API knows.

    The API knows `2023-06-01` and `2026-10-21` and answers anything else with `anthropic-version:
    "<value>" is not a valid version` (observed). A header sent twice arrives joined,
    `"2023-06-01, 2023-06-01"`, and fails the same way (observed). `2023-01-01`, the initial
    version, may or may not still be accepted (warning). A date after the newest version
    claude-lint knows may be a version released since: a warning, and the body is checked under
    the newest known version.

    Fix: send exactly one `anthropic-version` header, `2023-06-01` or `2026-10-21`.

    Bad:  {"anthropic-version": "2023-10-01"}
    Good: {"anthropic-version": "2023-06-01"}
    """
    raw = _header(ctx, "anthropic-version")
    if raw is None:
        return
    value = raw.strip(" \t")
    status = transport.version_status(value)
    if status == "known":
        return
    loc, known = ("headers", "anthropic-version"), " or ".join(f"`{v}`" for v in VERSIONS)
    text = f'anthropic-version: "{value}" is not a valid version'
    if status == "invalid":
        why = " (the header was sent more than once)" if "," in value else ""
        finding = Finding(loc, f"`anthropic-version: {value}` is not a valid version{why}; the API knows {known}",
                          api_message=text, fix=f"send `anthropic-version: {ctx.version.name}`")
        yield finding if _direct(ctx) else _via_gateway(finding)
    elif status == "legacy":
        yield warn(loc, f"`{value}` is the initial API version; whether the API still accepts it is not recorded "
                   f"(claude-lint checks the body under {ctx.version.name})", status=None, error_type=None,
                   fix=f"send `anthropic-version: {ctx.version.name}`")
    else:
        yield warn(loc, f"claude-lint does not know API version `{value}`, newer than {ctx.version.name}; unless it "
                   f"has been released since, the API rejects it (the body was checked under {ctx.version.name})",
                   api_message=text, fix=f"check the version, or send `anthropic-version: {ctx.version.name}`")


# --- anthropic-beta ------------------------------------------------------------------------------


@rule("CL975", "unknown-beta", severity="warning", phase=Phase.HEADERS, endpoints=_HTTP_SCOPES,
      source="api-rules.md §2 H7 (observed second-hand: docs beta-headers page, fix:70688654755; observed: "
             "claude-code#53855, zed#42715, new-api#2975); api-version-2026-10-21.md VH15")
def unknown_beta(ctx):
    """`anthropic-beta` names a beta claude-lint does not know.

    The API answers an unknown name, or one the organisation may not use, with ``Unexpected
    value(s) `<name>` for the `anthropic-beta` header. Please consult our documentation at
    platform.claude.com/docs or try again without the header.`` (all unknown names listed, each in
    backticks; bodies up to 2026-04 cite docs.anthropic.com). New betas ship often and some are
    granted to single organisations, so a name missing from claude-lint's list is a warning; a
    close known name is suggested. Vertex AI and Bedrock accept fewer betas than the Claude API.

    Fix: use the exact name from the feature's documentation, separate names with commas, or drop
    the header.

    Bad:  {"anthropic-beta": "interleaved-thinking-2025-05-15"}
    Good: {"anthropic-beta": "interleaved-thinking-2025-05-14"}
    """
    unknown = list(dict.fromkeys(name for name in ctx.betas if name not in betas.KNOWN))
    for name in unknown:
        near = betas.closest(name)
        hint = f"; did you mean `{near}`?" if near else (
            "; separate beta names with commas" if re.search(r"[\s;]", name) else "")
        yield Finding(("headers", "anthropic-beta"), f"`{name}` is not a beta name claude-lint knows{hint}",
                      api_message=betas.unknown_text(unknown),
                      fix=f"use `{near}`" if near else "check the name in the feature's documentation, or drop it")


@rule("CL976", "unneeded-beta", severity="warning", phase=Phase.HEADERS, api=None, evidence="D", endpoints=_HTTP_SCOPES,
      source="api-version-2026-10-21.md §2.3 VH16 (SDK 1.9.0 changelog); Vertex AI rejects prompt-caching-2024-07-31 "
             "(observed: zed#42715, LibreChat#11309)")
def unneeded_beta(ctx):
    """`anthropic-beta` names a beta whose feature is generally available.

    The API still accepts these names, but they do nothing: prompt caching, PDFs, token counting,
    the 1-hour cache TTL, Message Batches and a few more are part of the API. The SDKs deprecate
    them (removal planned), and Vertex AI already answers some of them with `Unexpected value(s)`.

    Fix: remove the name from the header.

    Bad:  {"anthropic-beta": "prompt-caching-2024-07-31"}
    Good: no anthropic-beta header
    """
    for name in dict.fromkeys(ctx.betas):
        feature = betas.GENERALLY_AVAILABLE.get(name)
        if feature:
            yield warn(("headers", "anthropic-beta"), f"`{name}` is no longer needed: {feature} is generally available",
                       fix=f"remove `{name}` from the anthropic-beta header")
