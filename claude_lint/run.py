"""Load, check, report: the pipeline the CLI drives, one document at a time."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from .checking.engine import Linter
from .diagnostic import Diagnostic
from .load import Document, LoadError, iter_paths, load
from .report import Reporter, Summary

# Findings whose natural anchor is the key rather than the value (an unknown key: point at it).
_KEY_ANCHORED = {"CL102"}


@dataclass(frozen=True)
class Options:
    endpoint: str = "auto"  # auto | messages | count_tokens | batch
    api_version: Optional[str] = None
    skip_non_requests: bool = False  # for hooks that see every .json file of a repository


# Keys of which at least one is in anything that is meant to be a request body or a batch line.
_REQUEST_KEYS = {"model", "messages", "max_tokens", "system", "requests", "custom_id", "params"}


def looks_like_request(data) -> bool:
    return isinstance(data, dict) and not _REQUEST_KEYS.isdisjoint(data)


def detect_endpoint(data, forced: str) -> str:
    """What a JSON document is: a Messages body, a token-counting body, a batch create body or a
    single batch request (``{custom_id, params}``)."""
    if forced != "auto":
        return forced
    if isinstance(data, dict):
        if "requests" in data and "messages" not in data:
            return "batch"
        if "params" in data and "messages" not in data:
            return "batch_line"
    return "messages"


def lint_document(linter: Linter, doc: Document, options: Options) -> list[Diagnostic]:
    if doc.kind == "batch_line":
        endpoint = "batch_line"
    else:
        endpoint = detect_endpoint(doc.data, options.endpoint)
    if endpoint == "batch_line":
        found = linter.validate_batch_line(doc.data, api_version=options.api_version)
    else:
        found = linter.validate(doc.data, endpoint=endpoint, api_version=options.api_version)
    return [d.with_position(doc.file, doc.span(d.loc, key=d.code in _KEY_ANCHORED)) for d in found]


def run(
    paths: Iterable[str],
    linter: Linter,
    reporter: Reporter,
    options: Options,
    *,
    on_load_error: Callable[[LoadError], None],
    keep: Callable[[Diagnostic], bool] = lambda d: True,
    exclude=(),
    stdin=None,
) -> Summary:
    summary = Summary()
    for path in iter_paths(paths, exclude):
        if isinstance(path, LoadError):
            summary.load_errors += 1
            on_load_error(path)
            continue
        summary.files += 1
        for item in load(path, stdin=stdin):
            if isinstance(item, LoadError):
                summary.load_errors += 1
                on_load_error(item)
                continue
            if options.skip_non_requests and not looks_like_request(item.data):
                continue
            summary.documents += 1
            for d in lint_document(linter, item, options):
                if not keep(d):
                    continue
                summary.count(d)
                reporter.diagnostic(d, item.source_line(d.line) if d.line else None)
    reporter.close(summary)
    return summary


def print_load_error(error: LoadError) -> None:
    print(str(error), file=sys.stderr)
