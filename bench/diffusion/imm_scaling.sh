#!/usr/bin/env bash
# IMM (k = 50, IC weighted cascade, epsilon 0.5) on a Barabási–Albert graph, 1 vs 2 threads (and
# more when the machine has them): wall time of the whole `diffuse run` (1 replica, so the Monte
# Carlo is negligible) and the seeds, which must be the same for every thread count (issue 12).
#   bench/diffusion/imm_scaling.sh BIN [NODES] [THREADS...]
set -euo pipefail
bin=$1 n=${2:-100000}
shift $(( $# >= 2 ? 2 : 1 ))
threads=("${@:-1 2}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" graph generate ba --n "$n" --m 5 --seed 1 --out "$tmp/ba.dwg" >/dev/null
for t in ${threads[@]}; do
  start=$(date +%s.%N)
  "$bin" diffuse run --graph "$tmp/ba.dwg" --model ic --weighted-cascade --seed-strategy imm \
    --seed-count 50 --replicas 1 --seed 1 --threads "$t" --json > "$tmp/$t.json"
  end=$(date +%s.%N)
  python3 - "$tmp/$t.json" "$t" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"threads {sys.argv[2]}: {float(sys.argv[4]) - float(sys.argv[3]):.2f} s wall, "
      f"{r['inputs']['seeds_source']}, seeds {r['seeds'][:5]}...")
PY
done
first=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['seeds'])" "$tmp/${threads[0]%% *}.json")
for t in ${threads[@]}; do
  [[ $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['seeds'])" "$tmp/$t.json") == "$first" ]] ||
    { echo "seeds differ on $t threads" >&2; exit 1; }
done
echo "same 50 seeds on every thread count"
