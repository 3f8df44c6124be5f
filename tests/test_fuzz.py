"""Property and fuzz tests: what must hold for every input, not only for the cases we thought of.

For any body, endpoint and API version, ``validate`` never raises, never reports an internal error
(CL000: a rule that crashed), leaves its input as it was, and gives the same answer twice; ``check``
raises nothing but ``RequestInvalid``, and raises it exactly when ``validate`` finds an error. For
any bytes in a file, the loader yields only documents and load errors, and the command line exits
0, 1 or 2 without a traceback.

CI runs a fixed, derandomized budget; ``CLAUDE_LINT_FUZZ_EXAMPLES=N`` runs N examples per validate
property (and N/50 per file property) with fresh randomness. See tests/README.md.
"""
from __future__ import annotations

import copy
import math
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claude_lint
from claude_lint.cli import main
from claude_lint.load import Document, LoadError, load
from claude_lint.run import Linters, Options, lint_file
from claude_lint.config import Resolver
from tests import strategies as s

LONG_RUN = int(os.environ.get("CLAUDE_LINT_FUZZ_EXAMPLES", "0") or 0)


def budget(ci_examples: int, long_share: float = 1.0):
    """The examples of one property: ``ci_examples`` in CI (the same ones on every run), or a
    share of ``CLAUDE_LINT_FUZZ_EXAMPLES`` with fresh randomness on a long run."""
    common = dict(deadline=None, database=None, print_blob=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                         HealthCheck.large_base_example, HealthCheck.filter_too_much])
    if LONG_RUN:
        return settings(max_examples=max(ci_examples, int(LONG_RUN * long_share)), derandomize=False, **common)
    return settings(max_examples=ci_examples, derandomize=True, **common)


def same_json(a, b) -> bool:
    """Deep equality that also tells 1 from 1.0 from True, -0.0 from 0.0, key order, and takes
    NaN as equal to itself."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return a == b


def assert_request_properties(body, endpoint: str, api_version: str) -> list:
    before = copy.deepcopy(body)
    options = dict(endpoint=endpoint, api_version=api_version)

    found = claude_lint.validate(body, **options)  # never raises: any exception fails the test
    assert same_json(body, before), "validate() modified its input"
    internal = [d.message for d in found if d.code == "CL000"]
    assert not internal, f"internal error: {internal}"

    again = claude_lint.validate(body, **options)
    assert again == found and [d.loc for d in again] == [d.loc for d in found], "validate() is not deterministic"

    has_error = any(d.is_error for d in found)
    try:
        returned = claude_lint.check(body, **options)
    except claude_lint.RequestInvalid as raised:
        assert has_error, "check() raised for a request validate() finds no error in"
        assert raised.error.is_error and raised.body["error"]["message"]
    else:
        assert not has_error, "check() returned for a request validate() finds an error in"
        assert returned == found
    assert same_json(body, before), "check() modified its input"
    return found


# --- validate / check on request bodies ------------------------------------------------------------

@budget(ci_examples=1200, long_share=0.4)
@given(s.mutated(s.case_seeds()))
def test_validate_on_mutated_conformance_cases(example):
    assert_request_properties(*example)


@budget(ci_examples=500, long_share=0.4)
@given(s.mutated(s.model_bodies(), max_mutations=4))
def test_validate_on_bodies_from_the_models(example):
    assert_request_properties(*example)


@budget(ci_examples=600, long_share=0.2)
@given(s.random_bodies())
def test_validate_on_random_json(example):
    assert_request_properties(*example)


# --- files: the loader, the pipeline the CLI drives, the CLI itself ------------------------------

@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory(prefix="claude-lint-fuzz-") as directory:
        yield Path(directory)


suffixes = st.sampled_from((".json", ".jsonl"))


@budget(ci_examples=400, long_share=0.02)
@given(data=s.file_bytes, suffix=suffixes)
def test_load_yields_only_documents_and_load_errors(scratch, data, suffix):
    path = scratch / f"load{suffix}"
    path.write_bytes(data)
    items = list(load(str(path)))
    assert all(isinstance(item, (Document, LoadError)) for item in items), items
    if suffix == ".json":
        assert len(items) == 1  # a .json file is one document or one load error
    for item in items:
        str(item) if isinstance(item, LoadError) else item.source_line(item.first_line)


LINTERS = Linters(Options(), Resolver(isolated=True))


@budget(ci_examples=400, long_share=0.02)
@given(data=s.file_bytes, suffix=suffixes)
def test_lint_file_never_raises(scratch, data, suffix):
    # load, lint, locate every finding in the text, batch-file checks: what the CLI runs per file
    path = scratch / f"lint{suffix}"
    path.write_bytes(data)
    for event in lint_file(str(path), LINTERS):
        if event[0] == "diagnostic":
            assert event[1].code != "CL000", f"internal error: {event[1].message}"


cli_options = st.lists(st.sampled_from((
    ("--output-format", "json"), ("--output-format", "sarif"), ("--output-format", "github"),
    ("--statistics",), ("--endpoint", "messages"), ("--endpoint", "count_tokens"), ("--endpoint", "batch"),
    ("--api-version", "2026-10-21"), ("--diff",), ("--fix",), ("--unsafe-fixes",), ("--exit-zero",),
    ("--skip-non-requests",), ("--model", "claude-sonnet-4-6"),
)), max_size=3, unique=True)


@budget(ci_examples=150, long_share=0.005)
@given(data=s.file_bytes, suffix=suffixes, options=cli_options, stdin=st.booleans())
def test_cli_exits_0_1_or_2_without_traceback(scratch, data, suffix, options, stdin):
    path = scratch / f"cli{suffix}"
    path.write_bytes(data)
    args = ["--isolated", *[a for option in options for a in option], "-" if stdin else str(path)]
    result = CliRunner().invoke(main, args, input=data if stdin else None)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}")
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr, result.output + result.stderr


# --- bugs the fuzzing found: each with its minimal input, to pass once fixed ----------------------
# Regression tests for the bugs fuzzing found (each was a CL000 or a wrong path); the generators
# produce these inputs too.
BEYOND_STR_LIMIT = 10**5000  # more digits than str() converts (4300): a ValueError for any f-string


def assert_no_internal_error(body, **options):
    found = claude_lint.validate(body, **options)
    assert [d.message for d in found if d.code == "CL000"] == []


def test_regression_huge_int_as_a_union_type_tag():
    assert_no_internal_error({"thinking": {"type": BEYOND_STR_LIMIT}})


def test_regression_huge_int_max_tokens():
    assert_no_internal_error({"model": "claude-sonnet-4-6", "max_tokens": BEYOND_STR_LIMIT})


def test_regression_huge_int_budget_tokens():
    assert_no_internal_error({"max_tokens": 1, "thinking": {"type": "enabled", "budget_tokens": BEYOND_STR_LIMIT}})


def test_regression_key_starting_with_tilde():
    assert_no_internal_error({"~": 1})


def test_regression_key_starting_with_at_sign():
    assert_no_internal_error({"@": 1})


def test_regression_nested_key_starting_with_a_tag_prefix_loses_its_path():
    body = {"model": "claude-sonnet-4-6", "max_tokens": 16, "messages": [{"role": "user", "content": "Hi"}],
            "metadata": {"~a": 1, "@b": 2}}
    assert {d.path for d in claude_lint.validate(body) if d.code == "CL102"} == {"metadata.~a", "metadata.@b"}


def test_regression_huge_int_inside_a_list_as_a_type_tag():
    assert_no_internal_error({"model": "claude-opus-4-5", "max_tokens": 8000, "thinking": {"type": [BEYOND_STR_LIMIT]},
                              "messages": [{"role": "user", "content": "Summarize the French Revolution."}]})


def test_regression_huge_int_as_a_role():
    assert_no_internal_error({"messages": [None, {"role": BEYOND_STR_LIMIT, "content": ""}], "thinking": {"type": "disabled"}})
