"""CL81x: structured outputs."""
from tests.helpers import assistant, codes, error_codes, lint, only, request, user


def _fmt(schema):
    return {"format": {"type": "json_schema", "schema": schema}}


def _obj(properties, **extra):
    return {"type": "object", "properties": properties, "required": list(properties), **extra}


CLOSED = _obj({"answer": {"type": "string"}}, additionalProperties=False)


class TestAdditionalProperties:
    def test_true_at_the_root(self):
        d = only(request(output_config=_fmt(_obj({"tags": {"type": "array", "items": {"type": "string"}}},
                                                  additionalProperties=True))), "CL811")
        assert (d.severity, d.status, d.path) == ("error", 400, "output_config.format.schema")
        assert d.api_message == ("output_config.format.schema: For 'object' type, 'additionalProperties: true' is not supported. "
                                 "Please set 'additionalProperties' to false")

    def test_missing_in_a_nested_object(self):
        schema = _obj({"address": _obj({"city": {"type": "string"}})}, additionalProperties=False)
        d = only(request(output_config=_fmt(schema)), "CL811")
        assert d.path == "output_config.format.schema" and "/properties/address" in d.message
        assert d.api_message == "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false"

    def test_beta_field_uses_the_beta_prefix(self):
        d = only(request(output_format={"type": "json_schema", "schema": _obj({"a": {"type": "string"}})}), "CL811")
        assert d.path == "output_format.schema"
        assert d.api_message == "output_format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false"

    def test_objects_in_defs_and_anyof_are_checked(self):
        schema = _obj({"x": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/P"}]}}, additionalProperties=False,
                      **{"$defs": {"P": {"type": "object", "properties": {}}}})
        assert "CL811" in error_codes(request(output_config=_fmt(schema)))

    def test_one_finding_per_schema_with_the_first_objects_text(self):
        schema = _obj({"a": _obj({}, additionalProperties=True), "b": _obj({}), "c": _obj({})})
        d = only(request(output_config=_fmt(schema)), "CL811")
        assert "'additionalProperties' must be explicitly set to false" in d.api_message  # the root comes first
        assert "/properties/a" in d.message and "/properties/c" in d.message

    def test_closed_schema_is_fine(self):
        assert error_codes(request(output_config=_fmt(CLOSED))) == []


class TestUnsupportedKeyword:
    def test_number_range(self):
        schema = _obj({"score": {"type": "number", "maximum": 1, "minimum": 0}}, additionalProperties=False)
        d = only(request(output_config=_fmt(schema)), "CL812")
        assert (d.severity, d.path) == ("error", "output_config.format.schema")
        assert d.api_message == "output_config.format.schema: For 'number' type, properties maximum, minimum are not supported"

    def test_text_only_when_both_readings_agree(self):
        schema = _obj({"score": {"type": "number", "minimum": 0, "maximum": 1}}, additionalProperties=False)
        assert only(request(output_config=_fmt(schema)), "CL812").api_message is None

    def test_string_length_and_array_size(self):
        schema = _obj({"name": {"type": "string", "minLength": 1},
                       "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 3}}, additionalProperties=False)
        d = only(request(output_config=_fmt(schema)), "CL812")  # one finding per schema, naming every place
        assert d.api_message is None and d.severity == "error"
        assert "/properties/name (minLength)" in d.message and "/properties/tags (maxItems)" in d.message

    def test_supported_keywords_are_fine(self):
        schema = _obj({"when": {"type": "string", "format": "date"}, "kind": {"enum": ["a", "b"]},
                       "items": {"type": "array", "items": {"type": "string"}, "minItems": 1}}, additionalProperties=False)
        assert error_codes(request(output_config=_fmt(schema))) == []


class TestCitations:
    DOC = {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "Returns within 30 days."},
           "citations": {"enabled": True}}

    def test_citations_enabled(self):
        body = request(model="claude-sonnet-5", output_config=_fmt(CLOSED),
                       messages=[user([self.DOC, {"type": "text", "text": "Return window?"}])])
        d = only(body, "CL813")
        assert (d.severity, d.path, d.api_message) == ("error", "output_config.format", None)

    def test_citations_off(self):
        doc = {**self.DOC, "citations": {"enabled": False}}
        body = request(output_config=_fmt(CLOSED), messages=[user([doc, {"type": "text", "text": "Return window?"}])])
        assert error_codes(body) == []

    def test_citations_without_json_output(self):
        assert "CL813" not in codes(request(messages=[user([self.DOC, {"type": "text", "text": "Return window?"}])]))


class TestPrefill:
    def test_prefill_with_json_output_is_a_warning(self):
        body = request(model="claude-haiku-4-5", output_config=_fmt(CLOSED), messages=[user("Hi"), assistant("{")])
        d = only(body, "CL814")
        assert d.severity == "warning" and d.path == "messages.1"

    def test_models_without_prefill_leave_it_to_cl206(self):
        body = request(output_config=_fmt(CLOSED), messages=[user("Hi"), assistant("{")])
        assert "CL814" not in codes(body)


def test_odd_shapes_do_not_crash():
    cyclic = {"type": "object"}
    cyclic["properties"] = {"self": cyclic}
    for body in (request(output_config={"format": "json"}), request(output_config=_fmt({"type": ["object", "null"], "items": [1]})),
                 request(output_format=[]), request(output_config=_fmt({"properties": [], "anyOf": {}}))):
        assert "CL000" not in [d.code for d in lint(body)]
    from claude_lint.rules.outputs import subschemas
    assert len(list(subschemas(cyclic))) == 1
