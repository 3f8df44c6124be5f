"""claude-lint: the Claude Messages API's verdict on a request, before it is sent.

    >>> import claude_lint
    >>> claude_lint.validate({"model": "claude-opus-4-8", "messages": []})  # doctest: +SKIP
    [Diagnostic(code='CL101', name='missing-field', ..., api_message='max_tokens: Field required'), ...]

``validate`` returns every finding; ``check`` raises :class:`RequestInvalid` (carrying the findings
and the API-shaped error body of the first error the API would report) when the request would be
rejected. Both are pure: no I/O, no shared mutable state, the input is never modified.

``guard(client)`` makes an ``anthropic`` SDK client check every Messages request before sending it
(``pip install claude-lint[anthropic]``).
"""
from __future__ import annotations

from typing import Any, Optional

from .__about__ import __version__
from .diagnostic import ERROR, WARNING, Diagnostic, RequestInvalid

__all__ = ["validate", "check", "guard", "Diagnostic", "RequestInvalid", "ERROR", "WARNING", "__version__"]

_default_linter = None


def _linter():
    # Built on first use so that `import claude_lint` stays cheap; the Linter is immutable, so the
    # cached instance is shared safely between threads.
    global _default_linter
    if _default_linter is None:
        from .checking.engine import Linter

        _default_linter = Linter()
    return _default_linter


def validate(body: Any, *, endpoint: str = "messages", api_version: Optional[str] = None,
             headers=None, url: Optional[str] = None, body_size: Optional[int] = None) -> list:
    """Every problem the API would find in ``body``, in the order the API checks them.

    ``endpoint`` is ``"messages"`` (``POST /v1/messages``), ``"count_tokens"``
    (``POST /v1/messages/count_tokens``) or ``"batch"`` (the Message Batches create body,
    ``{"requests": [{"custom_id", "params"}, ...]}``). ``api_version`` is the ``anthropic-version``
    header the request is sent with: ``"2023-06-01"`` (the default) or ``"2026-10-21"``.

    ``headers`` (a mapping, names in any case, a repeated header as a list of values; or
    ``(name, value)`` pairs) and ``url`` (the full request URL) describe the HTTP request; when
    given, the path, the credential, ``anthropic-version`` and ``anthropic-beta`` are checked too,
    and their findings come first, with the pseudo-path ``headers.<name>`` or ``url``. The
    ``anthropic-version`` header, when it names a version claude-lint knows, is the version the
    body is checked under (it is what the API reads; ``api_version`` then does not apply). A URL
    naming one of the three endpoints decides ``endpoint``. Credentials never appear in a finding:
    at most their first characters and length. ``body_size``, the body's length in bytes as sent,
    makes the size check exact and free when the caller has the bytes.
    """
    return _linter().validate(body, endpoint=endpoint, api_version=api_version, headers=headers, url=url,
                              body_size=body_size)


def check(body: Any, *, endpoint: str = "messages", api_version: Optional[str] = None,
          headers=None, url: Optional[str] = None, body_size: Optional[int] = None) -> list:
    """Like :func:`validate`, but raise :class:`RequestInvalid` when the API would reject ``body``.

    Returns the warnings when there is no error.
    """
    return _linter().check(body, endpoint=endpoint, api_version=api_version, headers=headers, url=url,
                           body_size=body_size)


def guard(client, *, on_warning=None, linter=None):
    """Make an ``anthropic.Anthropic`` / ``AsyncAnthropic`` client check every ``messages.create``,
    ``messages.stream``, ``messages.count_tokens`` and ``messages.batches.create`` request before
    it is sent, and raise the SDK's own error (``anthropic.BadRequestError``, ``NotFoundError``, ...)
    for one the API would reject. Returns ``client``; see :func:`claude_lint.integrations.sdk.guard`.

    ``on_warning(diagnostic)`` receives each warning (default: the ``claude_lint`` logger); warnings
    never block.
    """
    # imported here so that `import claude_lint` never loads the SDK's HTTP stack
    from .integrations import sdk

    return sdk.guard(client, on_warning=on_warning, linter=linter)
