"""A large batch .jsonl file: wall time, peak memory, and whether time grows linearly with size.

    python bench_jsonl.py                          # 32, 64, 128 MB (1×, 2×, 4×): a few minutes
    python bench_jsonl.py --sizes 256,512,1024 --runs 1 --name jsonl-1gb   # the 1 GB check (~1 GB of disk)

The file is the corpus's --jsonl mode ({"custom_id", "params"} per line, ~10% of the lines with a
planted defect) repeated until it reaches each size; repeats get their own custom_ids
(`req-000123-r2`), so no line is a duplicate of another. Each size is built, measured, and
deleted (--keep keeps it).

Measured per size (median of --runs): `claude-lint FILE.jsonl` (output to /dev/null) and the floor,
`parse_floor_jsonl`: read the file line by line and orjson-parse each line. Peak RSS from
`/usr/bin/time -v` when present, else `resource.getrusage(RUSAGE_CHILDREN)` of a fresh wrapper
process. Every size is whole copies of the first file, so the mix of requests is the same in each.
Linearity, as the target states it (1×, 2×, 4× within 10% of linear): (t − t₀) / (k · (t₁ − t₀)) at
k× the first size, t₀ the start-up on a 2-line file: a valid request and one without `max_tokens`,
so that t₀ holds the first-use costs too (the request models load only for a body the compiled
schema check refuses, and each size has such bodies). Also shown: the cost per
MB of each step (1× → 2×, 2× → 4×) over that of the first step, a stricter reading that divides
two differences and so doubles the noise; and the same for the orjson floor, to tell the
machine's steps (page cache, disk) from claude-lint's. The verdict uses CPU time (user + system),
which other processes on a shared machine do not inflate.

Writes results/jsonl.{json,md}.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import orjson

import corpus
from _common import CORPUS_OUT, ENV, HERE, compile_package, RESULTS, facts_line, machine_facts, md_table, ratio, verdict, write_results

TIME_V = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
RSS_LIMIT_MB, LINEARITY = 150, 0.10
FLOOR_CODE = ("import sys, orjson\n"
              "with open(sys.argv[1], 'rb') as f:\n"
              "    for line in f:\n"
              "        if line.strip():\n"
              "            orjson.loads(line)\n")
RUSAGE_WRAPPER = ("import resource, subprocess, sys, time\n"
                  "t = time.perf_counter()\n"
                  "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
                  "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
                  "print(time.perf_counter() - t, r.ru_maxrss, r.ru_utime + r.ru_stime)\n")


def base_lines(n: int, seed: int) -> list:
    return [orjson.dumps({"custom_id": it.id, "params": it.body}) + b"\n" for it in corpus.generate(n, seed)]


def _renamed(line: bytes, suffix: bytes) -> bytes:
    """{"custom_id":"req-000123",... -> {"custom_id":"req-000123<suffix>",..."""
    cut = line.index(b'",', 14)
    return line[:cut] + suffix + line[cut:]


def unit_lines(lines: list, size_mb: int) -> list:
    """The corpus lines, repeated (with new custom_ids) until they hold size_mb MB (10^6 bytes)."""
    target, written, out, repeat = size_mb * 1_000_000, 0, [], 0
    while written < target:
        for line in lines:
            line = _renamed(line, b"-r%d" % repeat) if repeat else line
            out.append(line)
            written += len(line)
            if written >= target:
                break
        repeat += 1
    return out


def build(path: Path, unit: list, copies: int) -> dict:
    """`copies` copies of the unit: every size is an exact multiple of the first, so the mix of
    requests (and so the cost per MB) is the same in each."""
    written = 0
    with open(path, "wb") as out:
        for copy in range(copies):
            for line in unit:
                line = _renamed(line, b"-c%d" % copy) if copy else line
                out.write(line)
                written += len(line)
    return {"bytes": written, "lines": copies * len(unit), "copies": copies}


def run_once(cmd: list) -> tuple:
    """(wall seconds, peak RSS MB, CPU seconds user + system) of one run of cmd, its output discarded."""
    if TIME_V:
        t0 = time.perf_counter()
        r = subprocess.run([TIME_V, "-v", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           env=ENV, cwd=HERE)
        wall = time.perf_counter() - t0

        def field(label):
            return re.search(label + r": ([\d.]+)", r.stderr).group(1)
        cpu = float(field(r"User time \(seconds\)")) + float(field(r"System time \(seconds\)"))
        return wall, int(field(r"Maximum resident set size \(kbytes\)")) / 1024, cpu
    r = subprocess.run([sys.executable, "-c", RUSAGE_WRAPPER, *cmd], capture_output=True, text=True, env=ENV, cwd=HERE)
    wall, rss_kb, cpu = r.stdout.split()
    return float(wall), int(rss_kb) / 1024, float(cpu)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="32,64,128", help="MB, comma-separated; linearity is judged against the first")
    ap.add_argument("--render", action="store_true", help="only re-render results/jsonl.md from results/jsonl.json")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--base", type=int, default=2000, help="corpus requests repeated to fill each file")
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--keep", action="store_true", help="keep the generated files in corpus_out/jsonl/")
    ap.add_argument("--name", default="jsonl", help="results/<name>.{json,md} (e.g. jsonl-1gb)")
    args = ap.parse_args(argv)
    compile_package()
    if args.render:
        rep = json.loads((RESULTS / f"{args.name}.json").read_text())
        write_results(args.name, rep, render(rep))
        return rep
    sizes = [int(x) for x in args.sizes.split(",")]
    facts = machine_facts()
    folder = CORPUS_OUT / "jsonl"
    folder.mkdir(parents=True, exist_ok=True)
    lines = base_lines(args.base, args.seed)
    lint = [str(Path(sys.executable).parent / "claude-lint")]
    floor = [sys.executable, "-c", FLOOR_CODE]
    rows = []
    tiny = folder / "batch-2lines.jsonl"
    broken = json.loads(lines[0])
    del broken["params"]["max_tokens"]
    tiny.write_bytes(lines[0] + json.dumps(broken, separators=(",", ":")).encode() + b"\n")
    tiny_runs = [run_once(lint + [str(tiny)]) for _ in range(max(3, args.runs))]
    startup = statistics.median(w for w, _, _ in tiny_runs)
    startup_cpu = statistics.median(c for _, _, c in tiny_runs)
    tiny.unlink()
    unit = unit_lines(lines, sizes[0])
    for mb in sizes:
        path = folder / f"batch-{mb}MB.jsonl"
        shape = build(path, unit, max(1, round(mb / sizes[0])))
        subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL)  # warm the page cache
        row = {"size_mb": mb, **shape}
        for key, cmd in (("claude_lint", lint + [str(path)]), ("floor", floor + [str(path)])):
            runs = [run_once(cmd) for _ in range(args.runs)]
            row[key] = {"wall_s": statistics.median(w for w, _, _ in runs), "rss_mb": max(m for _, m, _ in runs),
                        "cpu_s": statistics.median(c for _, _, c in runs), "walls": [w for w, _, _ in runs]}
        print(f"{mb} MB: claude-lint {row['claude_lint']['wall_s']:.2f} s, {row['claude_lint']['rss_mb']:.0f} MB RSS; "
              f"floor {row['floor']['wall_s']:.2f} s", file=sys.stderr)
        rows.append(row)
        if not args.keep:
            path.unlink()
    rep = {"machine": facts, "loadavg_after": machine_facts()["loadavg"], "runs": args.runs, "base": args.base,
           "seed": args.seed, "startup_s": startup, "startup_cpu_s": startup_cpu, "rss_source": "/usr/bin/time -v" if TIME_V else "getrusage(RUSAGE_CHILDREN)",
           "results": rows}
    write_results(args.name, rep, render(rep))
    return rep


def render(rep: dict) -> str:
    rows = rep["results"]
    first = rows[0]

    def corrected(r, key):  # (t − t₀) / (k · (t₁ − t₀)): t₀ the start-up (a 2-line file)
        k = r["bytes"] / first["bytes"]
        t0 = rep["startup_s"] if key == "wall_s" else rep["startup_cpu_s"]
        return (r["claude_lint"][key] - t0) / (k * (first["claude_lint"][key] - t0))

    def marginal(key, who="claude_lint"):  # cost per MB of each step over the cost per MB of the first step
        pts = [(r["bytes"] / 1e6, r[who][key]) for r in rows]
        per = [(t2 - t1) / (s2 - s1) for (s1, t1), (s2, t2) in zip(pts, pts[1:])]
        return [p / per[0] for p in per[1:]], per

    table = []
    for r in rows:
        lint = r["claude_lint"]
        table.append([f"{r['size_mb']:,} MB ({r['lines']:,} lines)", f"{lint['wall_s']:.2f}", f"{lint['cpu_s']:.2f}",
                      f"{r['bytes'] / 1e6 / lint['wall_s']:.1f}", f"{lint['rss_mb']:.0f}",
                      f"{r['floor']['wall_s']:.2f}", f"{r['floor']['rss_mb']:.0f}",
                      ratio(lint["wall_s"] / r["floor"]["wall_s"]), f"{r['bytes'] / first['bytes']:.2f}×",
                      f"{corrected(r, 'wall_s'):.3f}", f"{corrected(r, 'cpu_s'):.3f}"])
    out = [f"## Batch .jsonl: {', '.join(str(r['size_mb']) for r in rows)} MB", "",
           f"Machine: {facts_line(rep['machine'])}; after: loadavg {rep['loadavg_after']}", "",
           f"Corpus --jsonl of {rep['base']:,} requests repeated to {first['size_mb']} MB; every larger file is whole "
           f"copies of that one (new custom_ids), so the mix of requests is the same. Median of {rep['runs']} runs; "
           f"peak RSS by {rep['rss_source']} (max over runs). Start-up (claude-lint on a 2-line .jsonl, one line the models must explain): "
           f"{rep['startup_s']:.3f} s wall, {rep['startup_cpu_s']:.3f} s CPU.", "",
           md_table(["file", "claude-lint wall s", "CPU s", "MB/s (wall)", "peak RSS MB", "floor s", "floor RSS MB",
                     "× floor (wall)", "size × first", "(t − t₀)/(k·(t₁ − t₀)) wall", "same, CPU"], table), ""]
    peak = max(r["claude_lint"]["rss_mb"] for r in rows)
    biggest = rows[-1]["size_mb"]
    targets = [[f"peak RSS ≤ {RSS_LIMIT_MB} MB (largest file here: {biggest:,} MB)", f"{peak:.0f} MB",
                verdict(peak <= RSS_LIMIT_MB)]]
    if len(rows) >= 3:
        steps_cpu, per_cpu = marginal("cpu_s")
        steps_wall, _ = marginal("wall_s")
        # The target: at 2× and 4× the input, the time (less the start-up) within 10% of 2× and 4×
        # the first size's. The cost per MB of each step, a stricter and noisier reading, is shown too.
        linear_cpu = [corrected(r, "cpu_s") for r in rows[1:]]
        linear_wall = [corrected(r, "wall_s") for r in rows[1:]]
        worst = max(abs(x - 1) for x in linear_cpu)
        out += [f"Cost per MB of each step ({' → '.join(str(r['size_mb']) for r in rows)} MB), CPU: "
                + ", ".join(f"{1e3 * p:.1f} ms/MB" for p in per_cpu)
                + "; later steps over the first: CPU " + ", ".join(f"{x:.3f}" for x in steps_cpu)
                + ", wall " + ", ".join(f"{x:.3f}" for x in steps_wall)
                + ". Linear (a fixed start-up plus a constant cost per MB) gives 1.000. The orjson floor over the same "
                "files, for comparison (a step the floor takes slowly too is the machine's: page cache, disk): wall "
                + ", ".join(f"{x:.3f}" for x in marginal("wall_s", "floor")[0]) + ".", ""]
        targets.append(["time linear in size: at 2× and 4× the input, the time less the start-up within 10% of "
                        "2× and 4× the first size's (CPU time; wall beside it)",
                        f"{', '.join(f'{x:.3f}' for x in linear_cpu)} CPU ({', '.join(f'{x:.3f}' for x in linear_wall)} wall); "
                        f"cost per MB of each step over the first: {', '.join(f'{x:.3f}' for x in steps_cpu)}",
                        verdict(worst <= LINEARITY)])
    out += ["### Targets (the target sizes are 256, 512, 1024 MB)", "",
            md_table(["target", "measured", "verdict"], targets), ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
