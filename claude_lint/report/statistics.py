"""``--statistics``: a count per rule instead of the findings themselves."""
from __future__ import annotations

from typing import Optional

from ..diagnostic import Diagnostic
from .base import Reporter, Summary


class StatisticsReporter(Reporter):
    name = "statistics"

    def diagnostic(self, d: Diagnostic, source_line: Optional[str]) -> None:
        pass  # the summary counts every finding

    def close(self, summary: Summary) -> None:
        width = max((len(str(n)) for n in summary.by_code.values()), default=1)
        for code, count in sorted(summary.by_code.items(), key=lambda item: (-item[1], item[0])):
            self.out.write(f"{count:>{width}}  {code}  {summary.names[code]}\n")
