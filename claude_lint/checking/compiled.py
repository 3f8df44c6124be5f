"""The schema stage's fast path: the request models' own JSON Schema, checked by compiled code.

The models (pydantic) give the API's exact messages, but running them costs about as much as
parsing the request, and building them adds a tenth of a second to every start. Almost every
body sent is well formed, so the stage first asks jsonschema-rs whether the body matches the
schema the models generate (``claude_lint/data/compiled-schemas.json``, built by
``scripts/build_compiled_schemas.py``); only a body it refuses goes to the models, whose errors
become the findings. A test holds the two to the same verdict on generated bodies.

The schemas have no ``$ref`` cycle, so the check descends no deeper than the request's own
shape, however deep the body is nested.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ..data import packaged_text

STORED = Path(__file__).resolve().parent.parent / "data" / "compiled-schemas.json"


class _StrictNumber:
    """``"strictNumber": "integer"`` or ``"number"``: what the models refuse and JSON Schema takes.
    A float is not an integer, even a whole one (``1024.0``), in the models' strict mode; and an
    integer past 64 bits is left to the models, since jsonschema-rs compares such integers with
    their bounds only approximately."""

    def __init__(self, parent_schema, value, schema_path):
        self.integer = value == "integer"

    def validate(self, instance):
        if type(instance) is float:
            if self.integer:
                raise ValueError("a float is not an integer")
        elif not -_BEYOND_64_BITS < instance < _BEYOND_64_BITS:
            raise ValueError("an integer past 64 bits")


_BEYOND_64_BITS = 2**64


def compile_schema(schema: dict, formats: Optional[dict] = None):
    """A jsonschema-rs validator of ``schema``, which may use ``strictNumber``; ``formats`` maps a
    format name to a function of the string (only those formats are checked). No reference is
    fetched: a schema here is complete."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema, keywords={"strictNumber": _StrictNumber}, offline=True,
                                       formats=formats, validate_formats=bool(formats))


@lru_cache(maxsize=None)
def _validator(kind: str):
    # Built once per body kind, on first use; a validator is immutable and safe to share.
    return compile_schema(_stored()[kind])


@lru_cache(maxsize=None)
def _stored() -> dict:
    return json.loads(packaged_text(STORED.name))


def accepts(kind: str, body: Any) -> bool:
    """Whether ``body`` certainly has nothing for the models of ``kind`` to report."""
    try:
        return _validator(kind).is_valid(body)
    except Exception:  # a value it cannot read (a str subclass, a key that is not a str): let the models judge
        return False
