#!/usr/bin/env bash
# System-dynamics benchmark (called by tools/run_bench.sh as `run.sh BUILD RESULTS_DIR`): every
# suite model run with the bytecode and with the tree-walking reference evaluator, then a summary
# per model (microseconds per run, wall and CPU; bytecode speed-up over the tree; ratio to
# SDEverywhere's published per-run time where the README gives one) on stdout and in
# RESULTS_DIR/dynamics_summary.csv.
set -euo pipefail
build=${1:-build/bench}
results=${2:-bench/results}
here=$(cd "$(dirname "$0")" && pwd)
export DUCKWEED_SHARED_DATA=${DUCKWEED_SHARED_DATA:-$here/../../../shared/data}
mkdir -p "$results"
echo "== sd_bench"
"$build/bench/sd/sd_bench" --benchmark_out="$results/sd_bench.json" \
  --benchmark_out_format=json
python3 "$here/summarize.py" "$results/sd_bench.json" "$results/dynamics_summary.csv"
