"""validate() of this checkout against another git revision, on the same corpus, in alternation.

    python compare.py REV [--n 2000] [--rounds 3] [--pairs 2]

On a shared machine absolute times drift by a third between runs, and even the ratio to the orjson
parse moves with the machine's state; a before/after claim needs both versions measured under the
same conditions. This script checks REV out into a temporary git worktree, then runs one child
process per version, alternating (REV, this checkout, REV, this checkout...), each timing every
corpus request with orjson.loads and with validate back to back. It prints and writes
`results/compare.{json,md}` and removes the worktree.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus
from _common import HERE, facts_line, machine_facts, md_table, ratio, write_results

REPO = HERE.parent


def child(tree: str, n: int, rounds: int, seed: int) -> dict:
    """Time validate from the claude_lint package in ``tree`` (not the installed one)."""
    import gc

    import orjson

    # An editable install puts a finder in front of sys.path; drop it so `tree` is what imports.
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path.insert(0, tree)
    from claude_lint.checking.engine import Linter

    docs = [item.body for item in corpus.generate(n, seed)]
    wire = [orjson.dumps(d) for d in docs]
    linter = Linter()
    for doc in docs:
        linter.validate(doc)  # builds the validators, warms the views
    gc.freeze()
    gc.disable()
    clock = time.perf_counter_ns
    parse = [[] for _ in docs]
    check = [[] for _ in docs]
    for _ in range(rounds):
        for i, (doc, raw) in enumerate(zip(docs, wire)):
            t0 = clock()
            orjson.loads(raw)
            t1 = clock()
            linter.validate(doc)
            t2 = clock()
            parse[i].append(t1 - t0)
            check[i].append(t2 - t1)
    parse_us = [min(x) / 1e3 for x in parse]
    check_us = [min(x) / 1e3 for x in check]
    ratios = sorted(c / p for c, p in zip(check_us, parse_us))
    return {"validate_median_us": statistics.median(check_us), "orjson_median_us": statistics.median(parse_us),
            "ratio_median": statistics.median(ratios), "ratio_p99": ratios[min(len(ratios) - 1, int(0.99 * len(ratios)))]}


def render(rep: dict) -> str:
    rows = [[run["label"], f"{run['validate_median_us']:,.1f}", f"{run['orjson_median_us']:,.1f}",
             ratio(run["ratio_median"]), ratio(run["ratio_p99"])] for run in rep["runs"]]
    return "\n".join([
        f"## validate(): {rep['base']} against this checkout ({rep['head']})", "",
        f"Machine: {facts_line(rep['machine'])}", "",
        f"{rep['n']:,} corpus requests × {rep['rounds']} rounds per run; runs alternate.", "",
        md_table(["run", "validate median µs", "orjson median µs", "median × orjson", "p99 × orjson"], rows), ""])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", nargs="?", help="the git revision to compare with (a commit, tag or branch)")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=2, help="how many times each version runs")
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.n, args.rounds, args.seed)))
        return {}
    if not args.rev:
        ap.error("name the revision to compare with")

    def git(*words) -> str:
        return subprocess.run(["git", "-C", str(REPO), *words], check=True, capture_output=True, text=True).stdout.strip()

    base, head = git("rev-parse", "--short", args.rev), git("rev-parse", "--short", "HEAD")
    with tempfile.TemporaryDirectory(prefix="claude-lint-compare-") as scratch:
        tree = os.path.join(scratch, "tree")
        git("worktree", "add", "--detach", tree, args.rev)
        try:
            runs = []
            for k in range(args.pairs):
                for label, where in ((f"{base} (run {k + 1})", tree), (f"{head}, this checkout (run {k + 1})", str(REPO))):
                    out = subprocess.run([sys.executable, __file__, "--child", where, "--n", str(args.n),
                                          "--rounds", str(args.rounds), "--seed", str(args.seed)],
                                         check=True, capture_output=True, text=True, cwd=HERE).stdout
                    runs.append({"label": label, **json.loads(out.strip().splitlines()[-1])})
                    print(runs[-1], flush=True)
        finally:
            git("worktree", "remove", "--force", tree)
    rep = {"machine": machine_facts(), "base": base, "head": head, "n": args.n, "rounds": args.rounds, "runs": runs}
    write_results("compare", rep, render(rep))
    print(render(rep))
    return rep


if __name__ == "__main__":
    main()
