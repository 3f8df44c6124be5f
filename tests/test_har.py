"""HAR captures: which entries are linted, positions inside the escaped `postData.text`, masking of
credentials in every output format, load errors, the base URL option."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claude_lint.cli import main
from claude_lint.load import LoadError, load
from claude_lint.load.har import HarDocument
from claude_lint.load.positions import EscapedString

ROOT = Path(__file__).resolve().parent
CAPTURE = ROOT / "data" / "capture.har"  # Chrome DevTools "Export HAR" layout (WebInspector 537.36)
KEY = "sk-ant-api03-" + "Zq7vW2xY9kLmN3pR5sT8uV1wX4yZ6aB0cD2eF4gH6iJ8kL0mN2oP4qR6sT8uV0wX2yZ4aB6cD8eF0gH2iJ4kL6mN8oP0qR2sT4-uV6wX8AA"
URL = "https://api.anthropic.com/v1/messages"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# --- a HAR as mitmproxy's `save.har` writes it (json.dump indent=4, ASCII escapes, postData.params) --


def mitm_entry(method, url, headers, body=None, status=200, response="{}"):
    request = {"method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
               "headers": [{"name": n, "value": v} for n, v in headers], "queryString": [],
               "headersSize": 300, "bodySize": len(body or "")}
    if body is not None:
        request["postData"] = {"mimeType": "application/json", "text": body, "params": []}
    return {"startedDateTime": "2026-11-21T10:02:03.123456+00:00", "time": 512.3, "request": request,
            "response": {"status": status, "statusText": "OK", "httpVersion": "HTTP/1.1",
                         "cookies": [{"name": "__cf_bm", "value": "cfbm-SESSION-SECRET-123", "path": "/", "domain": ".anthropic.com",
                                      "httpOnly": True, "secure": True}],
                         "headers": [{"name": "content-type", "value": "application/json"},
                                     {"name": "set-cookie", "value": "__cf_bm=cfbm-SESSION-SECRET-123; path=/"}],
                         "content": {"size": len(response), "compression": 0, "mimeType": "application/json", "text": response},
                         "redirectURL": "", "headersSize": 200, "bodySize": len(response)},
            "cache": {}, "timings": {"connect": 20.1, "ssl": 30.2, "send": 0.4, "receive": 1.1, "wait": 460.5},
            "serverIPAddress": "160.79.104.10"}


def mitm_har(entries) -> str:
    har = {"log": {"version": "1.2", "creator": {"name": "mitmproxy exporthar", "version": "0.1",
                                                  "comment": "mitmproxy version 11.1.3"}, "pages": [], "entries": entries}}
    return json.dumps(har, indent=4)


API_HEADERS = [("Host", "api.anthropic.com"), ("x-api-key", KEY), ("anthropic-version", "2023-06-01"),
               ("content-type", "application/json"), ("user-agent", "Anthropic/Python 1.17.0")]


def write(tmp_path, text, name="capture.har"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def position_of(text: str, needle: str, occurrence: int = 0) -> tuple:
    """1-based (line, column) of the start of ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


# --- the Chrome capture -----------------------------------------------------------------------------


class TestChromeCapture:
    def test_findings_point_into_the_har(self):
        result = run(CAPTURE)
        assert result.exit_code == 1
        text = CAPTURE.read_text(encoding="utf-8")
        # the empty text block of the bad request, inside the escaped postData.text of entry 3
        body_line, body_col = position_of(text, '\\"text\\":\\"\\"}]}]}')
        first = result.output.splitlines()[0]
        assert first == (f"{CAPTURE}:{body_line}:{body_col + 9}: CL203 [400 invalid_request_error] messages text block is "
                         "empty (messages.2.content.0.text)")
        # the missing anthropic-version of entry 4: at its headers list
        headers_line, headers_col = position_of(text, '"headers": [', 8)
        assert (f"{CAPTURE}:{headers_line}:{headers_col}: CL970 [400 invalid_request_error] the `anthropic-version` header "
                "is missing (headers.anthropic-version)") in result.output
        beta_line, beta_col = position_of(text, '"anthropic-beta"')
        assert f"{CAPTURE}:{beta_line}:{beta_col}: CL976 [warning]" in result.output
        assert result.output.endswith("Found 2 errors and 1 warning in 3 requests.\n")

    def test_skips_reads_and_other_hosts(self):
        docs = list(load(str(CAPTURE)))
        assert [d.entry for d in docs] == [1, 3, 4]  # GET /v1/models and google-analytics skipped
        assert all(isinstance(d, HarDocument) and d.url == URL and d.endpoint == "messages" for d in docs)
        assert dict(docs[0].headers)["anthropic-version"] == "2023-06-01"

    def test_good_request_alone_is_clean(self, tmp_path):
        har = json.loads(CAPTURE.read_text(encoding="utf-8"))
        har["log"]["entries"] = har["log"]["entries"][:3]
        result = run(write(tmp_path, json.dumps(har, indent=2)))
        assert (result.exit_code, result.output) == (0, "")

    @pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
    def test_no_output_format_shows_the_key(self, fmt):
        result = run(CAPTURE, "-f", fmt)
        assert result.exit_code == 1 and KEY[7:] not in result.output and "Zq7vW2xY" not in result.output


# --- positions inside the escaped body --------------------------------------------------------------


BODY = {"model": "claude-sonnet-4-6", "max_tokens": 64, "messages": [
    {"role": "user", "content": "Café \"quoted\" \\ back\nnew line 😀 end"},
    {"role": "assistant", "content": "ok"},
    {"role": "user", "content": [{"type": "text", "text": ""}]},
]}


class TestEscapes:
    @pytest.mark.parametrize("value", ["plain", 'a "quote" and \\ backslash', "line\nbreak\ttab", "café ü 中文",
                                       "emoji 😀 pair 👍🏽", "\u2028 separators \u0000 nul", ""])
    @pytest.mark.parametrize("ascii_only", [True, False])
    def test_every_decoded_offset_maps_to_its_raw_escape(self, value, ascii_only):
        raw = json.dumps(value, ensure_ascii=ascii_only)
        text = "{ \"text\": " + raw + " }"
        start = text.index(raw) + 1
        mapping = EscapedString(text, start, start + len(raw) - 2)
        for d, char in enumerate(value):
            r = mapping.raw_offset(d)
            m = re.compile(r'\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|.', re.S).match(text, r)
            assert json.loads('"' + m.group() + '"') == char, (d, char, m.group())
        assert mapping.raw_offset(len(value)) == start + len(raw) - 2

    @pytest.mark.parametrize("indent", [None, 2])
    def test_body_finding_lands_on_the_escaped_value(self, tmp_path, indent):
        # a pretty-printed body: its newlines are \n escapes in the HAR; its non-ASCII, \u escapes
        body = json.dumps(BODY, indent=indent, ensure_ascii=False)
        path = write(tmp_path, mitm_har([mitm_entry("POST", URL, API_HEADERS, body)]))
        result = run(path, "-f", "json")
        [d] = json.loads(result.output)["diagnostics"]
        text = path.read_text()
        expected = position_of(text, '\\"text\\": \\"\\"')
        assert d["code"] == "CL203" and (d["line"], d["column"] - len('\\"text\\": ')) == expected
        assert d["end_column"] - d["column"] == len('\\"\\"')
        assert "\\u00e9" in text and "\\ud83d\\ude00" in text  # the escapes really are there

    def test_invalid_json_body_is_a_load_error_at_its_position(self, tmp_path):
        path = write(tmp_path, mitm_har([mitm_entry("POST", URL, API_HEADERS, '{"model": "claude-sonnet-4-6",\n "max_tokens": }')]))
        result = run(path)
        assert result.exit_code == 2
        text = path.read_text()
        line, column = position_of(text, '\\"max_tokens\\": }')
        column += len('\\"max_tokens\\": ')
        assert result.output.strip() == (f"{path}:{line}:{column}: error: entry 0 (POST /v1/messages): request body: "
                                         "invalid JSON: Expecting value")


# --- which entries, load errors ---------------------------------------------------------------------


class TestEntries:
    def test_wrong_path_with_a_messages_body_is_linted_and_points_at_the_url(self, tmp_path):
        path = write(tmp_path, mitm_har([mitm_entry("POST", "https://api.anthropic.com/v1/message", API_HEADERS,
                                                    json.dumps({**BODY, "messages": BODY["messages"][:1]}))]))
        result = run(path, "-f", "json")
        [d] = json.loads(result.output)["diagnostics"]
        assert (d["code"], d["status"], d["path"], d["api_message"]) == ("CL960", 404, "url", "Not Found")
        assert (d["line"], d["column"]) == position_of(path.read_text(), '"https://api.anthropic.com/v1/message"')

    def test_other_claude_api_calls_are_skipped(self, tmp_path):
        entries = [mitm_entry("POST", "https://api.anthropic.com/v1/messages/batches/msgbatch_1/cancel", API_HEADERS),
                   mitm_entry("POST", "https://api.anthropic.com/v1/files", API_HEADERS, "--boundary--"),
                   mitm_entry("GET", URL, API_HEADERS)]
        result = run(write(tmp_path, mitm_har(entries)), "--statistics")
        assert (result.exit_code, result.output) == (0, "")

    def test_messages_post_without_body_is_a_load_error(self, tmp_path):
        path = write(tmp_path, mitm_har([mitm_entry("POST", URL, API_HEADERS)]))
        result = run(path)
        assert result.exit_code == 2 and result.output.count("\n") == 1
        assert "entry 0 (POST /v1/messages): no request body captured (request.postData.text)" in result.output

    def test_base64_body(self, tmp_path):
        import base64

        entry = mitm_entry("POST", URL, API_HEADERS, base64.b64encode(json.dumps({**BODY, "max_tokens": "64"}).encode()).decode())
        entry["request"]["postData"]["encoding"] = "base64"
        path = write(tmp_path, mitm_har([entry]))
        found = json.loads(run(path, "-f", "json").output)["diagnostics"]
        assert [d["code"] for d in found] == ["CL103", "CL203"]
        # no character of a base64 body maps to the JSON: the whole value is the span
        assert {(d["line"], d["column"]) for d in found} == {position_of(path.read_text(), '"eyJ')}

    @pytest.mark.parametrize("text, message", [
        ('{"log": {"version": "1.2"}}', 'not a HAR file: expected {"log": {"entries": [...]}}'),
        ("[1, 2]", 'not a HAR file: expected {"log": {"entries": [...]}}'),
        ('{"log": {"entries": [}', "invalid JSON: Expecting value"),
    ])
    def test_not_a_har_is_one_load_error(self, tmp_path, text, message):
        result = run(write(tmp_path, text))
        assert result.exit_code == 2
        assert result.output.count("\n") == 1 and message in result.output

    def test_gateway_entries_need_the_base_url(self, tmp_path):
        gateway = "https://llm.example.com/anthropic/v1/messages"
        path = write(tmp_path, mitm_har([mitm_entry("POST", gateway, API_HEADERS, json.dumps(BODY))]))
        assert run(path).output == ""
        result = run(path, "--base-url", "https://llm.example.com/anthropic")
        assert result.exit_code == 1 and "CL203" in result.output
        (tmp_path / "claude-lint.toml").write_text('base-url = "llm.example.com/anthropic"\n')
        assert "CL203" in run(path).output

    def test_directories_pick_up_captures(self, tmp_path):
        (tmp_path / "sub").mkdir()
        write(tmp_path, mitm_har([mitm_entry("POST", URL, API_HEADERS, json.dumps(BODY))]), "sub/x.har")
        result = run(tmp_path)
        assert "x.har" in result.output and "CL203" in result.output

    def test_a_capture_on_stdin(self):
        result = CliRunner().invoke(main, ["-", "-f", "json"], input=CAPTURE.read_bytes(), catch_exceptions=False)
        found = json.loads(result.output)["diagnostics"]
        assert [(d["file"], d["code"]) for d in found] == [("<stdin>", "CL203"), ("<stdin>", "CL970"), ("<stdin>", "CL976")]

    def test_fix_never_rewrites_a_capture(self, tmp_path):
        path = write(tmp_path, mitm_har([mitm_entry("POST", URL, API_HEADERS, json.dumps(BODY))]))
        before = path.read_text()
        run(path, "--fix", "--unsafe-fixes")
        assert path.read_text() == before

    def test_parallel_jobs(self, tmp_path):
        for name in ("a.har", "b.har"):
            write(tmp_path, mitm_har([mitm_entry("POST", URL, API_HEADERS, json.dumps(BODY))]), name)
        assert run(tmp_path, "-j", "2").output == run(tmp_path).output


# --- masking ----------------------------------------------------------------------------------------


class TestMasking:
    def minified(self, tmp_path, extra_headers=()):
        """A one-line capture: every header shares the line that the text output shows."""
        headers = [("Cookie", "sessionKey=sk-ant-sid01-SESSIONSECRET-abcdefghij"), ("authorization", "Bearer secret-bearer-token-xyz"),
                   *extra_headers, *[h for h in API_HEADERS if h[0] != "anthropic-version"]]
        entry = mitm_entry("POST", URL, headers, json.dumps(BODY))
        return write(tmp_path, json.dumps({"log": {"version": "1.2", "creator": {"name": "Charles Proxy", "version": "4.6.7"},
                                                   "entries": [entry]}}))

    @pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
    def test_secrets_never_reach_the_output(self, tmp_path, fmt):
        path = self.minified(tmp_path)
        result = run(path, "-f", fmt)
        assert result.exit_code == 1
        for secret in (KEY[7:], "SESSIONSECRET", "secret-bearer-token", "cfbm-SESSION-SECRET"):
            assert secret not in result.output

    def test_source_lines_keep_their_columns(self, tmp_path):
        path = self.minified(tmp_path)
        output = run(path).output
        # the caret still sits under the finding's text once the secrets are blotted out
        lines = output.splitlines()
        for i, line in enumerate(lines):
            if line.lstrip().startswith("1 |"):
                source, caret = line.split("| ", 1)[1], lines[i + 1].split("| ", 1)[1]
                start = len(caret) - len(caret.lstrip())
                assert source[start:start + 1] in ('"', "\\"), (source[start - 5:start + 20], caret)
        assert '"Bearer ***********************"' in output and '"session*****' in output

    def test_the_key_on_the_line_of_a_header_finding_is_blotted(self, tmp_path):
        path = self.minified(tmp_path, [("anthropic-version", "2023-10-01")])
        output = run(path).output
        assert 'anthropic-version: "2023-10-01" is not a valid version' in output
        assert KEY[7:] not in output
        [doc] = load(str(path))
        line = doc.source_line(1)
        assert len(line) == len(path.read_text())  # blotted in place: columns stay right
        assert '"x-api-key", "value": "sk-ant-' + "*" * (len(KEY) - 7) + '"' in line and KEY[7:] not in line
        assert '"value": "Bearer ****' in line and "cfbm-SESSION-SECRET" not in line
