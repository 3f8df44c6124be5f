"""The published JSON Schemas: generated from the models, valid Draft 2020-12, and in agreement
with the conformance cases on shape."""
import json
from pathlib import Path

import jsonschema
import pytest

import claude_lint
from claude_lint.schemas import SCHEMAS, render
from tests.conformance.test_conformance import CASES, materialize

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schemas"


def validator(name):
    schema = json.loads((SCHEMA_DIR / name).read_text())
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_schema_matches_the_models(name):
    assert (SCHEMA_DIR / name).read_text() == render(name), "run `claude-lint schema --write`"


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_is_valid_draft_2020_12_with_id_title_description(name):
    schema = json.loads((SCHEMA_DIR / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(name) and schema["title"] and schema["description"]


def _documents(case):
    """``(schema name, document)`` pairs a case's request is made of."""
    if case["endpoint"] == "batch_line":
        lines = case["request"] if isinstance(case["request"], list) else [case["request"]]
        return [("batch-line.schema.json", line) for line in lines]
    name = "count-tokens-request.schema.json" if case["endpoint"] == "count_tokens" else "messages-request.schema.json"
    return [(name, case["request"])]


VALID = [c for c in CASES if c["expect"]["valid"]]
INVALID = [c for c in CASES if not c["expect"]["valid"] and not c.get("synthetic")]


@pytest.mark.parametrize("case", VALID, ids=[c["id"] for c in VALID])
def test_every_valid_case_is_accepted(case):
    for name, document in _documents(case):
        errors = list(validator(name).iter_errors(document))
        assert not errors, [e.message for e in errors][:3]


def _structurally_invalid(case) -> bool:
    body, endpoint, _ = materialize(case)
    return any(d.code.startswith("CL1") and d.severity == "error" for d in claude_lint.validate(body, endpoint=endpoint))


STRUCTURAL = [c for c in INVALID if _structurally_invalid(c)]


def test_there_are_structurally_invalid_cases():
    assert len(STRUCTURAL) >= 15


@pytest.mark.parametrize("case", STRUCTURAL, ids=[c["id"] for c in STRUCTURAL])
def test_every_structurally_invalid_case_is_rejected(case):
    assert any(not validator(name).is_valid(document) for name, document in _documents(case))
