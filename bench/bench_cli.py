"""Whole-process runs over 1, 1,000 and 10,000 corpus files, start-up, and import time.

    python bench_cli.py [--sizes 1,1000,10000] [--runs 10,3,3] [--cj-runs 3,1,1] [--seed 20251123]

Every command gets the same files. As a hook (pre-commit) or a shell user passes them, through
`xargs -a LIST` (xargs's command-line limit splits a long list into batches, one process each;
the batch count is reported), and as one invocation with a directory. Timing is by hyperfine when
it is on PATH (median of the runs, page cache warmed first), else a plain Python loop.

Rows: the orjson parse floor (parse_floor.py: read and parse every file, nothing else),
`claude-lint check --skip-non-requests` through xargs (the pre-commit hook's entry), `claude-lint
DIR`, `claude-lint --jobs 2 DIR`, and `check-jsonschema --schemafile <SDK schema>` through xargs.
Start-up: `python -c pass`, `claude-lint --version`, `import claude_lint`, linting one median-size
file; `python -X importtime` of `import claude_lint` and of a whole CLI run on one file.

Needs the corpus files (built on first use into corpus_out/). Writes results/cli.{json,md}.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import corpus
from _common import (ENV, HERE, compile_package, RESULTS, ensure_corpus, ensure_schema, facts_line, machine_facts, md_table, ratio,
                     read_manifest, verdict, write_results)

HYPERFINE = shutil.which("hyperfine")
WORK = RESULTS / "cli"
TARGETS = {"floor_ratio": 0.7, "cj_ratio": 50.0, "jobs_ratio": 1.6, "version_ms": 100.0, "one_file_ms": 250.0}


def measure(commands: dict, runs: int, warmup: int, tag: str) -> dict:
    """Wall seconds per command: median, min, max, every run."""
    out = {}
    if not commands:
        return out
    if HYPERFINE:
        export = WORK / f"hyperfine-{tag}.json"
        args = [HYPERFINE, "--runs", str(runs), "--warmup", str(warmup), "--ignore-failure", "--style", "basic",
                "--export-json", str(export)]
        for name, cmd in commands.items():
            args += ["--command-name", name, cmd]
        subprocess.run(args, cwd=HERE, env=ENV, check=True, stdout=sys.stderr)
        for r in json.loads(export.read_text())["results"]:
            out[r["command"]] = {"median": r["median"], "min": r["min"], "max": r["max"], "times": r["times"],
                                 "cpu": r["user"] + r["system"]}
        return out
    for name, cmd in commands.items():
        times, cpu = [], []
        for i in range(warmup + runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, shell=True, cwd=HERE, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i >= warmup:
                times.append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out[name] = {"median": statistics.median(times), "min": min(times), "max": max(times), "times": times,
                     "cpu": statistics.mean(cpu)}
        print(f"  {name}: {statistics.median(times):.3f} s", file=sys.stderr)
    return out


def prepare(files_dir: Path, sizes: list) -> tuple:
    """Per size: a list file and a directory holding exactly those files (hard links)."""
    manifest = read_manifest(files_dir)
    by_size = sorted(m["bytes"] for m in manifest)
    median = by_size[len(by_size) // 2]
    typical = min((m for m in manifest if m["defect"] is None), key=lambda m: abs(m["bytes"] - median))
    info, paths = {}, {}
    for n in sizes:
        chosen = [typical] if n == 1 else manifest[:n]
        folder = WORK / "dirs" / str(n)
        if folder.is_dir() and len(os.listdir(folder)) != len(chosen):
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for m in chosen:
            link = folder / f"{m['id']}.json"
            if not link.exists():
                try:
                    os.link(files_dir / "requests" / f"{m['id']}.json", link)
                except OSError:
                    shutil.copyfile(files_dir / "requests" / f"{m['id']}.json", link)
        listing = WORK / "lists" / f"{n}.txt"
        listing.parent.mkdir(parents=True, exist_ok=True)
        listing.write_text("".join(f"{(folder / (m['id'] + '.json')).relative_to(HERE)}\n" for m in chosen))
        batches = subprocess.run(f"xargs -a {listing} echo | wc -l", shell=True, capture_output=True, text=True).stdout
        info[n] = {"files": n, "bytes_on_disk": sum((folder / f"{m['id']}.json").stat().st_size for m in chosen),
                   "xargs_batches": int(batches), "planted_defects": sum(m["defect"] is not None for m in chosen),
                   "first": chosen[0]["id"]}
        paths[n] = (listing.relative_to(HERE), folder.relative_to(HERE))
    return info, paths, typical


def commands_for(listing: Path, folder: Path, schema: str, with_cj: bool) -> dict:
    cmds = {
        "orjson parse floor (xargs python parse_floor.py)": f"xargs -a {listing} python parse_floor.py",
        "orjson parse floor, one process (python parse_floor.py DIR)": f"python parse_floor.py {folder}",
        "claude-lint via xargs (pre-commit entry: check --skip-non-requests)":
            f"xargs -a {listing} claude-lint check --skip-non-requests",
        "claude-lint DIR": f"claude-lint {folder}",
        "claude-lint --jobs 2 DIR": f"claude-lint --jobs 2 {folder}",
    }
    if with_cj:
        cmds["check-jsonschema --schemafile SDK schema (xargs)"] = f"xargs -a {listing} check-jsonschema --schemafile {schema}"
    return cmds


FLOOR = "orjson parse floor (xargs python parse_floor.py)"
FLOOR_DIR = "orjson parse floor, one process (python parse_floor.py DIR)"
LINT_XARGS = "claude-lint via xargs (pre-commit entry: check --skip-non-requests)"
LINT_DIR = "claude-lint DIR"
LINT_JOBS = "claude-lint --jobs 2 DIR"
CJ = "check-jsonschema --schemafile SDK schema (xargs)"


def importtime(args: list, repeats: int = 5) -> dict:
    """`python -X importtime ...`: the run with the median total; top modules by self and cumulative time,
    and self time summed per top-level package."""
    runs = []
    for _ in range(repeats):
        r = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True, text=True, env=ENV, cwd=HERE)
        rows = []
        for line in r.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, cum_us, name = (p.strip() for p in line[len("import time:"):].split("|"))
            rows.append((name, int(self_us), int(cum_us)))
        runs.append((sum(s for _, s, _ in rows), rows))
    total, rows = sorted(runs, key=lambda x: x[0])[len(runs) // 2]
    packages = {}
    for name, self_us, _ in rows:
        packages[name.split(".")[0]] = packages.get(name.split(".")[0], 0) + self_us
    return {"total_ms": total / 1e3, "modules": len(rows),
            "top_cumulative_ms": [(n, c / 1e3) for n, _, c in sorted(rows, key=lambda x: -x[2])[:12]],
            "top_self_ms": [(n, s / 1e3) for n, s, _ in sorted(rows, key=lambda x: -x[1])[:12]],
            "packages_ms": dict(sorted(((k, v / 1e3) for k, v in packages.items()), key=lambda kv: -kv[1])[:12]),
            "imports_anthropic": any(n.split(".")[0] == "anthropic" for n, _, _ in rows),
            "imports_jsonschema": any(n.split(".")[0] == "jsonschema" for n, _, _ in rows),
            "imports_pydantic": any(n.split(".")[0] == "pydantic" for n, _, _ in rows)}


def cli_detection(listing: Path, files_dir: Path) -> dict:
    """Untimed: the files claude-lint reports an error in, against the manifest's labels."""
    labels = {m["id"]: m["defect"] for m in read_manifest(files_dir)}
    r = subprocess.run(f"xargs -a {listing} claude-lint check -f json", shell=True, cwd=HERE, env=ENV,
                       capture_output=True, text=True)
    flagged, decoder, text, pos = set(), json.JSONDecoder(), r.stdout, 0
    while text[pos:].strip():  # one JSON document per xargs batch
        pos += len(text[pos:]) - len(text[pos:].lstrip())
        doc, pos = decoder.raw_decode(text, pos)
        flagged |= {Path(d["file"]).stem for d in doc["diagnostics"] if d["severity"] == "error"}
    ids = [Path(line).stem for line in (HERE / listing).read_text().split()]
    planted = {i for i in ids if labels.get(i)}
    return {"files": len(ids), "planted": len(planted), "planted_flagged": len(planted & flagged),
            "valid_flagged": len(flagged - planted)}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,1000,10000")
    ap.add_argument("--runs", default="10,3,3", help="runs per size, in the order of --sizes")
    ap.add_argument("--cj-runs", default="3,1,1", help="check-jsonschema runs per size (0: skip); ~12 s per 1,000 files")
    ap.add_argument("--startup-runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=corpus.DEFAULT_SEED)
    ap.add_argument("--render", action="store_true", help="only re-render results/cli.md from results/cli.json")
    args = ap.parse_args(argv)
    if args.render:
        rep = json.loads((RESULTS / "cli.json").read_text())
        write_results("cli", rep, render(rep))
        return rep
    compile_package()
    sizes = [int(x) for x in args.sizes.split(",")]
    runs = [int(x) for x in args.runs.split(",")]
    cj_runs = [int(x) for x in args.cj_runs.split(",")]
    if not (len(sizes) == len(runs) == len(cj_runs)):
        ap.error("--sizes, --runs and --cj-runs need one entry each")
    if not shutil.which("claude-lint", path=ENV["PATH"]):
        sys.exit("claude-lint is not on PATH: pip install -e .. into this venv")
    WORK.mkdir(parents=True, exist_ok=True)
    schema = str(ensure_schema().relative_to(HERE))
    files_dir = ensure_corpus(max(sizes), args.seed)
    info, paths, typical = prepare(files_dir, sizes)
    one_file = str(HERE / files_dir / "requests" / f"{typical['id']}.json")
    facts = machine_facts()
    rep = {"machine": facts, "hyperfine": bool(HYPERFINE), "seed": args.seed, "sizes": info,
           "median_file": {"id": typical["id"], "compact_bytes": typical["bytes"],
                           "bytes_on_disk": os.path.getsize(one_file)},
           "runs": dict(zip(map(str, sizes), runs)), "cj_runs": dict(zip(map(str, sizes), cj_runs)),
           "commands": {}, "wall": {}}

    startup = {
        "python -c pass": "python -c pass",
        "python -c 'import orjson'": "python -c 'import orjson'",
        "claude-lint --version": "claude-lint --version",
        "python -c 'import claude_lint'": "python -c 'import claude_lint'",
        "claude-lint check <median file>": f"claude-lint check {one_file}",
        "check-jsonschema --version": "check-jsonschema --version",
    }
    print("start-up ...", file=sys.stderr)
    rep["startup_commands"] = startup
    rep["startup"] = measure(startup, args.startup_runs, 3, "startup")
    rep["importtime"] = {"import claude_lint": importtime(["-c", "import claude_lint"]),
                         "CLI on one file": importtime(["-m", "claude_lint", "check", one_file])}

    for n, r, cr in zip(sizes, runs, cj_runs):
        listing, folder = paths[n]
        print(f"{n:,} files ...", file=sys.stderr)
        subprocess.run(f"xargs -a {listing} cat > /dev/null", shell=True, cwd=HERE)  # warm the page cache
        cmds = commands_for(listing, folder, schema, with_cj=cr > 0)
        cj = {CJ: cmds.pop(CJ)} if CJ in cmds else {}
        rep["commands"][str(n)] = {**cmds, **cj}
        wall = measure(cmds, r, 1 if n <= 1000 else 0, str(n))
        wall.update(measure(cj, cr, 0, f"{n}-cj"))
        rep["wall"][str(n)] = wall
    detect_n = 1000 if 1000 in sizes else max(sizes)
    rep["detection"] = cli_detection(paths[detect_n][0], files_dir)
    rep["loadavg_after"] = machine_facts()["loadavg"]
    write_results("cli", rep, render(rep))
    return rep


def render(rep: dict) -> str:
    sizes = list(rep["wall"])
    out = [f"## Whole process: {', '.join(f'{int(n):,}' for n in sizes)} files", "",
           f"Machine: {facts_line(rep['machine'])}; after: loadavg {rep.get('loadavg_after')}", "",
           "Files: " + "; ".join(f"{int(n):,}: {v['bytes_on_disk'] / 1e6:.1f} MB on disk, {v['planted_defects']} "
                                 f"planted defects, {v['xargs_batches']} xargs batch(es)" for n, v in rep["sizes"].items()),
           f"Timer: {'hyperfine' if rep['hyperfine'] else 'python loop'}; runs per size {rep['runs']}, "
           f"check-jsonschema {rep['cj_runs']}. Median wall seconds (files/s, rate × the floor's rate; mean CPU "
           f"seconds, user + system, of all its processes: on a loaded machine the steadier number).", ""]
    names = list(dict.fromkeys(name for n in sizes for name in rep["wall"][n]))
    table = []
    for name in names:
        row = [name]
        for n in sizes:
            w = rep["wall"][n].get(name)
            if not w:
                row.append("—")
                continue
            rate = int(n) / w["median"]
            floor_rate = int(n) / rep["wall"][n][FLOOR]["median"]
            cpu = f"; CPU {w['cpu']:.2f} s" if w.get("cpu") is not None else ""
            row.append(f"{w['median']:.3f} s ({rate:,.0f}/s, {ratio(rate / floor_rate)}{cpu})" if rate >= 10 else
                       f"{w['median']:.3f} s ({rate:.1f}/s, {ratio(rate / floor_rate)}{cpu})")
        table.append(row)
    out += [md_table(["command"] + [f"{int(n):,} file{'s' if int(n) > 1 else ''}" for n in sizes], table), ""]

    base = rep["startup"]["python -c pass"]["median"]
    out += [md_table(["start-up", "median ms", "min ms", "× python -c pass"],
                     [[k, f"{v['median'] * 1e3:.0f}", f"{v['min'] * 1e3:.0f}", ratio(v["median"] / base)]
                      for k, v in rep["startup"].items()]), ""]
    for label, it in rep["importtime"].items():
        out += [f"`python -X importtime` — {label}: {it['total_ms']:.0f} ms over {it['modules']} modules; "
                f"anthropic imported: {it['imports_anthropic']}, jsonschema: {it['imports_jsonschema']}, "
                f"pydantic: {it['imports_pydantic']}.", "",
                "- by package (self ms): " + ", ".join(f"{k} {v:.1f}" for k, v in it["packages_ms"].items()),
                "- top cumulative (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in it["top_cumulative_ms"]),
                "- top self (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in it["top_self_ms"]), ""]
    d = rep["detection"]
    out += [f"CLI detection over {d['files']:,} files: {d['planted_flagged']}/{d['planted']} planted defects flagged, "
            f"{d['valid_flagged']} valid files flagged.", ""]

    big = str(max(int(n) for n in sizes))
    w = rep["wall"][big]
    rate = {k: int(big) / v["median"] for k, v in w.items()}

    def vs(a, b):  # files/s of a over files/s of b, in wall time, with the same in CPU time beside it
        wall = rate[a] / rate[b]
        cpu = w[b]["cpu"] / w[a]["cpu"] if w[a].get("cpu") and w[b].get("cpu") else None
        return wall, f"{ratio(wall)} (CPU: {ratio(cpu)})" if cpu else ratio(wall)

    targets = []
    if FLOOR in rate:
        x, shown = vs(LINT_XARGS, FLOOR)
        targets.append([f"claude-lint via xargs over {int(big):,} files ≥ 0.7× floor files/s", shown,
                        verdict(x >= TARGETS["floor_ratio"])])
        x, shown = vs(LINT_DIR, FLOOR_DIR)
        targets.append([f"claude-lint DIR over {int(big):,} files ≥ 0.7× one-process floor (parse_floor.py DIR)", shown,
                        verdict(x >= TARGETS["floor_ratio"])])
    if CJ in rate:
        x, shown = vs(LINT_XARGS, CJ)
        targets.append([f"claude-lint via xargs ≥ 50× check-jsonschema files/s ({int(big):,} files)", shown,
                        verdict(x >= TARGETS["cj_ratio"])])
    x = rate[LINT_JOBS] / rate[LINT_DIR]
    targets.append(["--jobs 2 DIR ≥ 1.6× claude-lint DIR (wall time only: parallelism saves no CPU)", ratio(x),
                    verdict(x >= TARGETS["jobs_ratio"])])
    version, one = rep["startup"]["claude-lint --version"], rep["startup"]["claude-lint check <median file>"]
    targets.append(["claude-lint --version ≤ 100 ms (median)", f"{version['median'] * 1e3:.0f} ms (min {version['min'] * 1e3:.0f})",
                    verdict(version["median"] * 1e3 <= TARGETS["version_ms"])])
    targets.append([f"lint one median-size file ({rep['median_file']['bytes_on_disk'] / 1e3:.1f} kB) ≤ 250 ms (median)",
                    f"{one['median'] * 1e3:.0f} ms (min {one['min'] * 1e3:.0f})", verdict(one["median"] * 1e3 <= TARGETS["one_file_ms"])])
    cli_imp = rep["importtime"]["CLI on one file"]
    targets.append(["no `anthropic` import on the CLI path", f"anthropic imported: {cli_imp['imports_anthropic']}",
                    verdict(not cli_imp["imports_anthropic"])])
    out += ["### Targets", "", md_table(["target", "measured", "verdict"], targets), ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
