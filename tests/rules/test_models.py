"""CL601-CL604: the model id, and the catalog lookup behind them (api-rules §4, models.md §2)."""
import datetime as dt

import pytest

import claude_lint
from claude_lint.checking.engine import Linter
from claude_lint.data.catalog import Catalog, ModelInfo, default_catalog
from tests.helpers import assistant, codes, error_codes, only, request, user


def _at(day, body, code=None):
    found = Linter(today=day).validate(body)
    return found if code is None else [d for d in found if d.code == code]


def _not_found(d, model_id):
    assert d.severity == "error"
    assert (d.status, d.error_type) == (404, "not_found_error")
    assert d.path == "model"
    assert d.api_message == f"model: {model_id}"


class TestUnknownModel:
    @pytest.mark.parametrize("model_id, meant", [
        ("claude-sonnet-4.6", "claude-sonnet-4-6"),
        ("claude-opus-4.5", "claude-opus-4-5"),
        ("claude-haiku-5.5", "claude-haiku-5-5"),
    ])
    def test_dots_instead_of_hyphens(self, model_id, meant):
        d = only(request(model=model_id), "CL601")
        _not_found(d, model_id)
        assert d.name == "unknown-model"
        assert meant in d.message and meant in d.fix

    @pytest.mark.parametrize("model_id, meant", [
        ("anthropic.claude-sonnet-4-6", "claude-sonnet-4-6"),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"),
        ("us.anthropic.claude-opus-4-6-v1", "claude-opus-4-6"),
        ("claude-sonnet-4-5@20250929", "claude-sonnet-4-5-20250929"),
        ("anthropic/claude-opus-4-8", "claude-opus-4-8"),
    ])
    def test_cloud_and_gateway_ids(self, model_id, meant):
        d = only(request(model=model_id), "CL601")
        _not_found(d, model_id)
        assert default_catalog().match(model_id).suggestion == meant

    @pytest.mark.parametrize("model_id, meant", [
        ("claude-opus-4-6-20260205", "claude-opus-4-6"),
        ("claude-opus-4-7-20260416", "claude-opus-4-7"),
        ("claude-opus-4-8-20260528", "claude-opus-4-8"),
    ])
    def test_invented_date_on_a_dateless_model(self, model_id, meant):
        d = only(request(model=model_id), "CL601")
        _not_found(d, model_id)
        assert default_catalog().match(model_id).suggestion == meant

    def test_a_real_dated_snapshot_is_known(self):
        body = request(model="claude-opus-4-5-20251101")
        assert [c for c in codes(body) if c.startswith("CL60")] == [] and error_codes(body) == []

    @pytest.mark.parametrize("model_id", ["claude-sonnet-4-6 ", " claude-sonnet-4-6", "claude-sonnet-4-6\n"])
    def test_whitespace_is_kept_and_echoed(self, model_id):
        d = only(request(model=model_id), "CL601")
        _not_found(d, model_id)
        assert default_catalog().match(model_id).suggestion == "claude-sonnet-4-6"

    def test_trailing_space_message_exactly(self):
        assert only(request(model="claude-sonnet-4-6 "), "CL601").api_message == "model: claude-sonnet-4-6 "

    @pytest.mark.parametrize("model_id", [
        "claude-opus-4-9",  # no Opus after 4.8 in the 4.x line
        "claude-sonnet-4-7",
        "claude-haiku-4-6",
        "claude-opus-5-0",  # a major release has no "-0"
        "sonnet4",
        "claude-3.5-sonnet",
    ])
    def test_invented_ids_older_than_the_catalog_are_a_404(self, model_id):
        d = only(request(model=model_id), "CL601")
        _not_found(d, model_id)
        assert "CL604" not in codes(request(model=model_id))

    def test_invented_zero_minor_suggests_the_major_release(self):
        # models.md §2.1/§2.2: "claude-opus-5, never claude-opus-5-0"; Opus 5.5 is another model.
        assert default_catalog().match("claude-opus-5-0").suggestion == "claude-opus-5"

    def test_on_count_tokens_too(self):
        body = {"model": "claude-sonnet-4.6", "messages": [user("Hi")]}
        _not_found(only(body, "CL601", endpoint="count_tokens"), "claude-sonnet-4.6")

    def test_model_dependent_rules_are_skipped_for_an_unknown_id(self):
        body = request(model="claude-sonnet-4.6", messages=[user("Hi"), assistant("Answer:")])
        assert "CL206" not in codes(body)


class TestRetiredModel:
    @pytest.mark.parametrize("model_id", [
        "claude-3-5-sonnet-20241022",
        "claude-3-5-sonnet-latest",  # an alias shares its target's lifecycle
        "claude-3-5-sonnet-20240620",
        "claude-opus-4-1",
        "claude-sonnet-4-20250514",
        "claude-2.1",  # really has a dot: retired, not misspelt
    ])
    def test_retired_ids_are_a_404_with_the_id_as_sent(self, model_id):
        d = only(request(model=model_id), "CL602")
        _not_found(d, model_id)
        assert d.name == "retired-model"
        assert "CL601" not in codes(request(model=model_id))

    def test_retirement_date_in_the_message(self):
        assert "2025-10-28" in only(request(model="claude-3-5-sonnet-20241022"), "CL602").message


class TestDeprecatedModel:
    BEFORE = dt.date(2026, 11, 23)
    DAY = dt.date(2026, 11, 30)  # Sonnet 4.5's end of life (models.md §0)
    AFTER = dt.date(2026, 12, 1)

    @pytest.mark.parametrize("model_id", ["claude-sonnet-4-5", "claude-sonnet-4-5-20250929"])
    def test_deprecated_is_a_warning_before_its_date(self, model_id):
        found = _at(self.BEFORE, request(model=model_id))
        (d,) = [d for d in found if d.code == "CL603"]
        assert d.severity == "warning" and d.status is None and d.api_message is None
        assert d.path == "model" and "2026-11-30" in d.message
        assert [d.code for d in found if d.severity == "error"] == []

    @pytest.mark.parametrize("day", [DAY, AFTER])
    def test_retired_once_its_date_has_come(self, day):
        found = _at(day, request(model="claude-sonnet-4-5"))
        (d,) = [d for d in found if d.code == "CL602"]
        _not_found(d, "claude-sonnet-4-5")
        assert "CL603" not in [d.code for d in found]

    def test_the_dated_id_retires_too(self):
        (d,) = _at(self.AFTER, request(model="claude-sonnet-4-5-20250929"), "CL602")
        assert d.api_message == "model: claude-sonnet-4-5-20250929"

    def test_unconfirmed_overdue_retirement_stays_a_warning(self):
        # Mythos Preview's SDK end of life (2026-06-30) passed without a confirmed retirement
        # (models.md §8 item 2: "A linter should warn, not error").
        found = _at(self.BEFORE, request(model="claude-mythos-preview"))
        (d,) = [d for d in found if d.code == "CL603"]
        assert d.severity == "warning" and "2026-06-30" in d.message
        assert "CL602" not in [d.code for d in found]

    def test_active_model_has_no_lifecycle_finding(self):
        found = [d.code for d in _at(self.AFTER, request(model="claude-sonnet-4-6"))]
        assert not {"CL601", "CL602", "CL603", "CL604"} & set(found)


class TestUnrecognizedModel:
    @pytest.mark.parametrize("model_id", ["claude-opus-6", "claude-sonnet-6", "claude-opus-5-6", "claude-haiku-6-1"])
    def test_plausible_future_id_is_a_warning_never_a_404(self, model_id):
        body = request(model=model_id)
        d = only(body, "CL604")
        assert d.severity == "warning" and d.status is None and d.api_message is None
        assert d.path == "model"
        assert error_codes(body) == []

    def test_model_dependent_checks_are_skipped(self):
        body = request(model="claude-opus-6", messages=[user("Hi"), assistant("Answer:")])
        assert "CL206" not in codes(body)

    @pytest.mark.parametrize("model_id", [
        "claude-opus-6 ",  # the API keeps whitespace: no model id ends in a space
        "anthropic.claude-opus-6",  # a Bedrock spelling is never a first-party id
        "claude-opus-6.5",  # modern first-party ids never contain dots
    ])
    def test_a_future_id_spelt_in_a_way_the_api_never_accepts_is_still_a_404(self, model_id):
        d = only(request(model=model_id), "CL601")
        _not_found(d, model_id)

    def test_an_extended_catalog_knows_the_new_model(self):
        catalog = default_catalog().extend([ModelInfo(id="claude-opus-6", family="opus")])
        found = Linter(catalog=catalog).validate(request(model="claude-opus-6"))
        assert [d.code for d in found if d.code.startswith("CL60")] == []


class TestCatalog:
    def test_aliases_resolve_to_their_target(self):
        info = default_catalog().get("claude-sonnet-4-5")
        assert info is not None and info.id == "claude-sonnet-4-5-20250929"

    def test_unknown_id_is_none(self):
        assert default_catalog().get("claude-sonnet-4.6") is None

    def test_match_of_a_known_id(self):
        match = default_catalog().match("claude-opus-4-8")
        assert match.info is not None and match.info.id == "claude-opus-4-8" and match.suggestion is None

    @pytest.mark.parametrize("model_id, future", [
        ("claude-opus-6", True),
        ("claude-opus-5-6", True),
        ("claude-opus-4-9", False),
        ("claude-opus-5-0", False),
        ("claude-sonnet-4-7", False),
        ("sonnet4", False),
    ])
    def test_plausible_future(self, model_id, future):
        assert default_catalog().match(model_id).plausible_future is future

    def test_version_first_spelling_is_reordered(self):
        assert default_catalog().match("claude-4-5-sonnet").suggestion == "claude-sonnet-4-5"

    def test_lifecycle_of_a_scheduled_retirement(self):
        info = ModelInfo(id="m", status="deprecated", scheduled_retirement=dt.date(2027, 1, 1))
        assert info.lifecycle(dt.date(2026, 12, 31)) == "deprecated"
        assert info.lifecycle(dt.date(2027, 1, 1)) == "retired"

    def test_lifecycle_of_an_actual_retirement(self):
        info = ModelInfo(id="m", status="active", retired_on=dt.date(2027, 1, 1))
        assert info.lifecycle(dt.date(2026, 12, 31)) == "active"
        assert info.lifecycle(dt.date(2027, 1, 1)) == "retired"

    def test_catalog_is_not_changed_by_extend(self):
        base = default_catalog()
        base.extend([ModelInfo(id="claude-opus-6", family="opus")])
        assert base.get("claude-opus-6") is None

    def test_a_small_catalog(self):
        catalog = Catalog([ModelInfo(id="claude-opus-4-8", family="opus")])
        assert catalog.match("claude-opus-4.8").suggestion == "claude-opus-4-8"


class TestRobustness:
    @pytest.mark.parametrize("model", [None, 5, "", [], {"id": "claude-opus-4-8"}])
    def test_odd_model_values_never_crash_the_model_rules(self, model):
        found = claude_lint.validate(request(model=model))
        assert [d.message for d in found if d.code == "CL000" and "CL60" in d.message] == []
