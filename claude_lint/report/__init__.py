"""Reporting: output formats as plug-ins of one :class:`Reporter` interface."""
from __future__ import annotations

from .base import Reporter, Summary
from .diff import DiffReporter
from .github import GithubReporter
from .json_ import JsonReporter
from .sarif import SarifReporter
from .statistics import StatisticsReporter
from .text import TextReporter

REPORTERS = {r.name: r for r in (TextReporter, JsonReporter, SarifReporter, GithubReporter)}

__all__ = ["REPORTERS", "DiffReporter", "Reporter", "StatisticsReporter", "Summary"]
