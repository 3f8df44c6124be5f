"""CL000: claude-lint itself failed on a part of the request."""
from __future__ import annotations

from .base import Phase, declare

INTERNAL_ERROR = declare("CL000", "internal-error", """claude-lint failed while checking part of the request.

A rule raised an unexpected exception. The other rules still ran; this finding names the rule
and the exception so it can be reported. It is a warning: it says nothing about what the API will
answer.

Fix: report it to the claude-lint maintainers together with the request that caused it.
""", severity="warning", phase=Phase.ADVISORY, api=None, source="claude-lint", evidence="-",
    endpoints=("messages", "count_tokens", "batch_params", "batch"))
