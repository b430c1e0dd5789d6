#!/usr/bin/env bash
# Runs the QCA minimisation benchmark and writes, next to its Google Benchmark JSON, the ratio to
# the R QCA peer's recorded times (../shared/data/qca/perf/README.md; R gave no answer beyond 14
# conditions). Usage: run.sh BUILD RESULTS_DIR
set -euo pipefail
build=$1
results=$2
exe="$build/bench/qca/qca_minimize_bench"
"$exe" --benchmark_out="$results/qca_minimize_bench.json" --benchmark_out_format=json
python3 - "$results/qca_minimize_bench.json" > "$results/qca_vs_R.txt" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print("problem                 ours_ms    R_s      speedup  models  terms")
for b in doc["benchmarks"]:
    ms = b["real_time"] if b.get("time_unit") == "ms" else b["real_time"] / 1e6
    r = b.get("r_seconds", 0)
    ratio = f"{r * 1000 / ms:8.0f}x" if r else "   (R: no answer)"
    print(f"{b['label']:<22} {ms:9.2f} {r:8.1f} {ratio}  {b['models']:6.0f} {b['terms']:5.0f}")
PY
cat "$results/qca_vs_R.txt"
