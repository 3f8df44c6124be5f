"""In-process cost of `claude_lint.validate(dict)` per request, next to the parse floor and the peers.

    python bench_validate.py [--n 2000] [--rounds 5] [--seed 20251123]

The corpus (corpus.generate) is built in memory, serialized once to compact JSON bytes (what goes on
the wire) and parsed once. Every approach sees the same inputs: orjson gets the bytes (the floor:
what any checker of a JSON request must at least pay), everything else the parsed dict, as
`validate(request_dict)` does in an application's send path.

Each round times every request of every approach once (perf_counter_ns around one call), with the
cyclic GC disabled; a request's time is the median over rounds. The ratio validate/orjson is taken
per request, then its median and p99 over requests. The GC is measured apart: one more pass of
validate with the GC on, counting collections and the time spent in them.

Detection is an untimed pass: a request is flagged when the approach reports an error (for
claude-lint: a finding of severity error). Writes results/validate.{json,md}.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import orjson

import corpus
from _common import ensure_schema, facts_line, machine_facts, md_table, ratio, verdict, write_results

TARGET_MEDIAN, TARGET_P99 = 1.0, 2.0
SIZE_BUCKETS = [(0, 1_000, "<1 KB"), (1_000, 10_000, "1-10 KB"), (10_000, 100_000, "10-100 KB"),
                (100_000, 10**9, "≥100 KB")]


@dataclass
class Approach:
    key: str
    name: str
    takes: str  # "bytes" or "dict"
    check: Callable[[Any], Any]  # returns None when accepted, else something truthy
    build_ms: float


def build(schema: dict, with_pydantic: bool) -> list[Approach]:
    out = []

    def add(key, name, takes, factory):
        t0 = time.perf_counter()
        fn = factory()
        out.append(Approach(key, name, takes, fn, (time.perf_counter() - t0) * 1000))

    def orjson_loads():
        loads = orjson.loads
        return lambda b: (loads(b), None)[1]

    def walk():
        # Visit every dict and list once: the least any pure-Python pass over the dict costs.
        def visit(doc):
            stack = [doc]
            pop, extend = stack.pop, stack.extend
            while stack:
                node = pop()
                if type(node) is dict:
                    extend(node.values())
                elif type(node) is list:
                    extend(node)
        return visit

    def jsonschema_rs():
        import jsonschema_rs as rs
        validator = rs.validator_for(schema)
        return lambda doc: next(iter(validator.iter_errors(doc)), None)

    def pydantic_deep():
        from anthropic.types import MessageCreateParams
        from pydantic import TypeAdapter, ValidationError
        adapter = TypeAdapter(MessageCreateParams)
        lazy = type(TypeAdapter(Iterable[int]).validate_python([]))  # pydantic's ValidatorIterator

        # The SDK types declare messages/content/tools/system as Iterable[...], which pydantic checks
        # lazily, when iterated: drain them, or only the top-level scalars are validated.
        def drain(node):
            if type(node) is dict:
                for value in node.values():
                    drain(value)
            elif type(node) is list or type(node) is lazy:
                for value in node:
                    drain(value)

        def check(doc):
            try:
                drain(adapter.validate_python(doc))
            except ValidationError as exc:
                return exc
            return None
        return check

    def claude_lint_validate():
        import claude_lint
        validate = claude_lint.validate
        validate({"model": "claude-sonnet-4-6", "max_tokens": 1, "messages": [{"role": "user", "content": "hi"}]})

        def check(doc):
            for d in validate(doc):
                if d.severity == "error":
                    return d
            return None
        return check

    def lint_compiled():
        # Parts of validate, timed alone, to show what its floor is made of: the schema stage's
        # compiled pass (all a well-formed body gets), the pydantic request models (run only on a
        # body that pass refuses), and the size bound the 413 check computes for a dict whose
        # byte size the caller did not give.
        from claude_lint.checking.compiled import accepts

        return lambda doc: None if accepts("messages", doc) else "refused"

    def lint_models():
        from claude_lint.models import adapter as model_adapter
        from pydantic import ValidationError

        validate_python = model_adapter("messages").validate_python

        def check(doc):
            try:
                validate_python(doc)
            except ValidationError as exc:
                return exc
            return None
        return check

    def size_bound():
        from claude_lint.rules.size import pickled_size

        return lambda doc: (pickled_size(doc), None)[1]

    add("orjson", "orjson.loads(bytes): the parse floor", "bytes", orjson_loads)
    add("walk", "walk every node (pure-Python dict floor)", "dict", walk)
    add("jsonschema_rs", "jsonschema_rs + SDK schema", "dict", jsonschema_rs)
    if with_pydantic:
        add("pydantic", "pydantic over the SDK types (drained)", "dict", pydantic_deep)
    add("lint_compiled", "part of validate: the schema stage's compiled pass alone (jsonschema-rs)", "dict",
        lint_compiled)
    add("lint_models", "part of validate: claude-lint's request models alone (pydantic; only bodies the compiled "
        "pass refuses get them)", "dict", lint_models)
    add("size_bound", "part of validate: the size bound alone (C pickler, for a dict without its byte size)", "dict",
        size_bound)
    add("claude_lint", "claude_lint.validate(dict)", "dict", claude_lint_validate)
    return out


def time_pass(check: Callable, inputs: list) -> list:
    clock = time.perf_counter_ns
    out = [0] * len(inputs)
    for i, x in enumerate(inputs):
        t0 = clock()
        check(x)
        out[i] = clock() - t0
    return out


def q(values: list, p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))]


def gc_pass(check: Callable, docs: list) -> dict:
    """One pass with the cyclic GC on: wall time, collections, time inside the collector."""
    spent, started = [0], [0]

    def callback(phase, info):
        if phase == "start":
            started[0] = time.perf_counter_ns()
        else:
            spent[0] += time.perf_counter_ns() - started[0]

    before = [s["collections"] for s in gc.get_stats()]
    gc.enable()
    gc.callbacks.append(callback)
    try:
        t0 = time.perf_counter_ns()
        for doc in docs:
            check(doc)
        wall = time.perf_counter_ns() - t0
    finally:
        gc.callbacks.remove(callback)
        gc.disable()
    after = [s["collections"] for s in gc.get_stats()]
    return {"wall_ms": wall / 1e6, "gc_ms": spent[0] / 1e6, "collections": [a - b for a, b in zip(after, before)]}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--no-pydantic", action="store_true", help="skip the pydantic/SDK row (its import takes ~3 s)")
    args = ap.parse_args(argv)

    facts = machine_facts()
    items = list(corpus.generate(args.n, args.seed))
    wire = [orjson.dumps(it.body) for it in items]
    docs = [orjson.loads(b) for b in wire]
    sizes = [len(b) for b in wire]
    approaches = build(orjson.loads(ensure_schema().read_bytes()), not args.no_pydantic)
    gc.collect()
    gc.freeze()  # the corpus lives for the whole run: keep it out of every later collection

    flags = {a.key: [a.check(b if a.takes == "bytes" else d) for b, d in zip(wire, docs)] for a in approaches}

    gc.disable()
    overhead = statistics.median(time_pass(lambda x: None, docs))
    samples = {a.key: [] for a in approaches}
    for r in range(args.rounds):
        order = approaches[r % len(approaches):] + approaches[:r % len(approaches)]
        for a in order:
            gc.enable()
            gc.collect()
            gc.disable()
            samples[a.key].append(time_pass(a.check, wire if a.takes == "bytes" else docs))
        print(f"round {r + 1}/{args.rounds}", flush=True)
    lint = next(a for a in approaches if a.key == "claude_lint")
    gc.collect()
    gc_report = gc_pass(lint.check, docs)
    gc.enable()

    per = {k: [statistics.median(col) for col in zip(*rounds)] for k, rounds in samples.items()}
    floor = per["orjson"]
    invalid = [i for i, it in enumerate(items) if it.defect]
    valid = [i for i, it in enumerate(items) if not it.defect]
    rows = []
    for a in approaches:
        t = per[a.key]
        ratios = [t[i] / max(floor[i], 1) for i in range(len(t))]
        by_defect = {}
        for i in invalid:
            hit = by_defect.setdefault(items[i].defect, [0, 0])
            hit[0] += flags[a.key][i] is not None
            hit[1] += 1
        rows.append({
            "key": a.key, "name": a.name, "input": a.takes, "build_ms": round(a.build_ms, 1),
            "median_us": q(t, .5) / 1e3, "p90_us": q(t, .9) / 1e3, "p99_us": q(t, .99) / 1e3,
            "mean_us": sum(t) / len(t) / 1e3, "total_ms": sum(t) / 1e6,
            "ratio_median": statistics.median(ratios), "ratio_p90": q(ratios, .9), "ratio_p99": q(ratios, .99),
            "ratio_of_totals": sum(t) / sum(floor),
            "by_archetype_ratio_median": {
                k: statistics.median([ratios[i] for i, it in enumerate(items) if it.archetype == k])
                for k in corpus.ARCHETYPES},
            "by_size_median_us": {label: statistics.median([t[i] for i in range(len(t)) if lo <= sizes[i] < hi]) / 1e3
                                  for lo, hi, label in SIZE_BUCKETS if any(lo <= z < hi for z in sizes)},
            "invalid_flagged": sum(flags[a.key][i] is not None for i in invalid), "invalid_total": len(invalid),
            "valid_flagged": sum(flags[a.key][i] is not None for i in valid), "valid_total": len(valid),
            "by_defect": by_defect,
        })
    lint_flags = flags["claude_lint"]
    expected_first = sum(1 for i in invalid if lint_flags[i] is not None
                         and lint_flags[i].code == corpus.DEFECTS[items[i].defect][2])
    valid_errors = [(items[i].id, lint_flags[i].code, lint_flags[i].path) for i in valid if lint_flags[i] is not None]
    report = {"machine": facts, "loadavg_after": machine_facts()["loadavg"], "n": args.n, "seed": args.seed,
              "rounds": args.rounds, "corpus": corpus.summarize(items), "timer_overhead_ns": overhead,
              "gc": gc_report, "results": rows, "claude_lint_expected_code_first": expected_first,
              "claude_lint_valid_errors": valid_errors[:50]}
    write_results("validate", report, render(report))
    return report


NOT_CHECKERS = ("orjson", "walk", "size_bound")  # rows that find nothing: floors and parts


def render(rep: dict) -> str:
    rows = {r["key"]: r for r in rep["results"]}
    lint = rows["claude_lint"]
    out = [f"## validate(dict) per request — {rep['n']:,} requests × {rep['rounds']} rounds", "",
           f"Machine: {facts_line(rep['machine'])}", "", "Corpus: " + rep["corpus"].replace("\n", "; "), ""]

    def det(r):
        if r["key"] in NOT_CHECKERS:
            return "—", "—"
        return (f"{r['invalid_flagged']}/{r['invalid_total']} ({100 * r['invalid_flagged'] / r['invalid_total']:.0f}%)",
                f"{r['valid_flagged']}/{r['valid_total']}")

    table = []
    for r in rep["results"]:
        d, fp = det(r)
        table.append([r["name"], f"{r['build_ms']:,.0f}", f"{r['median_us']:,.1f}", f"{r['p99_us']:,.0f}",
                      f"{r['mean_us']:,.1f}", ratio(r["ratio_median"]), ratio(r["ratio_p99"]),
                      ratio(r["ratio_of_totals"]), d, fp])
    out.append(md_table(["approach", "build ms", "median µs", "p99 µs", "mean µs", "median × orjson (per request)",
                         "p99 × orjson", "Σ time × Σ orjson", "planted defects flagged", "valid flagged"], table))
    g = rep["gc"]
    out += ["", f"Timed with the cyclic GC off (timer overhead {rep['timer_overhead_ns']:.0f} ns/call, included). "
            f"One extra validate pass with the GC on: {g['wall_ms']:,.0f} ms, of which {g['gc_ms']:,.1f} ms in "
            f"{sum(g['collections'])} collections (gen0/1/2: {'/'.join(map(str, g['collections']))}); "
            f"the same pass with the GC off: {lint['total_ms']:,.0f} ms (sum of per-request medians).", ""]
    ok_det = lint["invalid_flagged"] == lint["invalid_total"] and lint["valid_flagged"] == 0
    out += ["### Targets", "", md_table(["target", "measured", "verdict"], [
        ["median validate/orjson ≤ 1.0×", ratio(lint["ratio_median"]), verdict(lint["ratio_median"] <= TARGET_MEDIAN)],
        ["p99 validate/orjson ≤ 2.0×", ratio(lint["ratio_p99"]), verdict(lint["ratio_p99"] <= TARGET_P99)],
        ["100% of planted defects flagged, 0 valid flagged",
         f"{lint['invalid_flagged']}/{lint['invalid_total']}, {lint['valid_flagged']} valid "
         f"(expected code first: {rep['claude_lint_expected_code_first']}/{lint['invalid_total']})", verdict(ok_det)],
    ]), ""]
    kinds = list(lint["by_archetype_ratio_median"])
    out += ["Median per-request ratio × orjson, by archetype:", "",
            md_table(["approach"] + kinds, [[r["name"]] + [ratio(r["by_archetype_ratio_median"][k]) for k in kinds]
                                            for r in rep["results"] if r["key"] != "orjson"]), ""]
    buckets = list(lint["by_size_median_us"])
    out += ["Median µs by compact size:", "",
            md_table(["approach"] + buckets, [[r["name"]] + [f"{r['by_size_median_us'][b]:,.1f}" for b in buckets]
                                              for r in rep["results"]]), ""]
    checkers = [r for r in rep["results"] if r["key"] not in NOT_CHECKERS]
    defects = sorted(lint["by_defect"])
    out += ["Planted defects flagged, by kind:", "",
            md_table(["defect (claude-lint code)", "n"] + [r["key"] for r in checkers],
                     [[f"{d} ({corpus.DEFECTS[d][2]})", lint["by_defect"][d][1]] +
                      [r["by_defect"].get(d, [0])[0] for r in checkers] for d in defects]), ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
