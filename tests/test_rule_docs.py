"""Every rule is documented: what, why, the API's answer, a fix, a bad and a good example, evidence."""
import re

import pytest

from claude_lint.rules import BY_NAME, RULES
from claude_lint.rules.base import AREAS, GRADES

RULE_LIST = list(RULES.values())


@pytest.mark.parametrize("rule", RULE_LIST, ids=[r.code for r in RULE_LIST])
def test_docs_have_every_section(rule):
    assert re.fullmatch(r"CL\d{3}", rule.code) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary and len(rule.summary) <= 200
    assert "Fix:" in rule.docs, "no 'Fix:' section"
    if rule.code != "CL000":
        assert "Bad:" in rule.docs and "Good:" in rule.docs, "no bad/good example"
    assert rule.source and rule.evidence in GRADES
    assert rule.code[2] in AREAS


@pytest.mark.parametrize("rule", RULE_LIST, ids=[r.code for r in RULE_LIST])
def test_inferred_rules_never_claim_an_api_error(rule):
    # An inferred rule is a warning unless public evidence says the API rejects (then it is graded).
    if rule.evidence == "I":
        assert rule.severity == "warning"


def test_codes_and_names_are_unique_and_sorted_by_phase():
    assert len(BY_NAME) == len(RULES)
    phases = [r.phase for r in RULE_LIST]
    assert phases == sorted(phases)
