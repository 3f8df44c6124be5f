#!/usr/bin/env bash
# Every benchmark of bench/, in one run (about 12 minutes on a 2-core machine):
#   bash bench/run_all.sh
# Builds bench/.venv on first use (PYTHON=python3.11 to choose the interpreter). Results go to
# bench/results/ (git-ignored); results/summary.md gathers every target with its verdict.
set -euo pipefail
cd "$(dirname "$0")"
SEED=${SEED:-20251123}
if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
  .venv/bin/pip install -q -r requirements.txt
  .venv/bin/pip install -q -e ..
fi
command -v hyperfine >/dev/null || echo "note: hyperfine not found (apt-get install hyperfine); bench_cli.py times with a python loop" >&2
PY=.venv/bin/python
$PY make_schema.py
# The 10,000-file corpus, and the check that claude-lint agrees with every label (no error on an
# unlabelled request, an error on each planted defect). A disagreement is reported, not fatal.
if [ ! -f "corpus_out/files-$SEED/manifest.jsonl" ] || [ "$(wc -l < "corpus_out/files-$SEED/manifest.jsonl")" -lt 10000 ]; then
  rm -rf "corpus_out/files-$SEED"
  $PY corpus.py --n 10000 --seed "$SEED" --out "corpus_out/files-$SEED" --check | tee results/corpus-check.txt || echo "corpus label check: see above" >&2
else
  $PY corpus.py --n 10000 --seed "$SEED" --check | tee results/corpus-check.txt || echo "corpus label check: see above" >&2
fi
$PY bench_validate.py --n 2000 --rounds 5 --seed "$SEED"
$PY bench_cli.py --sizes 1,1000,10000 --runs 10,3,3 --cj-runs 3,1,1 --seed "$SEED"
$PY bench_jsonl.py --sizes 32,64,128 --runs 3 --seed "$SEED"
$PY bench_scaling.py --seed "$SEED"
$PY profile_validate.py --n 500 --seed "$SEED"
$PY report.py   # results/summary.md; `report.py --readme` also refreshes the table in README.md
