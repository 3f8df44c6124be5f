"""A seeded corpus of realistic Claude Messages API request bodies, ~10% with one planted defect.

    python corpus.py --n 10000 --out corpus_out/c10k     # <out>/requests/req-NNNNNN.json + <out>/manifest.jsonl
    python corpus.py --n 2000 --jsonl corpus_out/batch.jsonl   # {"custom_id", "params"} per line (+ .manifest.jsonl)
    python corpus.py --n 2000 --summary                  # sizes, archetypes, defects
    python corpus.py --n 2000 --check                    # claude_lint.validate agrees with every label?

Deterministic: the same --n/--seed give byte-identical output, and every request is drawn from its
own random stream, so the first k requests of a larger corpus are the k requests of a smaller one.

Archetypes (weights): single-turn (30), multi-turn with cached system blocks (25), tool agents
with nested ``input_schema``s and tool_use/tool_result rounds (25), vision with small real base64
PNGs (10), extended thinking with signed thinking blocks, half of them tool agents (10).

About 10% of the requests carry exactly one defect that the API rejects with 400
``invalid_request_error`` (DEFECTS below). The label is only in the manifest, never in the body.
Every other request uses only models and shapes the API accepts: turns alternate and end with a
user turn, each tool_use is answered by a tool_result at the start of the next user turn, at most
4 cache breakpoints (1h ones before 5m ones), thinking budget < max_tokens, no temperature with
thinking, max_tokens within the model's output cap.

Standard library only (``--check`` imports claude_lint).
"""
from __future__ import annotations

import argparse
import base64
import json
import math
import random
import struct
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

DEFAULT_SEED = 20251123
INVALID_FRACTION = 0.10
MIN_BYTES, MAX_BYTES = 300, 200_000

# Current models with a 64k+ output cap, manual extended thinking and temperature. Sonnet 4.6 and
# Opus 4.6 still take manual thinking (`enabled`) but deprecate it, which claude-lint reports as a
# warning, never an error; thinking requests therefore mostly use the 4.5 models.
MODELS = ["claude-sonnet-4-6", "claude-sonnet-4-6", "claude-haiku-4-5", "claude-haiku-4-5-20251001",
          "claude-opus-4-5", "claude-opus-4-6"]
THINKING_MODELS = ["claude-haiku-4-5", "claude-opus-4-5-20251101", "claude-opus-4-5", "claude-sonnet-4-6"]

ARCHETYPES = {"single_turn": 30, "multi_turn": 25, "tool_agent": 25, "vision": 10, "thinking": 10}
# Compact-size budget (bytes, log-uniform) per archetype.
BUDGETS = {"single_turn": (300, 3_000), "multi_turn": (2_000, 60_000), "tool_agent": (4_000, 150_000),
           "vision": (1_000, 150_000), "thinking": (2_000, 80_000)}

# --------------------------------------------------------------------------- text

_VOCAB = (
    "the a of to and in is it for on that with as this be by from at or an are not was have "
    "customer order invoice shipment refund account subscription plan tier quota limit usage "
    "deploy build release branch commit review merge pipeline job runner cache artifact "
    "latency p99 throughput error rate timeout retry backoff queue worker shard replica "
    "summarize explain rewrite translate classify extract compare draft outline check "
    "quarterly revenue margin forecast churn cohort retention funnel dashboard metric "
    "patient dosage schedule appointment clinic referral insurance claim policy "
    "python typescript rust sql regex json yaml schema endpoint handler middleware "
    "café naïve façade résumé Zürich São Paulo 東京 北京 서울 Ελλάδα Привет ✓ → ≤ ≥ € — “quoted” 😀"
).split()
_SNIPPETS = [
    'def retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n            return fn()\n'
    '        except TimeoutError:\n            time.sleep(2 ** i)\n',
    "SELECT customer_id, SUM(amount) AS total\nFROM orders\nWHERE created_at >= '2025-07-01'\n"
    "GROUP BY customer_id\nORDER BY total DESC\nLIMIT 20;\n",
    'const res = await fetch(`/api/v2/orders/${id}`, { headers: { "x-request-id": rid } });\n',
    'Traceback (most recent call last):\n  File "app/main.py", line 88, in handle\n'
    '    body = json.loads(raw)\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1\n',
    '{"ts": "2025-11-02T10:14:07Z", "level": "error", "svc": "billing", "msg": "card declined"}\n',
    'C:\\Users\\ops\\deploy\\config.yaml: key "replicas" must be >= 1 (got 0)\n',
]


def _pool(seed: int, size: int = 500_000) -> str:
    """One long text that every request slices: prose, bullet lists, code, logs, non-ASCII."""
    rng = random.Random(f"pool:{seed}")
    out, total = [], 0
    while total < size:
        r = rng.random()
        if r < 0.05:
            chunk = "\n\n```\n" + rng.choice(_SNIPPETS) + "```\n\n"
        elif r < 0.12:
            chunk = "\n- " + " ".join(rng.choices(_VOCAB, k=rng.randint(3, 10))) + "\n"
        else:
            sentence = " ".join(rng.choices(_VOCAB, k=rng.randint(5, 24)))
            chunk = sentence[:1].upper() + sentence[1:] + rng.choice([". ", ". ", ". ", "? ", "! ", "; "])
        out.append(chunk)
        total += len(chunk)
    return "".join(out)


# --------------------------------------------------------------------------- images


def png(rng: random.Random, width: int, height: int) -> bytes:
    """A real 8-bit RGB PNG: a soft gradient with noise. The zlib stream uses stored (uncompressed)
    blocks written here, so the bytes do not depend on the zlib build, and the size is known."""
    tint = [rng.randrange(256) for _ in range(3)]
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter type: none
        noise = rng.randbytes(width * 3)
        base = (y * 255 // max(1, height - 1))
        raw += bytes(((base + tint[i % 3] + (noise[i] & 0x3F)) & 0xFF) for i in range(width * 3))
    data = bytes(raw)
    stream = bytearray(b"\x78\x01")
    for off in range(0, len(data), 0xFFFF):
        block = data[off:off + 0xFFFF]
        last = off + 0xFFFF >= len(data)
        stream += struct.pack("<BHH", 1 if last else 0, len(block), len(block) ^ 0xFFFF) + block
    stream += struct.pack(">I", zlib.adler32(data))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", bytes(stream)) + chunk(b"IEND", b"")


# --------------------------------------------------------------------------- generator


@dataclass
class Item:
    id: str
    archetype: str
    defect: Optional[str]
    body: dict


class Gen:
    """Builds one request from one random stream."""

    def __init__(self, rng: random.Random, pool: str):
        self.rng = rng
        self.pool = pool
        self.breakpoints = 0  # cache_control blocks so far (the API allows 4)

    # -- primitives
    def logu(self, lo: float, hi: float) -> int:
        return int(math.exp(self.rng.uniform(math.log(lo), math.log(max(lo + 1, hi)))))

    def text(self, n: int) -> str:
        """About n characters from the pool: never empty, no leading or trailing whitespace."""
        n = max(12, min(n, len(self.pool) // 2))
        start = self.pool.find(" ", self.rng.randrange(0, len(self.pool) - n - 100)) + 1
        return self.pool[start:start + n].strip() or "Please continue."

    def tool_id(self) -> str:
        return "toolu_01" + "".join(self.rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", k=22))

    def signature(self) -> str:
        return base64.b64encode(self.rng.randbytes(self.rng.randint(200, 480))).decode()

    def cache_control(self, allow_1h: bool = False) -> Optional[dict]:
        """A breakpoint if one is left (ttl "1h" only where no 5-minute breakpoint precedes)."""
        if self.breakpoints >= 4:
            return None
        self.breakpoints += 1
        r = self.rng.random()
        if allow_1h and r < 0.25:
            return {"type": "ephemeral", "ttl": "1h"}
        return {"type": "ephemeral", "ttl": "5m"} if r < 0.4 else {"type": "ephemeral"}

    def head(self, models=MODELS, max_tokens=(256, 512, 1024, 2048, 4096, 8192, 16384)) -> dict:
        return {"model": self.rng.choice(models), "max_tokens": self.rng.choice(max_tokens)}

    def sampling(self, body: dict) -> None:
        """The optional parameters apps set (never with thinking)."""
        if self.rng.random() < 0.3:
            body["temperature"] = self.rng.choice([0, 0.0, 0.2, 0.3, 0.5, 0.7, 1, 1.0])
        elif self.rng.random() < 0.05:
            body["top_p"] = self.rng.choice([0.9, 0.95])
        if self.rng.random() < 0.05:
            body["top_k"] = self.rng.choice([5, 40])
        self.common(body)

    def common(self, body: dict) -> None:
        if self.rng.random() < 0.15:
            body["metadata"] = {"user_id": "u_%024x" % self.rng.getrandbits(96)}
        if self.rng.random() < 0.08:
            body["stop_sequences"] = self.rng.sample(["</answer>", "\n\nHuman:", "###", "END_OF_REPORT"], k=2)
        if self.rng.random() < 0.05:
            body["stream"] = True

    def system(self, body: dict, size: int, cached: bool) -> None:
        if not cached and self.rng.random() < 0.4:
            body["system"] = self.text(size)
            return
        blocks = [{"type": "text", "text": self.text(size)}]
        if self.rng.random() < 0.35:  # a short preamble before the long, cached instructions
            blocks.insert(0, {"type": "text", "text": self.text(self.rng.randint(40, 240))})
        if cached:
            cc = self.cache_control(allow_1h=self.breakpoints == 0)
            if cc:
                blocks[-1]["cache_control"] = cc
        body["system"] = blocks

    def user(self, n: int):
        if self.rng.random() < 0.55:
            return self.text(n)
        content = [{"type": "text", "text": self.text(n)}]
        if self.rng.random() < 0.2:
            content.append({"type": "text", "text": self.text(self.rng.randint(30, 200))})
        return content

    def cache_last_user(self, messages: list) -> None:
        """The rolling breakpoint multi-turn apps put on the newest user block."""
        last = messages[-1]
        if isinstance(last["content"], str):
            last["content"] = [{"type": "text", "text": last["content"]}]
        cc = self.cache_control()
        if cc:
            last["content"][-1]["cache_control"] = cc

    # -- tools
    def schema(self, depth: int = 0) -> dict:
        props = {}
        names = ["query", "id", "limit", "cursor", "status", "owner", "labels", "filters", "range",
                 "fields", "options", "sort", "path", "region", "currency", "amount", "notify"]
        for name in self.rng.sample(names, k=self.rng.randint(1, 7 if depth == 0 else 4)):
            r = self.rng.random()
            if r < 0.32:
                prop = {"type": "string", "description": self.text(self.rng.randint(20, 110))}
            elif r < 0.45:
                prop = {"type": "integer", "minimum": 0, "maximum": self.rng.choice([50, 100, 10_000])}
            elif r < 0.56:
                prop = {"type": "string", "enum": self.rng.sample(["open", "closed", "draft", "asc", "desc",
                                                                   "eu-west-1", "us-east-1", "EUR", "USD"], k=3)}
            elif r < 0.64:
                prop = {"type": "boolean", "default": False}
            elif r < 0.70:
                prop = {"type": "number", "exclusiveMinimum": 0}
            elif r < 0.85 and depth < 3:
                prop = {"type": "array", "items": self.schema(depth + 1), "maxItems": 25}
            elif depth < 3:
                prop = self.schema(depth + 1)
                prop["description"] = self.text(self.rng.randint(20, 80))
            else:
                prop = {"type": ["string", "null"]}
            props[name] = prop
        out = {"type": "object", "properties": props}
        required = [k for k in props if self.rng.random() < 0.45]
        if required:
            out["required"] = required
        if self.rng.random() < 0.3:
            out["additionalProperties"] = False
        return out

    def instance(self, schema: dict):
        if "enum" in schema:
            return self.rng.choice(schema["enum"])
        kind = schema.get("type")
        if kind == "object":
            required = schema.get("required", [])
            return {k: self.instance(v) for k, v in schema.get("properties", {}).items()
                    if k in required or self.rng.random() < 0.5}
        if kind == "array":
            return [self.instance(schema["items"]) for _ in range(self.rng.randint(0, 3))]
        if kind == "integer":
            return self.rng.randint(0, 50)
        if kind == "number":
            return round(self.rng.uniform(0.01, 999), 2)
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind == ["string", "null"]:
            return None if self.rng.random() < 0.3 else self.text(20)
        return self.text(self.rng.randint(4, 50))

    def tools(self, count: int) -> list:
        verbs = ["get", "list", "search", "create", "update", "delete", "run", "fetch", "send", "cancel"]
        nouns = ["order", "invoice", "customer", "ticket", "deployment", "branch", "metric", "report",
                 "calendar_event", "email", "document", "shipment", "refund", "alert", "user"]
        tools = [{"name": name, "description": self.text(self.rng.randint(60, 500)), "input_schema": self.schema()}
                 for name in self.rng.sample([f"{v}_{n}" for v in verbs for n in nouns], k=count)]
        if self.rng.random() < 0.35:
            cc = self.cache_control(allow_1h=True)  # tools come first in the cache prefix
            if cc:
                tools[-1]["cache_control"] = cc
        return tools

    def tool_rounds(self, messages: list, tools: list, rounds: int, result_size: int, thinking: bool) -> None:
        by_name = {t["name"]: t for t in tools}
        for _ in range(rounds):
            called = self.rng.sample(list(by_name), k=min(len(by_name), self.rng.choice([1, 1, 1, 2, 3])))
            turn = []
            if thinking:
                turn.append({"type": "thinking", "thinking": self.text(self.logu(150, 2500)),
                             "signature": self.signature()})
            if self.rng.random() < 0.5:
                turn.append({"type": "text", "text": self.text(self.rng.randint(20, 240))})
            ids = []
            for name in called:
                ids.append(self.tool_id())
                turn.append({"type": "tool_use", "id": ids[-1], "name": name,
                             "input": self.instance(by_name[name]["input_schema"])})
            results = []
            for tid in ids:
                size = self.logu(60, result_size)
                r = self.rng.random()
                if r < 0.5:
                    content = json.dumps({"ok": True, "items": [self.text(70) for _ in range(max(1, size // 90))]},
                                         ensure_ascii=False)
                elif r < 0.9:
                    content = [{"type": "text", "text": self.text(size)}]
                else:
                    content = [{"type": "text", "text": self.text(size // 2)},
                               {"type": "text", "text": self.text(size // 2)}]
                result = {"type": "tool_result", "tool_use_id": tid, "content": content}
                if self.rng.random() < 0.05:
                    result["is_error"] = True
                results.append(result)
            if self.rng.random() < 0.15:  # a user remark after the results: allowed, results come first
                results.append({"type": "text", "text": self.text(self.rng.randint(20, 160))})
            messages.append({"role": "assistant", "content": turn})
            messages.append({"role": "user", "content": results})

    # -- archetypes; each returns a valid body of roughly `budget` compact bytes
    def single_turn(self, budget: int) -> dict:
        body = self.head()
        if self.rng.random() < 0.35:
            self.system(body, self.rng.randint(60, 700), cached=False)
        body["messages"] = [{"role": "user", "content": self.user(budget - 200)}]
        self.sampling(body)
        return body

    def multi_turn(self, budget: int) -> dict:
        body = self.head()
        self.system(body, self.rng.randint(200, max(300, budget // 5)), cached=self.rng.random() < 0.6)
        count = self.rng.randint(5, 41) | 1  # odd: starts and ends with a user turn
        per = max(40, (budget - 500) // count)
        messages = []
        for i in range(count):
            if i % 2 == 0:
                messages.append({"role": "user", "content": self.user(self.logu(per // 4 + 10, per * 2))})
            else:
                reply = self.text(self.logu(per // 2 + 10, per * 3))
                messages.append({"role": "assistant",
                                 "content": reply if self.rng.random() < 0.5 else [{"type": "text", "text": reply}]})
        if self.rng.random() < 0.4:
            self.cache_last_user(messages)
        body["messages"] = messages
        self.sampling(body)
        return body

    def tool_agent(self, budget: int, thinking: bool = False) -> dict:
        body = self.head()
        tools = self.tools(self.rng.randint(3, 20))
        body["tools"] = tools
        if not thinking and self.rng.random() < 0.3:
            body["tool_choice"] = self.rng.choice([{"type": "auto"}, {"type": "any"},
                                                   {"type": "auto", "disable_parallel_tool_use": True}])
        elif thinking and self.rng.random() < 0.2:
            body["tool_choice"] = {"type": "auto"}
        self.system(body, self.rng.randint(150, 2500), cached=self.rng.random() < 0.5)
        messages = [{"role": "user", "content": self.user(self.rng.randint(40, 900))}]
        schema_bytes = len(json.dumps(tools))
        rounds = self.rng.randint(1, 6)
        result_size = max(200, (budget - schema_bytes) // max(1, rounds * 2))
        self.tool_rounds(messages, tools, rounds, result_size, thinking)
        if self.rng.random() < 0.4:  # the agent answered, and the user asks a follow-up
            final = [{"type": "text", "text": self.text(self.rng.randint(80, 900))}]
            if thinking:
                final.insert(0, {"type": "thinking", "thinking": self.text(self.logu(150, 1500)),
                                 "signature": self.signature()})
            messages.append({"role": "assistant", "content": final})
            messages.append({"role": "user", "content": self.user(self.rng.randint(20, 400))})
        body["messages"] = messages
        if not thinking:
            self.sampling(body)
        return body

    def vision(self, budget: int) -> dict:
        body = self.head()
        if self.rng.random() < 0.3:
            self.system(body, self.rng.randint(60, 500), cached=False)
        count = self.rng.choice([1, 1, 1, 2, 3])
        images = []
        for _ in range(count):
            raw = max(48, int(budget * 0.7 / count))  # base64 grows by 4/3
            width = max(2, int(math.sqrt(raw / 3) * self.rng.uniform(0.6, 1.5)))
            height = max(2, raw // (3 * width))
            data = base64.b64encode(png(self.rng, width, height)).decode()
            images.append({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}})
        question = {"type": "text", "text": self.text(self.rng.randint(30, 500))}
        content = images + [question] if self.rng.random() < 0.8 else [question] + images
        body["messages"] = [{"role": "user", "content": content}]
        self.sampling(body)
        return body

    def thinking(self, budget: int) -> dict:
        if self.rng.random() < 0.5:
            body = self.tool_agent(budget, thinking=True)
        else:
            body = self.head()
            if self.rng.random() < 0.5:
                self.system(body, self.rng.randint(100, 1500), cached=self.rng.random() < 0.5)
            count = self.rng.randint(0, 7) * 2 + 1
            messages = []
            for i in range(count):
                if i % 2 == 0:
                    messages.append({"role": "user", "content": self.user(self.rng.randint(40, 1500))})
                else:
                    turn = [{"type": "thinking", "thinking": self.text(self.logu(150, max(400, budget // count))),
                             "signature": self.signature()}]
                    if self.rng.random() < 0.05:
                        turn.append({"type": "redacted_thinking",
                                     "data": base64.b64encode(self.rng.randbytes(300)).decode()})
                    turn.append({"type": "text", "text": self.text(self.rng.randint(60, 1500))})
                    messages.append({"role": "assistant", "content": turn})
            body["messages"] = messages
            self.common(body)
        body["model"] = self.rng.choice(THINKING_MODELS)
        budget_tokens = self.rng.choice([1024, 2048, 4000, 8000, 10000, 16000])
        body["max_tokens"] = budget_tokens + self.rng.choice([1024, 4096, 8000, 16000])
        body["thinking"] = {"type": "enabled", "budget_tokens": budget_tokens}
        return body


# --------------------------------------------------------------------------- defects
# Each breaks a valid body in place, once, the way applications do. The live API answers each with
# 400 invalid_request_error. `code` is the claude-lint rule expected to report it first.


def _tool_use_turns(body: dict) -> list[int]:
    """Indices i of assistant messages with tool_use blocks (messages[i + 1] holds the results)."""
    msgs = body["messages"]
    return [i for i, m in enumerate(msgs[:-1]) if m["role"] == "assistant" and isinstance(m["content"], list)
            and any(b.get("type") == "tool_use" for b in m["content"])]


def empty_text_block(g: Gen, body: dict) -> None:
    """A template slot rendered to "" in a text block."""
    message = g.rng.choice([m for m in body["messages"] if m["role"] == "user"])
    if isinstance(message["content"], str):
        message["content"] = [{"type": "text", "text": message["content"]}]
    message["content"].insert(g.rng.randint(0, len(message["content"])), {"type": "text", "text": ""})


def missing_max_tokens(g: Gen, body: dict) -> None:
    del body["max_tokens"]


def max_tokens_string(g: Gen, body: dict) -> None:
    """Read from an environment variable and never converted."""
    body["max_tokens"] = str(body["max_tokens"])


def unknown_top_level_key(g: Gen, body: dict) -> None:
    """A field of another provider's API."""
    key, value = g.rng.choice([("response_format", {"type": "json_object"}), ("frequency_penalty", 0.2),
                               ("presence_penalty", 0.1), ("user", "user-8812"), ("n", 1), ("seed", 42)])
    body[key] = value


def temperature_out_of_range(g: Gen, body: dict) -> None:
    """Another provider's 0..2 range."""
    body.pop("top_p", None)
    body["temperature"] = g.rng.choice([1.1, 1.3, 1.5, 2, 2.0])


def dotted_tool_name(g: Gen, body: dict) -> None:
    """An MCP-style server.tool name, renamed consistently in the history."""
    tool = g.rng.choice(body["tools"])
    old = tool["name"]
    tool["name"] = g.rng.choice(["github.", "jira.", "mcp.crm."]) + old
    for message in body["messages"]:
        for block in message["content"] if isinstance(message["content"], list) else ():
            if block.get("type") == "tool_use" and block.get("name") == old:
                block["name"] = tool["name"]


def user_turn_between_tool_use_and_result(g: Gen, body: dict) -> None:
    """A user message slipped between a tool_use turn and its results: once the two user turns are
    merged, the tool_result blocks no longer come first."""
    i = g.rng.choice(_tool_use_turns(body))
    body["messages"].insert(i + 1, {"role": "user", "content": g.rng.choice(
        ["Here are the results.", "Tool output follows.", "Continue with the data below."])})


def orphan_tool_result(g: Gen, body: dict) -> None:
    """History trimmed to a window that starts at a tool_result turn whose tool_use was cut off."""
    i = g.rng.choice(_tool_use_turns(body))
    del body["messages"][:i + 1]


def png_declared_jpeg(g: Gen, body: dict) -> None:
    images = [b for m in body["messages"] if isinstance(m["content"], list) for b in m["content"]
              if b.get("type") == "image"]
    g.rng.choice(images)["source"]["media_type"] = "image/jpeg"


def thinking_budget_not_below_max_tokens(g: Gen, body: dict) -> None:
    body["max_tokens"] = body["thinking"]["budget_tokens"] - g.rng.choice([0, 0, 1, 512, 1000])


ALL = tuple(ARCHETYPES)
NO_THINKING = ("single_turn", "multi_turn", "tool_agent", "vision")
# name -> (function, archetypes it applies to, claude-lint code expected first, api-rules id)
DEFECTS = {
    "empty_text_block": (empty_text_block, ALL, "CL203", "G9"),
    "missing_max_tokens": (missing_max_tokens, ALL, "CL101", "T1"),
    "max_tokens_string": (max_tokens_string, ALL, "CL103", "T5"),
    "unknown_top_level_key": (unknown_top_level_key, ALL, "CL102", "T4"),
    "temperature_out_of_range": (temperature_out_of_range, NO_THINKING, "CL105", "T8"),
    "dotted_tool_name": (dotted_tool_name, ("tool_agent",), "CL108", "TOOL1"),
    "user_turn_between_tool_use_and_result": (user_turn_between_tool_use_and_result, ("tool_agent",), "CL353", "TU1"),
    "orphan_tool_result": (orphan_tool_result, ("tool_agent",), "CL354", "TU3"),
    "png_declared_jpeg": (png_declared_jpeg, ("vision",), "CL253", "IMG2"),
    "thinking_budget_not_below_max_tokens": (thinking_budget_not_below_max_tokens, ("thinking",), "CL410", "TH4"),
}


# --------------------------------------------------------------------------- driver


def compact(body) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def generate(n: int, seed: int = DEFAULT_SEED) -> Iterator[Item]:
    """n labelled requests; request i depends only on (seed, i)."""
    pool = _pool(seed)
    names, weights = list(ARCHETYPES), list(ARCHETYPES.values())
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        defect = rng.choice(list(DEFECTS)) if rng.random() < INVALID_FRACTION else None
        allowed = DEFECTS[defect][1] if defect else ALL
        choices = [(a, w) for a, w in zip(names, weights) if a in allowed]
        archetype = rng.choices([a for a, _ in choices], [w for _, w in choices])[0]
        for _ in range(25):
            g = Gen(rng, pool)
            budget = g.logu(*BUDGETS[archetype])
            if archetype == "single_turn" and rng.random() < 0.12:
                budget = g.logu(3_000, 120_000)  # a pasted document
            body = getattr(g, archetype)(budget)
            if MIN_BYTES <= len(compact(body)) <= MAX_BYTES:
                break
        if defect:
            DEFECTS[defect][0](g, body)
        yield Item(f"req-{i:06d}", archetype, defect, body)


def manifest_row(item: Item, nbytes: int) -> str:
    spec = DEFECTS.get(item.defect)
    return json.dumps({"id": item.id, "archetype": item.archetype, "defect": item.defect,
                       "expected_code": spec[2] if spec else None, "rule": spec[3] if spec else None,
                       "bytes": nbytes}) + "\n"


def summarize(items: list) -> str:
    sizes = sorted(len(compact(it.body)) for it in items)

    def q(p: float) -> int:
        return sizes[min(len(sizes) - 1, int(p * len(sizes)))]

    kinds = Counter(it.archetype for it in items)
    defects = Counter(it.defect for it in items if it.defect)
    return (f"{len(items):,} requests, compact bytes: min {sizes[0]:,} p50 {q(.5):,} p90 {q(.9):,} "
            f"p99 {q(.99):,} max {sizes[-1]:,} total {sum(sizes):,}\n"
            f"archetypes: {dict(sorted(kinds.items()))}\n"
            f"planted defects: {sum(defects.values())} ({100 * sum(defects.values()) / len(items):.1f}%) "
            f"{dict(sorted(defects.items()))}")


def check_labels(items: list) -> dict:
    """Run claude_lint.validate on every request: a labelled request must get an error-severity
    finding (ideally the expected code first), an unlabelled one none."""
    import claude_lint

    report = {"valid_with_error": [], "defect_missed": [], "defect_other_code": [], "warnings": Counter()}
    for it in items:
        found = claude_lint.validate(it.body)
        errors = [d for d in found if d.severity == "error"]
        report["warnings"].update(d.code for d in found if d.severity != "error")
        if it.defect is None and errors:
            report["valid_with_error"].append((it.id, it.archetype, [(d.code, d.path, d.message) for d in errors]))
        elif it.defect and not errors:
            report["defect_missed"].append((it.id, it.defect))
        elif it.defect and errors[0].code != DEFECTS[it.defect][2]:
            report["defect_other_code"].append((it.id, it.defect, [d.code for d in errors]))
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, help="directory: requests/<id>.json (pretty-printed) and manifest.jsonl")
    ap.add_argument("--jsonl", type=Path, help='batch file: {"custom_id", "params"} per line (+ <file>.manifest.jsonl)')
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--check", action="store_true", help="check every label with claude_lint.validate")
    args = ap.parse_args(argv)
    if not (args.out or args.jsonl or args.summary or args.check):
        ap.error("give --out, --jsonl, --summary and/or --check")
    items = list(generate(args.n, args.seed))
    if args.out:
        folder = args.out / "requests"
        folder.mkdir(parents=True, exist_ok=True)
        with open(args.out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
            for it in items:
                (folder / f"{it.id}.json").write_text(json.dumps(it.body, ensure_ascii=False, indent=2) + "\n",
                                                     encoding="utf-8")
                manifest.write(manifest_row(it, len(compact(it.body))))
    if args.jsonl:
        args.jsonl.parent.mkdir(parents=True, exist_ok=True)
        with open(args.jsonl, "w", encoding="utf-8") as out, \
                open(f"{args.jsonl}.manifest.jsonl", "w", encoding="utf-8") as manifest:
            for it in items:
                out.write(json.dumps({"custom_id": it.id, "params": it.body}, ensure_ascii=False,
                                     separators=(",", ":")) + "\n")
                manifest.write(manifest_row(it, len(compact(it.body))))
    print(summarize(items), file=sys.stdout if args.summary else sys.stderr)
    if args.check:
        r = check_labels(items)
        labelled = sum(1 for it in items if it.defect)
        print(f"check: {len(items) - labelled - len(r['valid_with_error'])}/{len(items) - labelled} valid requests "
              f"without error; {labelled - len(r['defect_missed'])}/{labelled} planted defects flagged "
              f"({len(r['defect_other_code'])} first by another code); warnings on all requests: "
              f"{dict(r['warnings'].most_common())}")
        for row in r["valid_with_error"][:20]:
            print("  valid request with an error:", row)
        for row in r["defect_missed"][:20]:
            print("  planted defect not flagged:", row)
        for row in r["defect_other_code"][:20]:
            print("  planted defect first reported by another code:", row)
        return 1 if r["valid_with_error"] or r["defect_missed"] else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
