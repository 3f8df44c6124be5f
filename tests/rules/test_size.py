"""CL620: the size of the request body (api-rules §2 H9-H11, §15 B9)."""
import json

import pytest

from claude_lint.rules.size import exceeds, serialized_size
from tests.helpers import codes, error_codes, lint, only, request, user

MIB = 1024 * 1024


def padded(total_chars, **overrides):
    """A valid request whose system prompt makes the compact body ``total_chars`` bytes long."""
    body = request(system="", **overrides)
    base = len(json.dumps(body, separators=(",", ":")))
    body["system"] = "x" * (total_chars - base)
    return body


class TestRequestTooLarge:
    def test_over_32_mib_on_messages(self):
        body = padded(32 * MIB + 1)
        found = lint(body)
        d = found[0]  # checked before anything else
        assert d.code == "CL620" and d.name == "request-too-large"
        assert d.severity == "error"
        assert (d.status, d.error_type) == (413, "request_too_large")
        assert d.path is None
        assert d.api_message == "Request exceeds the maximum size"
        assert d.api_error_body() == {"error": {"type": "request_too_large", "message": "Request exceeds the maximum size"}}
        assert error_codes(body) == ["CL620"]

    def test_count_tokens_too(self):
        body = padded(34_603_008)
        body.pop("max_tokens")
        d = only(body, "CL620", endpoint="count_tokens")
        assert d.severity == "error" and d.status == 413

    def test_between_32_mb_and_32_mib_is_a_warning(self):
        d = only(padded(32_500_000), "CL620")
        assert d.severity == "warning"

    def test_exactly_32_mb_is_fine(self):
        assert "CL620" not in codes(padded(32_000_000 - 200))

    def test_escaped_serialisation_alone_is_a_warning(self):
        # 10.5M CJK characters: 31.5 MB as UTF-8 (fine), 63 MB as \u escapes (what json.dumps sends by default)
        body = request(system="漢" * 10_500_000)
        d = only(body, "CL620")
        assert d.severity == "warning"

    def test_non_ascii_counts_in_utf8_bytes(self):
        body = request(system="é" * (17 * MIB))  # 17 Mi characters, 34 MiB of UTF-8
        assert only(body, "CL620").severity == "error"

    def test_small_request_is_fine(self):
        assert "CL620" not in codes(request(messages=[user("Hello")]))

    def test_not_applied_to_each_batch_line(self):
        body = {"requests": [{"custom_id": "a", "params": padded(32 * MIB + 1)}]}
        assert "CL620" not in codes(body, endpoint="batch")  # the batch limit is 256 MB in total


class TestSerializedSize:
    BODY = {
        "model": "claude-sonnet-4-6",
        "max_tokens": 1024,
        "temperature": 0.25,
        "stream": False,
        "metadata": None,
        "stop_sequences": ["\n\nHuman:", "END"],
        "messages": [{"role": "user", "content": [
            {"type": "text", "text": 'He said "hi"\\ \t\x01 caf\u00e9 \U0001F600 ' * 40},
            {"type": "text", "text": "short é"},
        ]}],
        "empty": {},
        "list": [],
        "big": 10 ** 30,
        "neg": -1.5e-7,
    }

    def test_exact_against_json_dumps(self):
        compact = len(json.dumps(self.BODY, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        spaced = len(json.dumps(self.BODY))
        assert serialized_size(self.BODY) == (compact, spaced)

    def test_python_walk_matches_when_json_cannot_encode(self, monkeypatch):
        from claude_lint.rules import size

        def refuse(*args, **kwargs):
            raise TypeError("no")

        expected = serialized_size(self.BODY)
        monkeypatch.setattr(size.json, "dumps", refuse)
        assert serialized_size(self.BODY) == expected

    @pytest.mark.parametrize("limit", [10, 500, 2_000, 5_000, 6_000, 20_000, 100_000])
    def test_verdicts_agree_with_exact_sizes(self, limit):
        low, high = serialized_size(self.BODY)
        verdict, _, _ = exceeds(self.BODY, error_above=limit, warn_above=limit)
        expected = "error" if low > limit else "warning" if high > limit else None
        assert verdict == expected

    def test_cyclic_value_ends(self):
        loop = []
        loop.append(loop)
        verdict, _, _ = exceeds(loop, error_above=10_000, warn_above=10_000)
        assert verdict == "error"

    def test_large_image_body_under_the_limit(self):
        # 24 MiB of base64 in 6 images: measured exactly (the long strings), no serialisation
        data = "A" * (4 * MIB)
        body = request(messages=[user([{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}] * 6)])
        verdict, low, _ = exceeds(body, error_above=32 * MIB, warn_above=32_000_000)
        assert verdict is None and low > 24 * MIB


class TestContextWindowExceeded:
    def test_text_certainly_over_a_200k_window_is_a_warning_with_the_numbers(self):
        d = only(request(model="claude-haiku-4-5", messages=[user("abc " * 1_000_000)]), "CL630")
        assert d.severity == "warning" and d.status == 400 and d.api_message is None
        assert "4,000,000 characters" in d.message and "200,000-token" in d.message

    def test_same_text_fits_a_1m_window(self):
        assert "CL630" not in codes(request(model="claude-sonnet-4-6", messages=[user("abc " * 1_000_000)]))

    def test_just_under_the_floor_is_silent(self):
        assert "CL630" not in codes(request(model="claude-haiku-4-5", messages=[user("x" * 3_200_000)]))

    def test_tool_result_and_system_text_count(self):
        body = request(model="claude-haiku-4-5", system="s" * 2_000_000, messages=[user("x" * 1_300_000)])
        assert "CL630" in codes(body)


class TestKnownBodySize:
    """With the body's size in bytes given (the guard and the command have the bytes), the check
    is exact and needs no walk over the body."""

    def test_over_32_mib_is_the_413(self):
        d = only(request(), "CL620", body_size=40 * 1024 * 1024)
        assert d.severity == "error" and d.status == 413 and d.api_message == "Request exceeds the maximum size"

    def test_between_32_mb_and_32_mib_is_a_warning(self):
        assert only(request(), "CL620", body_size=33_000_000).severity == "warning"

    def test_under_the_limit_is_silent(self):
        assert "CL620" not in codes(request(), body_size=1_000)


class TestPickleBound:
    """The quick bound must never call a body small that some JSON serialisation makes large."""

    @pytest.mark.parametrize("value", [
        "\x01" * 1000,  # every character a 6-byte escape
        [False] * 1000,  # "false, " per 1-byte pickle opcode
        [None, True] * 500,
        [{}] * 500,
        [[]] * 500,
        {f"k{i}": [] for i in range(300)},
        [2 ** 70] * 200,
        [1.2345678901234567e-300] * 200,
        ["\U0001f600" * 10] * 50,
        [("a", 1)] * 100,
    ])
    def test_bound_is_above_the_largest_serialisation(self, value):
        import json

        from claude_lint.rules.size import certainly_under

        largest = len(json.dumps(value))  # spaced separators and \\u escapes: the largest form
        assert not certainly_under(value, largest)

    def test_unpicklable_values_fall_back_to_the_walk(self):
        from claude_lint.rules.size import certainly_under

        cyclic = []
        cyclic.append(cyclic)
        assert certainly_under(cyclic, 10 ** 9) is False
        assert certainly_under({"x": lambda: None}, 10 ** 9) is False
