"""Guard an ``anthropic`` SDK client: every Messages request is checked before it leaves.

:func:`guard` wraps the transports of the client's HTTP client (``httpx2`` in SDK 1.x and 2.x,
``httpx`` in older SDKs). For ``POST /v1/messages``, ``/v1/messages/count_tokens`` and
``/v1/messages/batches``, the wrapper lints the JSON body with the URL and the headers the request
really carries: the ``anthropic-version`` header selects the rules, and the path, the credential,
``anthropic-version`` and ``anthropic-beta`` are checked too (the credential itself is never
written into a finding). When the API would reject the request, the request is never sent: the
wrapper answers with the API's own error response (the predicted status, the API-shaped JSON body,
``x-should-retry: false``). The SDK turns that into its usual exception (``BadRequestError``,
``NotFoundError``, ...) and does not retry. Every other request goes through untouched.

Why a transport and not an exception: the SDK wraps anything a transport raises in
``APIConnectionError`` and retries it (``_base_client.py``, ``_attempt_request``), while an
error *response* goes through the same path as a real API error.

Neither ``anthropic`` nor the HTTP library is imported here: the response class comes from the
library the client already uses.
"""
from __future__ import annotations

import json
import logging
import sys
from typing import Callable, Optional

from ..data.transport import version_status
from ..diagnostic import Diagnostic, RequestInvalid

logger = logging.getLogger("claude_lint")

# URL path suffix (a base_url may add a prefix) -> the linter's endpoint; only POSTs are checked.
_ENDPOINTS = {
    "/v1/messages": "messages",
    "/v1/messages/count_tokens": "count_tokens",
    "/v1/messages/batches": "batch",
}
_HTTP_LIBRARIES = ("httpx2", "httpx")


def log_warning(diagnostic: Diagnostic) -> None:
    """The default ``on_warning``: one ``logging`` warning on the ``claude_lint`` logger."""
    where = f" at {diagnostic.path}" if diagnostic.path else ""
    logger.warning("claude-lint %s (%s)%s: %s", diagnostic.code, diagnostic.name, where, diagnostic.message)


def guard(client, *, on_warning: Optional[Callable[[Diagnostic], None]] = None, linter=None):
    """Make ``client`` (``anthropic.Anthropic`` or ``AsyncAnthropic``) lint every Messages request
    before sending it; returns the same client.

    A request the API would reject raises the SDK's exception for the predicted status, with the
    API-shaped error body in ``.body``; the findings are in
    ``err.response.extensions["claude_lint"]`` (a :class:`~claude_lint.RequestInvalid`). Warnings
    never block: each one is passed to ``on_warning`` (default: :func:`log_warning`). ``linter`` is a
    :class:`~claude_lint.checking.engine.Linter` (default: the shared one).

    The guard lives in the client's HTTP client, so copies made with ``with_options`` share it,
    and so does every SDK client given the same ``http_client``. Guarding twice replaces the
    options rather than checking twice.
    """
    http = getattr(client, "_client", None)
    library = _http_library(http)
    if library is None:
        raise TypeError(f"guard() expects an anthropic.Anthropic or AsyncAnthropic client, got {type(client).__name__}")
    if linter is None:
        from .. import _linter

        linter = _linter()
    check = _Check(linter, on_warning or log_warning, library.Response)
    http._transport = _GuardTransport(_unwrap(http._transport), check)
    # mounts route proxied URLs; None means "the default transport", already wrapped above
    http._mounts = {
        pattern: None if transport is None else _GuardTransport(_unwrap(transport), check)
        for pattern, transport in http._mounts.items()
    }
    return client


def _http_library(http):
    """The ``httpx``/``httpx2`` module ``http`` is a client of, or ``None``."""
    if not (hasattr(http, "_transport") and hasattr(http, "_mounts")):
        return None
    for cls in type(http).__mro__:
        top = cls.__module__.partition(".")[0]
        if top in _HTTP_LIBRARIES and cls.__name__ in ("Client", "AsyncClient"):
            return sys.modules[top]
    return None


def _unwrap(transport):
    return transport.inner if isinstance(transport, _GuardTransport) else transport


class _Check:
    """Immutable: the linter, the warning callback and the library's response class."""

    def __init__(self, linter, on_warning, response_class):
        self.linter = linter
        self.on_warning = on_warning
        self.response_class = response_class

    def endpoint(self, request) -> Optional[str]:
        if request.method != "POST":
            return None
        path = request.url.path.rstrip("/")
        return next((name for suffix, name in _ENDPOINTS.items() if path.endswith(suffix)), None)

    def __call__(self, request, endpoint: str):
        """The error response to answer ``request`` with, or ``None`` to send it."""
        version = request.headers.get("anthropic-version")
        if version is not None and version_status(version.strip(" \t")) == "newer":
            return None  # a version released after this linter: no guessing
        try:
            body = json.loads(request.content)
        except ValueError:  # not JSON (or not UTF-8): not ours to judge
            return None
        try:
            diagnostics = self.linter.validate(body, endpoint=endpoint, headers=request.headers.multi_items(),
                                               url=str(request.url), body_size=len(request.content))
        except Exception:  # a linter bug must not stop a request the API may well accept
            logger.exception("claude-lint failed on a %s request; sending it unchecked", endpoint)
            return None
        if any(d.is_error for d in diagnostics):
            return self._response(request, RequestInvalid(diagnostics))
        for diagnostic in diagnostics:
            try:
                self.on_warning(diagnostic)
            except Exception:  # raising here would surface as a retried APIConnectionError
                logger.exception("claude-lint on_warning callback failed")
        return None

    def _response(self, request, invalid: RequestInvalid):
        return self.response_class(
            invalid.status or 400,
            headers={
                "content-type": "application/json",
                "x-should-retry": "false",
                "x-claude-lint": invalid.error.code,
            },
            content=json.dumps(invalid.body).encode(),
            request=request,
            extensions={"claude_lint": invalid},
        )


class _GuardTransport:
    """Wraps an httpx transport (sync or async); requests that pass reach ``inner`` untouched."""

    def __init__(self, inner, check: _Check):
        self.inner = inner
        self._check = check

    def handle_request(self, request):
        endpoint = self._check.endpoint(request)
        if endpoint is not None:
            request.read()
            blocked = self._check(request, endpoint)
            if blocked is not None:
                return blocked
        return self.inner.handle_request(request)

    async def handle_async_request(self, request):
        endpoint = self._check.endpoint(request)
        if endpoint is not None:
            await request.aread()
            blocked = self._check(request, endpoint)
            if blocked is not None:
                return blocked
        return await self.inner.handle_async_request(request)

    def close(self):
        self.inner.close()

    async def aclose(self):
        await self.inner.aclose()

    def __enter__(self):
        self.inner.__enter__()
        return self

    def __exit__(self, *exc_info):
        self.inner.__exit__(*exc_info)

    async def __aenter__(self):
        await self.inner.__aenter__()
        return self

    async def __aexit__(self, *exc_info):
        await self.inner.__aexit__(*exc_info)
