"""Paths to documents: files, directories, ``.jsonl`` batch files (streamed) and stdin."""
from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO, Iterator, Union

from .documents import Document, LoadError, decode

EXTENSIONS = (".json", ".jsonl")
STDIN = "-"
# A body larger than this is larger than any request the API accepts (32 MB; 256 MB for a batch
# create body), so it is refused before parsing instead of being read into memory.
MAX_DOCUMENT_BYTES = 300 * 1024 * 1024
_SKIPPED_DIRS = {"node_modules", "__pycache__"}

Item = Union[Document, LoadError]


def iter_paths(paths, exclude=()) -> Iterator[Union[str, LoadError]]:
    """The files to lint: explicit files as given, directories walked for ``*.json``/``*.jsonl``."""
    for path in paths:
        if path == STDIN:
            yield path
            continue
        if os.path.isdir(path):
            yield from _walk(path, exclude)
        elif os.path.lexists(path) and not os.path.exists(path):
            yield LoadError(path, "broken symbolic link")
        elif not os.path.exists(path):
            yield LoadError(path, "no such file or directory")
        elif not stat.S_ISREG(os.stat(path).st_mode):
            # reading a FIFO or a device could block for ever; stdin (-) is the way to pipe a body
            yield LoadError(path, "not a regular file (a FIFO, socket or device); pipe it to `claude-lint -` instead")
        else:
            yield path


def _walk(root: str, exclude) -> Iterator[Union[str, LoadError]]:
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            if not name.endswith(EXTENSIONS):
                continue
            path = os.path.join(directory, name)
            if any(_matches(path, pattern) for pattern in exclude):
                continue
            if not os.path.exists(path):
                yield LoadError(path, "broken symbolic link")
                continue
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                yield LoadError(path, "not a regular file (a FIFO, socket or device); skipped")
                continue
            yield path


def _matches(path: str, pattern: str) -> bool:
    from fnmatch import fnmatch

    normal = path.replace(os.sep, "/")
    return fnmatch(normal, pattern) or fnmatch(os.path.basename(normal), pattern) or f"/{pattern.strip('/')}/" in f"/{normal}/"


def load(path: str, stdin: BinaryIO = None) -> Iterator[Item]:
    """The documents of one path: one for a ``.json`` file, one per line of a ``.jsonl`` file."""
    if path == STDIN:
        yield from _load_stdin(stdin or sys.stdin.buffer)
        return
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield LoadError(path, exc.strerror or str(exc))
        return
    with handle:
        if not path.endswith(".jsonl"):
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_DOCUMENT_BYTES:
                yield LoadError(path, f"{size:,} bytes: larger than any request the API accepts (32 MB; 256 MB for a "
                                "batch), not read")
                return
        if path.endswith(".jsonl"):
            yield from _load_lines(handle, path)
        else:
            yield _load_whole(handle, path)


def _read_capped(handle: BinaryIO, file: str) -> bytes:
    data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise LoadError(file, f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB, more than any request the API accepts; not read further")
    return data


def _load_whole(handle: BinaryIO, file: str) -> Item:
    try:
        text = decode(_read_capped(handle, file), file)
        return Document.parsed(file, text)
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
                text = decode(raw.rstrip(b"\r\n"), file, first_line=number)
                yield Document.parsed(file, text, kind="batch_line", first_line=number)
            except LoadError as error:
                yield error
    except OSError as exc:
        yield LoadError(file, exc.strerror or str(exc), number or None)


def _load_stdin(stream: BinaryIO) -> Iterator[Item]:
    name = "<stdin>"
    try:
        data = _read_capped(stream, name)
        text = decode(data, name)
    except LoadError as error:
        yield error
        return
    try:
        yield Document.parsed(name, text)
    except LoadError as error:
        if error.message != "invalid JSON: Extra data":
            yield error
            return
        # several JSON values, one per line: a batch stream
        from io import BytesIO

        yield from _load_lines(BytesIO(data), name)
