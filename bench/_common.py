"""Shared by the bench scripts: paths, machine facts, the corpus on disk, tables, result files."""
from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CORPUS_OUT = HERE / "corpus_out"
SCHEMA = RESULTS / "sdk-request.schema.json"
VENV_BIN = Path(sys.executable).parent
# Commands resolve `python`, `claude-lint` and `check-jsonschema` in the running venv first.
ENV = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
ENV.pop("GITHUB_ACTIONS", None)
PACKAGES = ["claude-lint", "orjson", "jsonschema-rs", "jsonschema", "check-jsonschema", "anthropic", "pydantic",
            "pydantic-core", "click"]


def machine_facts() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    hyperfine = shutil.which("hyperfine")
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        mem = None
    return {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "mem_gib": mem,
        "platform": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": versions,
        "hyperfine": subprocess.run([hyperfine, "--version"], capture_output=True, text=True).stdout.strip()
        if hyperfine else None,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


def facts_line(f: dict) -> str:
    pk = f["packages"]
    return (f"{f['date']} · {f['cpu']}, {f['cores']} cores, {f['mem_gib']} GiB · {f['python']} · "
            f"claude-lint {pk.get('claude-lint')}, orjson {pk.get('orjson')}, jsonschema-rs {pk.get('jsonschema-rs')}, "
            f"pydantic {pk.get('pydantic')}, anthropic {pk.get('anthropic')}, check-jsonschema {pk.get('check-jsonschema')}"
            f" · loadavg {f['loadavg']}")


def md_table(header: list, rows: list) -> str:
    out = ["| " + " | ".join(map(str, header)) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def ratio(x: float) -> str:
    return f"{x:.2f}×" if x < 10 else f"{x:,.0f}×"


def verdict(ok: bool) -> str:
    return "**holds**" if ok else "**misses**"


def write_results(name: str, report: dict, markdown: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown)
    print(markdown)
    print(f"wrote {RESULTS / (name + '.json')} and {name}.md", file=sys.stderr)


def ensure_schema() -> Path:
    """The SDK-derived JSON Schema (make_schema.py); built on first need."""
    if not SCHEMA.is_file():
        subprocess.run([sys.executable, str(HERE / "make_schema.py")], check=True, env=ENV)
    return SCHEMA


def ensure_corpus(n: int, seed: int) -> Path:
    """<corpus_out>/files-<seed>: n pretty-printed request files and manifest.jsonl (reused when big enough)."""
    out = CORPUS_OUT / f"files-{seed}"
    manifest = out / "manifest.jsonl"
    if not manifest.is_file() or sum(1 for _ in open(manifest)) < n:
        shutil.rmtree(out, ignore_errors=True)
        print(f"generating {n:,} corpus files in {out} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "--n", str(n), "--seed", str(seed), "--out", str(out)],
                       check=True, env=ENV)
    return out


def read_manifest(out: Path) -> list:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def compile_package() -> None:
    """Write the byte-code of the claude_lint package being measured. A regular install (pip,
    pre-commit's hook environment) compiles it when installing; an editable install under
    ``PYTHONDONTWRITEBYTECODE=1`` would otherwise compile every module from source on each start,
    and start-up would measure the compiler."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("claude_lint")
    if spec and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            compileall.compile_dir(location, quiet=1)

