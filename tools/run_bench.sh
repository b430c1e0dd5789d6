#!/usr/bin/env bash
# Runs every benchmark executable (bench/<module>/*_bench) built in BUILD and writes Google
# Benchmark JSON to bench/results/<name>.json. A module may ship bench/<module>/run.sh, called as
# `run.sh BUILD RESULTS_DIR`, to run peers (graph-tool, R timings) in the same run and report ratios.
set -euo pipefail
build=${1:-build/bench}
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
export DUCKWEED_SHARED_DATA=${DUCKWEED_SHARED_DATA:-$root/../shared/data}
for module_dir in "$root"/bench/*/; do
  module=$(basename "$module_dir")
  [ "$module" = results ] && continue
  if [ -x "$module_dir/run.sh" ]; then
    echo "== bench $module (run.sh)"
    "$module_dir/run.sh" "$build" "$results"
    continue
  fi
  for exe in "$build/bench/$module"/*_bench; do
    [ -x "$exe" ] || continue
    name=$(basename "$exe")
    echo "== bench $name"
    "$exe" --benchmark_out="$results/$name.json" --benchmark_out_format=json
  done
done
echo "results in bench/results/"
