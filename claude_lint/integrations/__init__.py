"""Integrations with API clients. Each module imports its client library only when used.

- :mod:`claude_lint.integrations.sdk`: :func:`~claude_lint.guard` for the ``anthropic`` Python SDK
  (``pip install claude-lint[anthropic]``).
"""
