"""Reporting: output formats as plug-ins of one :class:`Reporter` interface."""
from __future__ import annotations

from .base import Reporter, Summary
from .json_ import JsonReporter
from .text import TextReporter

REPORTERS = {r.name: r for r in (TextReporter, JsonReporter)}

__all__ = ["REPORTERS", "Reporter", "Summary"]
