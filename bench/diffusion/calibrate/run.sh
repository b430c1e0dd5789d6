#!/usr/bin/env bash
# Back-test and timing of `duckweed diffuse calibrate` on the Covenant of Mayors (README.md here).
#   bench/diffusion/calibrate/run.sh [BIN] [RESULTS_DIR]
# Builds a scratch store with the France and world places (npm data in node_modules), then runs
# backtest.py. Single-threaded (OMP_NUM_THREADS=1).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${1:-$root/build/release/src/cli/duckweed}
results=${2:-$root/bench/results}
data=${DUCKWEED_SHARED_DATA:-$root/../shared/data}
mkdir -p "$results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" --db "$work/places.db" places import france --from "$root/node_modules" >/dev/null
"$bin" --db "$work/places.db" places import world --from "$root/node_modules" >/dev/null
python3 "$here/backtest.py" "$bin" "$work/places.db" "$data/cases/covenant_signatories_2024.csv" \
  "$results/diffusion_calibrate_backtest.json"
