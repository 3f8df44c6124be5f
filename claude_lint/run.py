"""Load, check, report: the pipeline the CLI drives, one document at a time."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

from . import rules
from .checking.engine import Linter, diagnostic_of
from .config import Resolver, Settings
from .data.catalog import default_catalog
from .diagnostic import Diagnostic
from .fix import apply_edits, chosen, write_atomically
from .load import Document, LoadError, iter_paths, load
from .report import Reporter, Summary
from .report.redact import redacted
from .rules.base import Phase

# Findings whose natural anchor is the key rather than the value (an unknown key: point at it).
_KEY_ANCHORED = {"CL102"}


@dataclass(frozen=True)
class Options:
    """What the command line says; where it is silent, each file's configuration decides."""

    endpoint: str = "auto"  # auto | messages | count_tokens | batch
    api_version: Optional[str] = None
    skip_non_requests: bool = False  # for hooks that see every .json file of a repository
    select: tuple = ()  # replaces the configured selection when given
    ignore: tuple = ()  # added to the configured ignores
    default_model: Optional[str] = None
    fix: Optional[str] = None  # None, "write" (--fix) or "diff" (--diff)
    unsafe_fixes: bool = False
    base_urls: tuple = ()  # besides api.anthropic.com, where a .har capture's Claude requests go


class Linters:
    """One linter per distinct configuration, built on first use."""

    def __init__(self, options: Options, resolver: Resolver):
        self.options = options
        self.resolver = resolver
        self._cache = {}

    def for_file(self, file: str) -> tuple:
        """``(linter, api_version)`` for ``file``; raises KeyError for an unknown rule selector."""
        settings: Settings = self.resolver.for_file(file)
        select = self.options.select or settings.select
        ignore = settings.ignore + self.options.ignore + settings.ignored_for(file)
        key = (id(settings), select, ignore)
        if key not in self._cache:
            catalog = default_catalog().extend(settings.extend_models) if settings.extend_models else None
            self._cache[key] = Linter(
                enabled=rules.select(select, ignore),
                catalog=catalog,
                default_model=self.options.default_model or settings.default_model,
            )
        return self._cache[key], self.options.api_version or settings.api_version

    def base_urls(self, file: str) -> tuple:
        return self.options.base_urls + self.resolver.for_file(file).base_urls

    def excluded(self, file: str) -> bool:
        return self.resolver.for_file(file).excludes(file)


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


def lint_document(linter: Linter, doc: Document, endpoint: str, api_version: Optional[str]) -> list[Diagnostic]:
    if doc.kind == "har_entry":
        # a captured request: its URL names the endpoint (for a wrong path, the body says what it is)
        guessed = detect_endpoint(doc.data, endpoint)
        found = linter.validate(doc.data, endpoint=doc.endpoint or (guessed if guessed != "batch_line" else "messages"),
                                api_version=api_version, headers=doc.headers, url=doc.url)
    else:
        endpoint = "batch_line" if doc.kind == "batch_line" else detect_endpoint(doc.data, endpoint)
        if endpoint == "batch_line":
            found = linter.validate_batch_line(doc.data, api_version=api_version)
        else:
            found = linter.validate(doc.data, endpoint=endpoint, api_version=api_version, body_size=doc.size)
    found = [d.with_position(doc.file, doc.span(d.loc, key=d.code in _KEY_ANCHORED, request=_about_request(d)))
             for d in found]
    if doc.duplicates and "CL002" in linter.enabled:
        found = duplicate_keys(doc) + found
    return found


def _about_request(d: Diagnostic) -> bool:
    """Whether ``d`` is about the HTTP request (a header, the URL) rather than the body."""
    rule = rules.RULES.get(d.code)
    return rule is not None and rule.phase == Phase.HEADERS


def duplicate_keys(doc: Document) -> list[Diagnostic]:
    """One warning per repeated key, at the key that wins (the last one)."""
    from .rules.base import warn

    wanted = {id(obj) for obj, _ in doc.duplicates}
    where, stack = {}, [((), doc.data)]
    while stack and len(where) < len(wanted):  # iterative: any depth
        loc, node = stack.pop()
        if isinstance(node, dict):
            if id(node) in wanted:
                where[id(node)] = loc
            stack.extend((loc + (k,), v) for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((loc + (i,), v) for i, v in enumerate(node) if isinstance(v, (dict, list)))
    result = []
    for obj, key in doc.duplicates:
        loc = where.get(id(obj), ()) + (key,)
        finding = warn(loc, f"`{key}` appears more than once in this object; the last value is the one used",
                       fix="remove the earlier occurrence")
        d = diagnostic_of(rules.RULES["CL002"], finding)
        result.append(d.with_position(doc.file, doc.span(loc, key=True)))
    return result


class BatchFile:
    """What spans the lines of one ``.jsonl`` batch file: duplicate ``custom_id``s (named by
    line) and the request count. Memory: one entry per distinct ``custom_id``."""

    def __init__(self, linter: Linter):
        from .rules.batch import CustomIdTracker

        self.linter = linter
        self.ids = CustomIdTracker()
        self.lines = 0

    def line(self, doc: Document) -> list[Diagnostic]:
        from .rules.batch import duplicate_custom_id_finding

        self.lines += 1
        custom_id = doc.data.get("custom_id") if isinstance(doc.data, dict) else None
        duplicate = self.ids.add(doc.first_line, custom_id)
        if duplicate is None or "CL701" not in self.linter.enabled:
            return []
        finding = duplicate_custom_id_finding(duplicate, ("custom_id",), later=f"line {duplicate.position}",
                                              first=f"line {duplicate.first}")
        d = diagnostic_of(rules.RULES["CL701"], finding)
        return [d.with_position(doc.file, doc.span(d.loc))]

    def end(self, file: str) -> list[Diagnostic]:
        from .rules.batch import REQUESTS_DOCUMENTED_LIMIT, too_many_requests_finding

        if self.lines <= REQUESTS_DOCUMENTED_LIMIT or "CL702" not in self.linter.enabled:
            return []
        finding = too_many_requests_finding(self.lines, ())
        return [diagnostic_of(rules.RULES["CL702"], finding).with_position(file, None)]


def fix_document(linter: Linter, doc: Document, endpoint: str, api_version: Optional[str], unsafe: bool,
                 rounds: int = 8) -> tuple:
    """``(document, remaining findings, fixes applied)``: apply the fixes, lint again, repeat
    (a fix can make another one possible) until nothing changes. A fix that would leave text
    that does not parse is never applied."""
    applied = 0
    found = lint_document(linter, doc, endpoint, api_version)
    for _ in range(rounds):
        edits = chosen((d.edit for d in found), unsafe)
        text, count = apply_edits(doc.text, edits) if edits else (doc.text, 0)
        if not count or text == doc.text:
            break
        try:
            doc = Document.parsed(doc.file, text, doc.kind, doc.first_line)
        except LoadError:
            break
        applied += count
        found = lint_document(linter, doc, endpoint, api_version)
    return doc, found, applied


class FileFixes:
    """The new text of the documents of one file, written (or shown as a diff) once the file is done."""

    def __init__(self, path: str):
        self.path = path
        self.lines: dict = {}  # first line -> (old text, new text) of each changed document

    def record(self, old: Document, new: Document) -> None:
        if new.text != old.text:
            self.lines[old.first_line] = (old.text, new.text)

    def finish(self, mode: str) -> Optional[str]:
        """Write the file, or with ``mode == "diff"`` return its unified diff; ``None`` when it
        does not change."""
        if not self.lines:
            return None
        with open(self.path, "rb") as handle:
            data = handle.read()
        bom = data[:3] if data.startswith(b"\xef\xbb\xbf") else b""
        original = data[len(bom):].decode("utf-8")
        if self.path.endswith(".jsonl"):
            lines = original.split("\n")
            for first_line, (old, new) in self.lines.items():
                line = lines[first_line - 1]
                if line.rstrip("\r") == old.rstrip("\r\n"):  # a document's text keeps its line ending
                    lines[first_line - 1] = new.rstrip("\r\n") + line[len(line.rstrip("\r")):]
            updated = "\n".join(lines)
        else:
            [(old, new)] = self.lines.values()
            updated = new
        if mode == "diff":
            import difflib

            diff = "".join(difflib.unified_diff(original.splitlines(True), updated.splitlines(True), self.path, self.path))
            return diff if diff.endswith("\n") else diff + "\n"
        write_atomically(self.path, (bom.decode("utf-8") if bom else "") + updated)
        return ""


def lint_file(path: str, linters: Linters, stdin=None) -> Iterator[tuple]:
    """The events of one file, in order: ``("document",)``, ``("diagnostic", d, source line)``,
    ``("load_error", error)``, ``("fixed", n)``, ``("changed", diff text)``. Streams: a batch file
    is held one line at a time."""
    options = linters.options
    linter, api_version = linters.for_file(path)
    batch = BatchFile(linter)
    # a capture is evidence, not source: its requests are reported, never rewritten
    fixes = FileFixes(path) if options.fix and path != "-" and not path.endswith(".har") else None
    for item in load(path, stdin=stdin, base_urls=linters.base_urls(path)):
        if isinstance(item, LoadError):
            yield ("load_error", item)
            continue
        if options.skip_non_requests and not looks_like_request(item.data):
            continue
        yield ("document",)
        if fixes is not None:
            fixed, found, applied = fix_document(linter, item, options.endpoint, api_version, options.unsafe_fixes)
            fixes.record(item, fixed)
            if applied:
                yield ("fixed", applied)
            item = fixed
        else:
            found = lint_document(linter, item, options.endpoint, api_version)
        if item.kind == "batch_line":
            found = found + batch.line(item)
        for d in found:
            yield ("diagnostic", d, item.source_line(d.line) if d.line else None)
    if batch.lines:
        for d in batch.end(path):
            yield ("diagnostic", d, None)
    if fixes is not None:
        changed = fixes.finish(options.fix)
        if changed is not None:
            yield ("changed", changed)


# Set once in each worker process by the pool's initializer, so the linters are sent to a worker
# once rather than with every file.
_worker_linters: Optional[Linters] = None


def _init_worker(linters: Linters) -> None:
    global _worker_linters
    _worker_linters = linters


def _lint_file_eagerly(path: str) -> list:
    return list(lint_file(path, _worker_linters))


def run(
    paths: Iterable[str],
    linters: Linters,
    reporter: Reporter,
    *,
    on_load_error: Callable[[LoadError], None],
    stdin=None,
    jobs: int = 1,
) -> Summary:
    """Lint ``paths`` and report in their order; with ``jobs > 1`` files are linted in that many
    processes (each file whole in one), and reported in the same order as with one."""
    summary = Summary()
    files = []
    for path in iter_paths(paths):
        if isinstance(path, LoadError):
            summary.load_errors += 1
            on_load_error(path)
        elif path == "-" or not linters.excluded(path):
            files.append(path)
    summary.files = len(files)
    if jobs > 1 and len(files) > 1 and "-" not in files:
        results = _parallel(files, linters, jobs)
    else:
        results = (lint_file(path, linters, stdin) for path in files)
    for events in results:
        for event in events:
            kind = event[0]
            if kind == "diagnostic":
                summary.count(event[1])
                # no credential reaches any output, whatever a rule or a source line holds
                reporter.diagnostic(*redacted(event[1], event[2]))
            elif kind == "document":
                summary.documents += 1
            elif kind == "load_error":
                summary.load_errors += 1
                on_load_error(event[1])
            elif kind == "fixed":
                summary.fixed += event[1]
            elif kind == "changed":
                summary.changed_files += 1
                reporter.out.write(event[1])
    reporter.close(summary)
    return summary


def _parallel(files: list, linters: Linters, jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already imported modules and built validators with the workers
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_init_worker, initargs=(linters,)) as pool:
        chunk = max(1, min(64, len(files) // (jobs * 8)))
        yield from pool.map(_lint_file_eagerly, files, chunksize=chunk)


def print_load_error(error: LoadError) -> None:
    print(str(error), file=sys.stderr)
