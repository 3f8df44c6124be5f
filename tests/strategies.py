"""Hypothesis strategies for the fuzz tests (``tests/test_fuzz.py``): request bodies built from the
conformance cases and from the request models, mutated at random depths along random paths;
arbitrary JSON values; and bytes/text for the file loader.

Every strategy draws all of its choices through Hypothesis, so a failure shrinks to a small input
(fewer mutations, shallower paths, shorter values).
"""
from __future__ import annotations

import base64
import codecs
import copy
import json
import os
import struct
import zlib
from functools import lru_cache
from pathlib import Path

from hypothesis import reject
from hypothesis import strategies as st

from claude_lint.data.catalog import default_catalog
from claude_lint.schemas import SCHEMAS, build
from tests.conformance.test_conformance import CASES, FILL, _fill

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = ("messages", "count_tokens", "batch")
API_VERSIONS = ("2023-06-01", "2026-10-21")

# --- plain JSON values -----------------------------------------------------------------------

EDGE_INTS = (0, 1, -1, 2, 1023, 1024, 1025, 4096, 2**31 - 1, 2**31, -(2**31), 2**53, 2**53 + 1,
             2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30, -(10**30), 10**400)
EDGE_FLOATS = (0.0, -0.0, 0.5, 1.0, 1.5, -1.0, 1e-300, 5e-324, 1e308, float("inf"), float("-inf"),
               float("nan"), 1024.0, 2.0**63)
EDGE_STRINGS = ("", " ", "  \t\n", "\n", "\u00a0", "\u200b", "\ufeff", "\x00", "\ud800", "\udfff",
                "é", "日本語", "🙂", "a" * 65, "null", "true", "0", "-1", "1e400", "NaN",
                "data:image/png;base64,iVBORw0KGgo=", "=", "====", "AAAA", "A===")

# Everything a Python caller can hand over, lone surrogates included (json.loads makes them
# from "\ud800"), which the file loader can never produce.
any_char = st.characters(codec=None, exclude_categories=())
texts = st.one_of(st.sampled_from(EDGE_STRINGS), st.text(max_size=12), st.text(any_char, max_size=40))


def _beyond_str_limit(sign: int) -> int:
    """An int with more digits than ``str()`` converts by default (4300): fine in a request
    built in Python, a ``ValueError`` for any code that formats it."""
    return sign * 10**5000


ints = st.one_of(st.sampled_from(EDGE_INTS), st.integers(), st.integers(-3, 70_000),
                 st.builds(_beyond_str_limit, st.sampled_from((1, -1))))
floats = st.one_of(st.sampled_from(EDGE_FLOATS), st.floats())
scalars = st.one_of(st.none(), st.booleans(), ints, floats, texts)


def _key(text: str) -> str:
    return text


def json_values(leaves=None, max_leaves: int = 12):
    """Any JSON value (plus NaN/infinities and lone surrogates, which Python callers can pass)."""
    leaves = leaves or scalars
    keys = dict_keys()
    return st.recursive(
        leaves,
        lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
        max_leaves=max_leaves,
    )


# --- media bytes: structured enough to get past the sniffing into the header parsers ------------

def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


dims = st.one_of(st.sampled_from((0, 1, 8000, 8001, 8192, 2**31 - 1, 2**32 - 1)), st.integers(0, 2**32 - 1))
small_dims = st.one_of(st.sampled_from((0, 1, 8000, 8001, 65535)), st.integers(0, 65535))
junk = st.binary(max_size=48)


@st.composite
def png_bytes(draw):
    out = b"\x89PNG\r\n\x1a\n"
    if draw(st.booleans()):
        out += _chunk(b"IHDR", struct.pack(">II", draw(dims), draw(dims)) + draw(st.binary(max_size=6)))
    for _ in range(draw(st.integers(0, 3))):
        out += _chunk(draw(st.sampled_from((b"IDAT", b"tEXt", b"IHDR", b"acTL"))), draw(junk))
    if draw(st.booleans()):
        out += b"\x00\x00\x00\x00IEND\xaeB`\x82"
    return out + draw(st.binary(max_size=8))


@st.composite
def jpeg_bytes(draw):
    out = b"\xff\xd8"
    for _ in range(draw(st.integers(0, 4))):
        marker = draw(st.sampled_from((0xE0, 0xE1, 0xDB, 0xC0, 0xC2, 0xC4, 0xDA, 0xD9, 0xFF, 0x01, 0xD0)))
        if marker in (0xC0, 0xC2) and draw(st.booleans()):
            body = b"\x08" + struct.pack(">HH", draw(small_dims), draw(small_dims)) + b"\x03"
        else:
            body = draw(junk)
        length = draw(st.one_of(st.just(len(body) + 2), st.integers(0, 65535)))
        out += bytes((0xFF, marker)) + struct.pack(">H", length) + body
    if draw(st.booleans()):
        out += b"\xff\xd9"
    return out + draw(st.binary(max_size=8))


@st.composite
def gif_bytes(draw):
    return draw(st.sampled_from((b"GIF87a", b"GIF89a"))) + struct.pack("<HH", draw(small_dims), draw(small_dims)) + draw(junk)


@st.composite
def webp_bytes(draw):
    kind = draw(st.sampled_from((b"VP8X", b"VP8L", b"VP8 ", b"ALPH")))
    payload = draw(st.sampled_from((b"", b"\x2f", b"\x00\x00\x00\x9d\x01\x2a"))) + draw(st.binary(max_size=30))
    riff = b"WEBP" + kind + struct.pack("<I", len(payload)) + payload
    size = draw(st.one_of(st.just(len(riff)), st.integers(0, 2**32 - 1)))
    return b"RIFF" + struct.pack("<I", size) + riff


@st.composite
def pdf_bytes(draw):
    parts = [b"%PDF-1.", draw(st.binary(max_size=24))]
    if draw(st.booleans()):
        parts.append(b"/Encrypt")
    if draw(st.booleans()):
        parts.append(b"%%EOF")
    return b"".join(parts) + draw(st.binary(max_size=4))


MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP", b"%PDF-", b"BM",
         b"II*\x00", b"\x00\x00\x00\x18ftypavif", b"PK\x03\x04", b"<svg", b"<?xml")
media_bytes = st.one_of(png_bytes(), jpeg_bytes(), gif_bytes(), webp_bytes(), pdf_bytes(),
                        st.builds(lambda m, b: m + b, st.sampled_from(MAGIC), st.binary(max_size=40)),
                        st.binary(max_size=40))


@st.composite
def base64_data(draw):
    """Base64 of media bytes, sometimes broken the ways people break it (padding, whitespace,
    a data: URL prefix, base64url)."""
    data = base64.b64encode(draw(media_bytes)).decode("ascii")
    how = draw(st.integers(0, 7))
    if how == 1:
        data = data.rstrip("=")
    elif how == 2:
        data = "\n".join(data[i:i + 8] for i in range(0, len(data), 8))
    elif how == 3:
        data = "data:image/png;base64," + data
    elif how == 4:
        data = data.replace("+", "-").replace("/", "_")
    elif how == 5:
        data = data + draw(st.sampled_from(("=", "==", "===", " ", "\n", "A", "AAAA")))
    return data


# --- vocabulary: the names and values the models, the catalog and the cases use ---------------

def _walk_json(node, keys, strings):
    if isinstance(node, dict):
        for k, v in node.items():
            keys.add(k)
            _walk_json(v, keys, strings)
    elif isinstance(node, list):
        for v in node:
            _walk_json(v, keys, strings)
    elif isinstance(node, str) and len(node) <= 80:
        strings.add(node)


@lru_cache(maxsize=None)
def schemas() -> dict:
    """The JSON Schemas generated from the request models (``claude_lint.schemas``)."""
    return {name: build(name) for name in SCHEMAS}


@lru_cache(maxsize=None)
def _vocabulary() -> tuple:
    keys, strings = set(), set()
    for schema in schemas().values():
        for definition in [schema, *schema.get("$defs", {}).values()]:
            _walk_schema_vocabulary(definition, keys, strings)
    for case in CASES:
        _walk_json(case["request"], keys, strings)
    strings |= set(model_ids())
    strings.discard(FILL)
    return tuple(sorted(keys)), tuple(sorted(strings))


def _walk_schema_vocabulary(node, keys, strings):
    if isinstance(node, dict):
        keys.update(node.get("properties", {}))
        if isinstance(node.get("const"), str):
            strings.add(node["const"])
        strings.update(v for v in node.get("enum", ()) if isinstance(v, str))
        for v in node.values():
            _walk_schema_vocabulary(v, keys, strings)
    elif isinstance(node, list):
        for v in node:
            _walk_schema_vocabulary(v, keys, strings)


@lru_cache(maxsize=None)
def model_ids() -> tuple:
    ids = set()
    for m in default_catalog().models:
        ids.add(m.id)
        ids.update(m.aliases)
    for row in json.loads((ROOT / "claude_lint" / "data" / "models.json").read_text(encoding="utf-8")):
        ids.update(row.get("bedrock_ids") or ())
        ids.update(row.get("vertex_ids") or ())
    return tuple(sorted(ids)) + ("claude-sonnet-4.6", "claude-3-5-sonnet-latest", "gpt-4o", "claude-opus-9-9")


def vocabulary_keys():
    return st.sampled_from(_vocabulary()[0])


def dict_keys():
    return st.one_of(vocabulary_keys(), texts.map(_key))


def vocabulary_strings():
    return st.sampled_from(_vocabulary()[1])


def replacement_values():
    """What a mutation puts in place of a value: a random JSON value, a name or literal the models
    know, a small structure, or base64 media."""
    return st.one_of(scalars, vocabulary_strings(), json_values(max_leaves=6), base64_data())


# --- seeds: the conformance cases --------------------------------------------------------------

SMALL_FILL = "x" * 64  # a size case's filler, kept small: the size rules have their own tests


@lru_cache(maxsize=None)
def seeds() -> tuple:
    """``(body, endpoint, api_version)`` of every conformance case, batch lines as batch bodies."""
    out = []
    for case in CASES:
        body = _fill(case["request"], SMALL_FILL)
        endpoint = case["endpoint"]
        if endpoint == "batch_line":
            body = {"requests": body if isinstance(body, list) else [body]}
            endpoint = "batch"
        out.append((body, endpoint, case.get("api_version") or "2023-06-01"))
    return tuple(out)


# --- bodies generated from the request models' JSON Schemas ------------------------------------

MAX_DEPTH = 7


class _SchemaStrategies:
    """A strategy per schema node, roughly conforming: the right keys and literals, mostly the
    right types, so that the rules (not only the schema check) get to see the body."""

    def __init__(self, schema: dict):
        self.defs = schema.get("$defs", {})

    def of(self, node: dict, depth: int = 0, name: str = ""):
        if depth > MAX_DEPTH:
            return st.one_of(st.none(), texts, st.just([]), st.just({}))
        if "$ref" in node:
            return st.deferred(lambda: self.of(self.defs[node["$ref"].rsplit("/", 1)[-1]], depth + 1, name))
        if "const" in node:
            return st.just(node["const"])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        for union in ("anyOf", "oneOf"):
            if union in node:
                return st.one_of([self.of(option, depth + 1, name) for option in node[union]])
        special = self._special(name)
        if special is not None:
            return special
        kind = node.get("type")
        if kind == "object":
            return self._object(node, depth)
        if kind == "array":
            item = self.of(node.get("items", {}), depth + 1)
            return st.lists(item, min_size=min(node.get("minItems", 0), 2), max_size=3)
        if kind == "string":
            if _anchored(node.get("pattern", "")):
                return st.one_of(st.from_regex(node["pattern"], fullmatch=True), texts)
            return st.one_of(texts, vocabulary_strings())
        if kind == "integer":
            low = node.get("minimum", node.get("exclusiveMinimum", -10))
            return st.one_of(st.integers(low, low + 70_000), st.sampled_from(EDGE_INTS))
        if kind == "number":
            return st.one_of(st.floats(0, 1), floats)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        return json_values(max_leaves=6)

    @staticmethod
    def _special(name: str):
        if name == "model":
            return st.one_of(st.sampled_from(model_ids()), texts)
        if name == "data":
            return st.one_of(base64_data(), texts)
        return None

    def _object(self, node: dict, depth: int):
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        fields = {k: self.of(v, depth + 1, k) for k, v in properties.items()}

        @st.composite
        def build_object(draw):
            out = {}
            for key, strategy in fields.items():
                # required keys nearly always, optional ones now and then
                if draw(st.integers(0, 9)) < (9 if key in required else 2):
                    out[key] = draw(strategy)
            if node.get("additionalProperties", True) is not False or draw(st.integers(0, 19)) == 0:
                for _ in range(draw(st.integers(0, 2))):
                    out[draw(dict_keys())] = draw(json_values(max_leaves=4))
            return out

        return build_object()


def _anchored(pattern: str) -> bool:
    return pattern.startswith("^") and pattern.endswith("$")


@lru_cache(maxsize=None)
def _schema_strategy(name: str):
    schema = schemas()[name]
    return _SchemaStrategies(schema).of(schema)


@st.composite
def model_bodies(draw):
    """``(body, endpoint, api_version)`` generated from the request models."""
    endpoint = draw(st.sampled_from(ENDPOINTS))
    if endpoint == "batch":
        lines = draw(st.lists(_schema_strategy("batch-line.schema.json"), min_size=1, max_size=3))
        body = {"requests": lines}
    elif endpoint == "count_tokens":
        body = draw(_schema_strategy("count-tokens-request.schema.json"))
    else:
        body = draw(_schema_strategy("messages-request.schema.json"))
    return body, endpoint, draw(st.sampled_from(API_VERSIONS))


# --- mutations -----------------------------------------------------------------------------------

OPERATIONS = ("drop", "duplicate", "retype", "nest", "truncate", "flip", "set_key", "vocab", "tweak",
              "swap", "alias", "deep", "media")
MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf", "text/plain", "image/svg+xml")


def _walk_path(draw, root) -> list:
    """A random walk from the root: at each container, go on (4 times in 5) into a random child."""
    path, node = [], root
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)) > 0:
        key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    return path


def _all_paths(node, prefix=()):
    yield list(prefix)
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _all_paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _all_paths(value, prefix + (i,))


def _path(draw, root) -> list:
    """A random path: a random walk (shallow places more often) or any node, deep ones as likely."""
    if draw(st.booleans()):
        return _walk_path(draw, root)
    paths = list(_all_paths(root))
    return paths[draw(st.integers(0, len(paths) - 1))]


def _media_sources(node, prefix=()):
    """Paths of the dicts that hold media data (``{"data": "...", ...}``)."""
    if isinstance(node, dict):
        if isinstance(node.get("data"), str):
            yield list(prefix)
        for key, value in node.items():
            yield from _media_sources(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _media_sources(value, prefix + (i,))


def _mutate_media(draw, body):
    """Damage the media of a body where the header parsers read it: bytes flipped near the start,
    cut short, replaced by other media, or declared as another type."""
    sources = list(_media_sources(body))
    if not sources:
        return body
    source = _get(body, sources[draw(st.integers(0, len(sources) - 1))])
    how = draw(st.integers(0, 3))
    if how == 0:
        source["data"] = _flip(draw, source["data"])
    elif how == 1:
        source["data"] = _truncate(draw, source["data"])
    elif how == 2:
        source["data"] = draw(base64_data())
    else:
        source["media_type"] = draw(st.sampled_from(MEDIA_TYPES))
    return body


def _get(root, path):
    for key in path:
        root = root[key]
    return root


def _set(root, path, value):
    """``root`` with the value at ``path`` replaced (the root itself when ``path`` is empty)."""
    if not path:
        return value
    _get(root, path[:-1])[path[-1]] = value
    return root


def _truncate(draw, value):
    if isinstance(value, (str, list)):
        return value[:draw(st.integers(0, max(0, len(value) - 1)))] if value else value
    if isinstance(value, dict):
        keep = draw(st.integers(0, max(0, len(value) - 1)))
        return dict(list(value.items())[:keep])
    return value


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="


def _flip(draw, value):
    if isinstance(value, str) and value:
        chars = list(value)
        for _ in range(draw(st.integers(1, 4))):
            # bias the position to the start: that is where media headers and model names live
            i = draw(st.one_of(st.integers(0, min(len(chars) - 1, 40)), st.integers(0, len(chars) - 1)))
            chars[i] = draw(st.one_of(st.sampled_from(B64), any_char))
        return "".join(chars)
    if isinstance(value, list) and len(value) > 1:
        return value[::-1]
    return value


def _tweak(draw, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return draw(scalars)
    how = draw(st.integers(0, 5))
    if how == 0:
        return -value
    if how == 1:
        return value * 2
    if how == 2:
        return float(value) if isinstance(value, int) and abs(value) < 2**60 else value
    if how == 3:
        return 0
    return value + draw(st.integers(-2, 2))


@st.composite
def mutation(draw, body):
    """``body`` (mutated in place where it can be) after one random change at a random path."""
    op = draw(st.sampled_from(OPERATIONS))
    if op == "media":
        return _mutate_media(draw, body)
    path = _path(draw, body)
    value = _get(body, path)
    parent = _get(body, path[:-1]) if path else None
    if op == "drop":
        if path:
            del parent[path[-1]]
            return body
        return {} if isinstance(body, dict) else []
    if op == "duplicate":
        # the value again, elsewhere: another place in the same container, or a random container
        target_path = _path(draw, body)
        target = _get(body, target_path)
        copied = copy.deepcopy(value)
        if isinstance(target, list):
            target.insert(draw(st.integers(0, len(target))), copied)
        elif isinstance(target, dict):
            key = draw(st.one_of(st.sampled_from(list(target) or [""]), vocabulary_keys()))
            target[key] = copied
        elif isinstance(parent, list):
            parent.append(copied)
        return body
    if op == "retype":
        return _set(body, path, draw(replacement_values()))
    if op == "nest":
        wrapped = [value] if draw(st.booleans()) else {draw(dict_keys()): value}
        return _set(body, path, wrapped)
    if op == "deep":
        for _ in range(draw(st.integers(2, 120))):
            value = [value] if draw(st.booleans()) else {draw(vocabulary_keys()): value}
        return _set(body, path, value)
    if op == "truncate":
        return _set(body, path, _truncate(draw, value))
    if op == "flip":
        return _set(body, path, _flip(draw, value))
    if op == "set_key":
        if isinstance(value, dict):
            value[draw(vocabulary_keys())] = draw(st.one_of(vocabulary_strings(), replacement_values()))
            return body
        return _set(body, path, draw(vocabulary_strings()))
    if op == "vocab":
        return _set(body, path, draw(vocabulary_strings()))
    if op == "tweak":
        return _set(body, path, _tweak(draw, value))
    if op == "swap":
        if isinstance(value, list) and len(value) > 1:
            i, j = draw(st.integers(0, len(value) - 1)), draw(st.integers(0, len(value) - 1))
            value[i], value[j] = value[j], value[i]
        return body
    # alias: the same object in two places, as a Python caller may build it
    if isinstance(parent, list):
        parent.append(value)
    elif isinstance(parent, dict):
        parent[draw(vocabulary_keys())] = value
    return body


@st.composite
def mutated(draw, base, max_mutations: int = 6):
    """``(body, endpoint, api_version)`` of a base case after 0 to ``max_mutations`` changes,
    sometimes sent to another endpoint or version than its own."""
    body, endpoint, version = draw(base)
    body = copy.deepcopy(body)
    for _ in range(draw(st.integers(0, max_mutations))):
        body = draw(mutation(body))
    if draw(st.integers(0, 5)) == 0:
        other = draw(st.sampled_from(ENDPOINTS))
        if other == "batch" and endpoint != "batch":
            body = {"requests": [{"custom_id": draw(st.sampled_from(("a", "req-1", ""))), "params": body}]}
        endpoint = other
    if draw(st.integers(0, 3)) == 0:
        version = draw(st.sampled_from(API_VERSIONS))
    return body, endpoint, version


def case_seeds():
    # an index, not the bodies themselves: Hypothesis would print all of them in its reports
    return st.integers(0, len(seeds()) - 1).map(seeds().__getitem__)


@st.composite
def random_bodies(draw):
    """A fully random JSON value as the body, on any endpoint; for the batch endpoint often inside
    ``{"requests": [...]}`` so that the per-request checks see it."""
    body = draw(json_values(max_leaves=20))
    endpoint = draw(st.sampled_from(ENDPOINTS))
    if endpoint == "batch" and draw(st.booleans()):
        body = {"requests": [body] if draw(st.booleans()) else [{"custom_id": "a", "params": body}]}
    return body, endpoint, draw(st.sampled_from(API_VERSIONS))


# --- files for the loader and the command line ----------------------------------------------------

BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


@st.composite
def request_bodies(draw):
    """A real request (a conformance case) or one built from the models, sometimes mutated."""
    body = draw(st.one_of(case_seeds(), model_bodies()))[0]
    if draw(st.booleans()):
        body = draw(mutation(copy.deepcopy(body)))
    return body


def _dumps(value, **options) -> str:
    """JSON text of ``value``; a value holding an integer too long to print (which no file can
    contain) is dropped from the file strategies."""
    try:
        return json.dumps(value, **options)
    except ValueError:
        reject()


@st.composite
def json_texts(draw):
    """The text of a request, formatted one of the ways people format JSON."""
    body = draw(request_bodies())
    indent = draw(st.sampled_from((None, 2, 4, "\t")))
    text = _dumps(body, indent=indent, ensure_ascii=draw(st.booleans()))
    if text.startswith("{") and len(text) > 2 and draw(st.integers(0, 4)) == 0:
        # a duplicate key (the parser keeps the last one; positions must find that one)
        key, value = draw(vocabulary_keys()), draw(json_values(max_leaves=3))
        text = "{" + json.dumps(key) + ": " + _dumps(value) + ", " + text[1:]
    return text


@st.composite
def jsonl_texts(draw):
    """A batch file: one compact JSON document a line, ``{custom_id, params}`` lines or bare bodies."""
    bodies = draw(st.lists(request_bodies(), min_size=1, max_size=4))
    if draw(st.booleans()):
        bodies = [{"custom_id": f"r{i % 3}", "params": body} for i, body in enumerate(bodies)]
    lines = [_dumps(body, ensure_ascii=draw(st.booleans())) for body in bodies]
    return draw(st.sampled_from(("\n", "\r\n"))).join(lines) + draw(st.sampled_from(("", "\n", "\n\n")))


@st.composite
def mutated_bytes(draw, text_strategy):
    """Encoded JSON text, then damaged: truncated, bytes flipped, a BOM, NULs, lines joined or
    split, bytes inserted."""
    data = bytearray(draw(text_strategy).encode("utf-8", errors="surrogatepass"))
    for _ in range(draw(st.integers(0, 4))):
        how = draw(st.integers(0, 7))
        if how == 0 and data:
            del data[draw(st.integers(0, len(data) - 1)):]
        elif how == 1 and data:
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        elif how == 2:
            data[0:0] = draw(st.sampled_from(BOMS))
        elif how == 3:
            data.insert(draw(st.integers(0, len(data))), 0)
        elif how == 4:  # lines joined
            data = bytearray(bytes(data).replace(b"\n", b"", draw(st.integers(1, 3))))
        elif how == 5 and data:  # a line split inside a value
            data.insert(draw(st.integers(0, len(data) - 1)), 0x0A)
        elif how == 6:
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif how == 7:
            data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
    return bytes(data)


file_bytes = st.one_of(
    st.binary(max_size=200),
    mutated_bytes(json_texts()),
    mutated_bytes(jsonl_texts()),
    st.builds(lambda bom, b: bom + b, st.sampled_from(BOMS), st.binary(max_size=40)),
    json_values(max_leaves=8).map(lambda v: _dumps(v).encode("utf-8", errors="surrogatepass")),
)
