#!/usr/bin/env bash
# Diffusion benchmarks with their peers in the same run (called by tools/run_bench.sh as
# `run.sh BUILD RESULTS_DIR`): Google Benchmark JSON for duckweed, then graph-tool and numpy on
# the same inputs, and check_peer.py's speed ratio and final-size-law comparison per case.
# Environment: PEER_REPLICAS (graph-tool, 1M-node cases; default 3), OUR_REPLICAS (default 10).
set -euo pipefail
build=${1:-build/bench}
results=${2:-bench/results}
here=$(cd "$(dirname "$0")" && pwd)
data=${DUCKWEED_SHARED_DATA:-$here/../../../shared/data}
py=/usr/bin/python3  # Debian's interpreter: python3-graph-tool is installed for it
mkdir -p "$results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=1

for exe in ic_bench epidemic_bench; do
  echo "== diffusion_$exe"
  DUCKWEED_SHARED_DATA=$data "$build/bench/diffusion/diffusion_$exe" \
    --benchmark_out="$results/diffusion_$exe.json" --benchmark_out_format=json
done

echo "== memory: 1M-node, 10M-edge graph (peak RSS of a fresh process loading its cache)"
"$build/bench/diffusion/diffusion_memory_probe" write "$work/g1m10m.dwg"
"$build/bench/diffusion/diffusion_memory_probe" load "$work/g1m10m.dwg" \
  | tee "$results/diffusion_memory.json"
"$py" -c "import json,sys; m=json.load(open('$results/diffusion_memory.json')); \
sys.exit(0 if m['peak_rss_after_load_MiB'] < m['limit_MiB'] else 1)" || { echo "over 200 MiB"; memory_status=1; }
rm -f "$work/g1m10m.dwg"

echo "== IC on NetHEPT: peers (CPU time per replica)"
"$py" "$here/peer_graph_tool.py" ic --nethept "$data/graphs" --replicas 2000 --tool numpy \
  > "$results/diffusion_peer_ic_numpy.json"
"$py" "$here/peer_graph_tool.py" ic --nethept "$data/graphs" --replicas 200 \
  > "$results/diffusion_peer_ic_graph_tool.json"
"$py" - "$results" <<'PY'
import json, sys
r = sys.argv[1]
ours = json.load(open(f"{r}/diffusion_ic_bench.json"))["benchmarks"][0]
us = ours["us_per_replica"] if "us_per_replica" in ours else None
for name in ("numpy", "graph_tool"):
    peer = json.load(open(f"{r}/diffusion_peer_ic_{name}.json"))
    p_us = peer["seconds_per_replica"] * 1e6
    print(f"IC NetHEPT  duckweed {us:8.1f} us  {peer['tool']:>10} {p_us:9.1f} us  "
          f"ratio {p_us / us:6.1f}x   means {ours['mean_spread']:.1f} vs {peer['mean']:.1f} "
          f"+/- {peer['stderr']:.1f}")
PY

echo "== SI/SIR on 1M-node graphs: duckweed vs graph-tool"
: > "$results/diffusion_peer_epidemic.jsonl"
status=0
for graph in er ba; do
  for model in si sir; do
    "$build/bench/diffusion/diffusion_peer_compare" "$graph" "$model" "${OUR_REPLICAS:-10}" \
      "$work" > "$work/ours.json"
    seeds=$("$py" -c "import json;print(','.join(map(str,json.load(open('$work/ours.json'))['seeds'])))")
    edges=$("$py" -c "import json;print(json.load(open('$work/ours.json'))['edges_file'])")
    "$py" "$here/peer_graph_tool.py" epidemic --edges "$edges" --nodes 1000000 --model "$model" \
      --seeds "$seeds" --replicas "${PEER_REPLICAS:-3}" > "$work/peer.json"
    "$py" "$here/check_peer.py" "$work/ours.json" "$work/peer.json" \
      | tee -a "$results/diffusion_peer_epidemic.jsonl" || status=1
  done
done
exit $((status | ${memory_status:-0}))
