"""Paths to documents: files, directories, ``.jsonl`` batch files (streamed), ``.har`` captures
and stdin."""
from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO, Iterator, Optional, Union

from .documents import Document, LoadError, decode

EXTENSIONS = (".json", ".jsonl", ".har")
STDIN = "-"
# A body larger than this is larger than any request the API accepts (32 MB; 256 MB for a batch
# create body), so it is refused before parsing instead of being read into memory.
MAX_DOCUMENT_BYTES = 300 * 1024 * 1024
_SKIPPED_DIRS = {"node_modules", "__pycache__"}

Item = Union[Document, LoadError]


def iter_paths(paths, exclude=()) -> Iterator[Union[str, LoadError]]:
    """The files to lint: explicit files as given, directories walked for ``*.json``, ``*.jsonl``
    and ``*.har``."""
    for path in paths:
        if path == STDIN:
            yield path
            continue
        mode = _mode(path)  # one stat per path: the pre-commit hook passes thousands
        if mode is None:
            yield LoadError(path, "broken symbolic link" if os.path.lexists(path) else "no such file or directory")
        elif stat.S_ISDIR(mode):
            yield from _walk(path, exclude)
        elif not stat.S_ISREG(mode):
            # reading a FIFO or a device could block for ever; stdin (-) is the way to pipe a body
            yield LoadError(path, "not a regular file (a FIFO, socket or device); pipe it to `claude-lint -` instead")
        else:
            yield path


def _mode(path: str) -> Optional[int]:
    """The file mode of ``path``, symbolic links followed; None when there is nothing there."""
    try:
        return os.stat(path).st_mode
    except (OSError, ValueError):
        return None


def _walk(root: str, exclude) -> Iterator[Union[str, LoadError]]:
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            if not name.endswith(EXTENSIONS):
                continue
            path = os.path.join(directory, name)
            if any(_matches(path, pattern) for pattern in exclude):
                continue
            mode = _mode(path)
            if mode is None:
                yield LoadError(path, "broken symbolic link")
                continue
            if not stat.S_ISREG(mode):
                yield LoadError(path, "not a regular file (a FIFO, socket or device); skipped")
                continue
            yield path


def _matches(path: str, pattern: str) -> bool:
    from fnmatch import fnmatch

    normal = path.replace(os.sep, "/")
    return fnmatch(normal, pattern) or fnmatch(os.path.basename(normal), pattern) or f"/{pattern.strip('/')}/" in f"/{normal}/"


def load(path: str, stdin: BinaryIO = None, base_urls=()) -> Iterator[Item]:
    """The documents of one path: one for a ``.json`` file, one per line of a ``.jsonl`` file, one
    per Claude request of a ``.har`` capture (``base_urls``: hosts besides api.anthropic.com that
    serve the Claude API, such as a gateway)."""
    if path == STDIN:
        yield from _load_stdin(stdin or sys.stdin.buffer, base_urls)
        return
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield LoadError(path, exc.strerror or str(exc))
        return
    with handle:
        if path.endswith(".har"):
            from . import har

            yield from har.load(handle, path, base_urls)
            return
        if not path.endswith(".jsonl"):
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_DOCUMENT_BYTES:
                yield LoadError(path, f"{size:,} bytes: larger than any request the API accepts (32 MB; 256 MB for a "
                                "batch), not read")
                return
        if path.endswith(".jsonl"):
            yield from _load_lines(handle, path)
        else:
            yield _load_whole(handle, path, size)


def _read_capped(handle: BinaryIO, file: str, size: Optional[int] = None) -> bytes:
    """The bytes of ``handle``, up to the cap. ``size`` is the file's size when known: asking
    for the cap itself makes the reader allocate a buffer that large for every file."""
    want = MAX_DOCUMENT_BYTES + 1 if size is None else min(size, MAX_DOCUMENT_BYTES) + 1
    data = handle.read(want)
    if len(data) == want and want <= MAX_DOCUMENT_BYTES:  # the file grew since its size was taken
        data += handle.read(MAX_DOCUMENT_BYTES + 1 - want)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise LoadError(file, f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB, more than any request the API accepts; not read further")
    return data


def _load_whole(handle: BinaryIO, file: str, size: Optional[int] = None) -> Item:
    try:
        data = _read_capped(handle, file, size)
        return Document.parsed(file, decode(data, file), size=len(data))
    except LoadError as error:
        return error
    except OSError as exc:
        return LoadError(file, exc.strerror or str(exc))


def _load_lines(handle: BinaryIO, file: str) -> Iterator[Item]:
    """Stream a ``.jsonl`` file: memory holds one line at a time."""
    number = 0
    try:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_DOCUMENT_BYTES + 1), b""), start=1):
            if len(raw) > MAX_DOCUMENT_BYTES:
                yield LoadError(file, "line longer than any request the API accepts; rest of the file skipped", number, 1)
                return
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                # the line ending is not part of the document: positions stay on the line
                line = raw.rstrip(b"\r\n")
                text = decode(line, file, first_line=number)
                yield Document.parsed(file, text, kind="batch_line", first_line=number, size=len(line))
            except LoadError as error:
                yield error
    except OSError as exc:
        yield LoadError(file, exc.strerror or str(exc), number or None)


def _load_stdin(stream: BinaryIO, base_urls=()) -> Iterator[Item]:
    name = "<stdin>"
    try:
        data = _read_capped(stream, name)
        text = decode(data, name)
    except LoadError as error:
        yield error
        return
    try:
        doc = Document.parsed(name, text, size=len(data))
        log = doc.data.get("log")
        if isinstance(log, dict) and isinstance(log.get("entries"), list):  # a HAR capture piped in
            from io import BytesIO

            from . import har

            yield from har.load(BytesIO(data), name, base_urls)
            return
        yield doc
    except LoadError as error:
        if error.message != "invalid JSON: Extra data":
            yield error
            return
        # several JSON values, one per line: a batch stream
        from io import BytesIO

        yield from _load_lines(BytesIO(data), name)
