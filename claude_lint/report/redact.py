"""Masking: no API key or token reaches any output format, whatever a finding or a source line
holds (a key pasted into a prompt, a header value a capture did not name as secret)."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ..data.transport import redact
from ..diagnostic import Diagnostic


def redacted(d: Diagnostic, source_line: Optional[str]) -> tuple:
    """``(d, source_line)`` with every Anthropic credential in their texts masked."""
    texts = (d.message, d.api_message, d.fix)
    clean = tuple(redact(t) for t in texts)
    if clean != texts:
        d = replace(d, message=clean[0], api_message=clean[1], fix=clean[2])
    return d, redact(source_line, in_place=True)
