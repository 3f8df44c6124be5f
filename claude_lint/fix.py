"""Automatic fixes: structural edits of the request, applied to its text so that everything else
— indentation, key order, the other values — stays byte for byte as it was.

A rule attaches an :class:`Edit` to a finding when a fix is certain enough to offer. ``safe``
edits keep the request's meaning (drop an empty block, strip a prefill's trailing whitespace,
correct an unambiguous model-id spelling, lower max_tokens to the cap); unsafe ones change what
the request does (drop a sampling parameter or a stop sequence) and need ``--unsafe-fixes``.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .load.positions import member_span

_WS_COMMA_AFTER = re.compile(r"\s*,\s*")
_WS_COMMA_BEFORE = re.compile(r",\s*$")


@dataclass(frozen=True)
class Edit:
    op: str  # "replace" (the value at loc) or "remove" (the member or element at loc)
    loc: tuple
    value: Any = None
    safe: bool = True
    title: str = ""

    def prefixed(self, prefix: tuple) -> "Edit":
        return Edit(self.op, prefix + tuple(self.loc), self.value, self.safe, self.title)


def replace(loc, value, title, *, safe=True) -> Edit:
    return Edit("replace", tuple(loc), value, safe, title)


def remove(loc, title, *, safe=True) -> Edit:
    return Edit("remove", tuple(loc), None, safe, title)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """``(new text, number of edits applied)``. Edits whose spans overlap an earlier one, or whose
    path no longer exists, are skipped (the next round of linting offers them again)."""
    spans = []
    for edit in edits:
        found = member_span(text, edit.loc)
        if found is None:
            continue
        item_start, value_start, value_end = found
        if edit.op == "replace":
            spans.append((value_start, value_end, json.dumps(edit.value, ensure_ascii=False)))
        else:
            spans.append(_removal(text, item_start, value_end))
    applied, last_start, out = 0, len(text) + 1, text
    for start, end, new in sorted(spans, key=lambda s: s[0], reverse=True):
        if end > last_start:
            continue
        out = out[:start] + new + out[end:]
        last_start = start
        applied += 1
    return out, applied


def _removal(text: str, start: int, end: int) -> tuple:
    """The span that removes one member/element with its separating comma."""
    after = _WS_COMMA_AFTER.match(text, end)
    if after:
        return start, after.end(), ""
    before = _WS_COMMA_BEFORE.search(text, 0, start)
    if before:
        return before.start(), end, ""
    return start, end, ""  # the only item of its container


def write_atomically(path: str, text: str) -> None:
    """Replace ``path`` with ``text``: a reader or a crash sees the old file or the new one, never
    a mix; the file's permissions are kept."""
    import tempfile  # only --fix writes files: a plain run does not pay for its imports

    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=".claude-lint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def chosen(edits: Iterable[Optional[Edit]], unsafe: bool) -> list:
    return [e for e in edits if e is not None and (e.safe or unsafe)]
