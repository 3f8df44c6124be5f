"""Where validate's time goes: cProfile over the corpus, and each rule's own cost.

    python profile_validate.py [--n 500] [--top 25]

1. cProfile of `claude_lint.validate` over n corpus requests: functions by own (tottime) and
   cumulative time, the share of time spent in the request models (pydantic) versus the rules.
2. Each rule's marginal cost: validate with one rule enabled minus validate with none enabled
   (the schema stage runs either way), summed over the corpus, in process CPU time (best of 5). A rule that fills a shared
   per-request view (messages, turns, media) pays for it here, so a view's cost shows up on the
   first rule that asks for it. Uses `claude_lint.checking.engine.Linter(enabled=...)`; skipped if
   that internal API changes.

Not part of run_all.sh's targets; writes results/profile.md. For a sampling profile of the CLI,
`py-spy record -o results/cli.svg -- claude-lint corpus_out/...` works the same way.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import time

import corpus
from _common import facts_line, machine_facts, md_table, write_results


def profile(validate, docs: list, top: int) -> tuple:
    prof = cProfile.Profile(time.process_time)  # CPU time: steadier than wall time on a shared machine
    prof.enable()
    for doc in docs:
        validate(doc)
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in stats.stats.items():
        short = file.split("site-packages/")[-1].split("/work/main/")[-1]
        rows.append((f"{short}:{line}({func})", nc, tt, ct))
    by_tt = sorted(rows, key=lambda r: -r[2])[:top]
    by_ct = sorted((r for r in rows if "claude_lint" in r[0]), key=lambda r: -r[3])[:top]
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(top)
    return total, by_tt, by_ct, text.getvalue()


def per_rule(docs: list, rounds: int = 5) -> list:
    from claude_lint import rules
    from claude_lint.checking.engine import Linter

    def cost(linter) -> float:
        best = None
        for _ in range(rounds):
            t0 = time.process_time_ns()
            for doc in docs:
                linter.validate(doc)
            t = time.process_time_ns() - t0
            best = t if best is None else min(best, t)
        return best

    none = cost(Linter(enabled=frozenset()))
    full = cost(Linter())
    out = [("(schema stage + engine, no rule enabled)", none, none / full)]
    for code, r in rules.RULES.items():
        if r.check is None or "messages" not in r.endpoints:
            continue
        c = cost(Linter(enabled=frozenset({code}))) - none
        out.append((f"{code} {r.name}", c, c / full))
    out.sort(key=lambda x: -x[1])
    return [("(everything: validate)", full, 1.0)] + out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--no-rules", action="store_true", help="skip the per-rule marginal costs")
    args = ap.parse_args(argv)
    import claude_lint

    docs = [it.body for it in corpus.generate(args.n, args.seed)]
    for doc in docs[:20]:
        claude_lint.validate(doc)
    gc.collect()
    gc.freeze()
    gc.disable()
    total, by_tt, by_ct, raw = profile(claude_lint.validate, docs, args.top)
    rules_rows = []
    if not args.no_rules:
        try:
            rules_rows = per_rule(docs)
        except (ImportError, TypeError, AttributeError) as exc:
            rules_rows = [(f"per-rule costs skipped: {exc}", 0, 0)]
    gc.enable()
    pyd = sum(tt for name, _, tt, _ in by_tt if "pydantic" in name)
    md = [f"## Profile of validate over {args.n:,} corpus requests", "", f"Machine: {facts_line(machine_facts())}", "",
          f"cProfile total {total * 1e3:,.0f} ms (process CPU time; profiler overhead included: compare shares, not times).", "",
          "By own time:", "",
          md_table(["function", "calls", "own ms", "% of total", "cumulative ms"],
                   [[n, f"{c:,}", f"{tt * 1e3:,.1f}", f"{100 * tt / total:.1f}%", f"{ct * 1e3:,.1f}"] for n, c, tt, ct in by_tt]),
          "", f"(pydantic functions among these: {100 * pyd / total:.1f}% of the total)", "",
          "claude_lint functions by cumulative time:", "",
          md_table(["function", "calls", "cumulative ms", "% of total"],
                   [[n, f"{c:,}", f"{ct * 1e3:,.1f}", f"{100 * ct / total:.1f}%"] for n, c, tt, ct in by_ct]), ""]
    if rules_rows:
        md += ["Marginal cost per rule (process CPU time, best of 5 passes over the corpus; one rule enabled minus none "
               "enabled; a shared per-request view is charged to every rule that needs it, so the shares overlap "
               "and add up to more than 100%; differences under ~2% are noise):", "",
               md_table(["rule", "ms over the corpus", "share of validate"],
                        [[name, f"{t / 1e6:,.1f}", f"{100 * share:.1f}%"] for name, t, share in rules_rows[:30]]), ""]
    write_results("profile", {"n": args.n, "total_s": total, "by_tottime": by_tt, "by_cumulative": by_ct,
                              "per_rule_ns": rules_rows, "raw": raw}, "\n".join(md))


if __name__ == "__main__":
    main()
