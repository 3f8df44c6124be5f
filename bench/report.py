"""Gather the targets of every benchmark into one table (results/summary.md); with --readme, also
put that and the main tables of each result into README.md, between its results markers.

    python report.py [--readme]
"""
from __future__ import annotations

import argparse
import json
import re

from _common import HERE, RESULTS, facts_line

PARTS = ("validate", "cli", "jsonl", "jsonl-1gb", "scaling")
OPTIONAL = {"jsonl-1gb"}  # bench_jsonl.py --sizes 256,512,1024 --runs 1 --name jsonl-1gb: not in run_all.sh
START, END = "<!-- results:start (python report.py --readme) -->", "<!-- results:end -->"


def section(markdown: str, heading: str) -> str:
    """The first table after a '### heading'."""
    if heading not in markdown:
        return ""
    rest = markdown.split(heading, 1)[1].lstrip("\n").split("\n\n")
    return next((block for block in rest if block.lstrip().startswith("| ")), "")


def tables(markdown: str) -> list:
    """Every markdown table of a text, each with the paragraph just before it."""
    blocks = markdown.split("\n\n")
    out = []
    for i, block in enumerate(blocks):
        if block.lstrip().startswith("| "):
            before = blocks[i - 1].strip() if i and not blocks[i - 1].lstrip().startswith(("| ", "#")) else ""
            out.append((before, block.strip()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    texts, facts, rows = {}, {}, []
    for part in PARTS:
        md, js = RESULTS / f"{part}.md", RESULTS / f"{part}.json"
        if not md.is_file():
            if part not in OPTIONAL:
                rows.append(f"| ({part}: not run) | | |")
            continue
        texts[part] = md.read_text()
        data = json.loads(js.read_text())
        facts[part] = data.get("machine")
        rows += [line for line in section(texts[part], "### Targets").splitlines()
                 if line.startswith("| ") and not line.startswith("| target ")]
    any_facts = next((f for f in facts.values() if f), None)
    summary = []
    if any_facts:
        summary += [f"Machine: {facts_line(any_facts)}", ""]
    summary += ["| target | measured | verdict |", "|---|---|---|", *rows, ""]
    text = "\n".join(summary)
    (RESULTS / "summary.md").write_text(text)
    print(text)
    if not args.readme:
        return
    # README: the summary, then the main tables of each part, each with its machine line
    keep = {"validate": [0], "cli": [0, 1], "jsonl": [0], "jsonl-1gb": [0], "scaling": [0, 1]}
    body = ["Every speed target, from `bash run_all.sh` (each script's machine line gives its date and load):", "",
            "| target | measured | verdict |", "|---|---|---|", *rows, ""]
    titles = {"validate": "In-process: `bench_validate.py --n 2000 --rounds 5`",
              "cli": "Whole process: `bench_cli.py --sizes 1,1000,10000 --runs 10,3,3 --cj-runs 3,1,1`",
              "jsonl": "Batch .jsonl: `bench_jsonl.py --sizes 32,64,128 --runs 3`",
              "jsonl-1gb": "Batch .jsonl, the target sizes: `bench_jsonl.py --sizes 256,512,1024 --runs 1 --name jsonl-1gb`",
              "scaling": "Scaling: `bench_scaling.py`"}
    for part, md in texts.items():
        body += [f"### {titles[part]}", "", f"Machine: {facts_line(facts[part])}" if facts[part] else "", ""]
        found = tables(md.split("### Targets")[0])
        for i in keep[part]:
            if i < len(found):
                before, table = found[i]
                body += ([before, ""] if before and not before.startswith("Machine") else []) + [table, ""]
        lead = {"validate": "Timed with", "jsonl": "Cost per MB", "jsonl-1gb": "Cost per MB"}.get(part)
        paragraph = next((p for p in md.split("\n\n") if lead and p.startswith(lead)), "")
        body += [paragraph, ""] if paragraph else []
    readme = HERE / "README.md"
    current = readme.read_text()
    block = START + "\n" + "\n".join(body).rstrip() + "\n" + END
    if START in current:
        current = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, current, flags=re.S)
    else:
        current = current.replace("LATEST-RESULTS", block)
    readme.write_text(current)
    print(f"updated {readme}")


if __name__ == "__main__":
    main()
