"""The one record every part of claude-lint speaks: a finding about a request."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional, Tuple, Union

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)

Segment = Union[str, int]
Loc = Tuple[Segment, ...]


def number_text(value: int) -> Optional[str]:
    """``str(value)``, or ``None`` for an integer too long to print (Python refuses to convert
    integers of more than a few thousand digits; the API's echo of one is unknown anyway)."""
    try:
        return str(value)
    except ValueError:
        return None


def value_text(value) -> str:
    """``repr(value)`` for a message, safe for integers too long to print (also inside lists)."""
    try:
        text = repr(value)
    except ValueError:
        return f"<{type(value).__name__} too long to print>"
    return text if len(text) <= 80 else text[:77] + "..."


def plain_text(value) -> str:
    """``str(value)`` for a message, with the same safety as :func:`value_text`."""
    return value if isinstance(value, str) else value_text(value)


def dotted(loc: Loc) -> Optional[str]:
    """``("messages", 1, "content")`` -> ``"messages.1.content"``; the empty loc is the whole request."""
    return ".".join(map(str, loc)) if loc else None


@dataclass(frozen=True)
class Diagnostic:
    """A finding: what is wrong, where, what the API would answer, and how to fix it.

    ``severity`` is ``error`` when the API will reject the request, ``warning`` when it is accepted
    but wrong, costly, about to break, or the evidence is unsure. ``status``, ``error_type`` and
    ``api_message`` predict the API's answer (``api_message`` is ``None`` where no public capture
    gives its exact text). ``file``/``line``/``column`` are filled in only when the request came
    from text (1-based; columns count characters).
    """

    code: str
    name: str
    severity: str
    path: Optional[str]
    message: str
    status: Optional[int] = None
    error_type: Optional[str] = None
    api_message: Optional[str] = None
    fix: Optional[str] = None
    file: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    # Where the finding is, as segments; ``path`` is its dotted form. Kept for locating the value
    # in the source text (keys may themselves contain dots).
    loc: Loc = field(default=(), repr=False, compare=False)
    # An automatic fix (claude_lint.fix.Edit) with its path from the document's root.
    edit: object = field(default=None, repr=False, compare=False)

    @property
    def fixable(self) -> Optional[str]:
        """``"safe"``, ``"unsafe"`` (needs --unsafe-fixes) or ``None``."""
        if self.edit is None:
            return None
        return "safe" if self.edit.safe else "unsafe"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def pointer(self) -> str:
        """RFC 6901 JSON Pointer of the field (``/messages/1/content``)."""
        return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in self.loc)

    def api_error_body(self) -> dict:
        """The JSON body the API answers with for this error.

        The 413 of the front door has no ``"type": "error"`` wrapper; every other status has it.
        """
        error = {"type": self.error_type, "message": self.api_message or self.message}
        if self.status == 413:
            return {"error": error}
        return {"type": "error", "error": error}

    def with_position(self, file: Optional[str], span: Optional[tuple]) -> "Diagnostic":
        if span is None:
            return replace(self, file=file)
        (line, column), (end_line, end_column) = span
        return replace(self, file=file, line=line, column=column, end_line=end_line, end_column=end_column)

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "path": self.path,
            "pointer": self.pointer,
            "message": self.message,
            "status": self.status,
            "error_type": self.error_type,
            "api_message": self.api_message,
            "fix": self.fix,
            "fixable": self.fixable,
        }


class RequestInvalid(ValueError):
    """Raised by :func:`claude_lint.check` when the API would reject the request.

    ``diagnostics`` holds every finding (errors and warnings); ``error`` is the first error the API
    would report and ``body`` the API-shaped error body for it.
    """

    def __init__(self, diagnostics):
        self.diagnostics = tuple(diagnostics)
        self.errors = tuple(d for d in self.diagnostics if d.is_error)
        self.error = self.errors[0]
        self.status = self.error.status
        self.error_type = self.error.error_type
        self.body = self.error.api_error_body()
        super().__init__(f"{self.status} {self.error_type}: {self.body['error']['message']}")
