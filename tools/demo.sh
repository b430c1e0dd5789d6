#!/usr/bin/env bash
# The main job on the embedded default: a fresh SQLite database with real places and the Loos data,
# then the pipeline — observe, evaluate, extract recipes, transfer, diffuse, model the ecosystem.
#   tools/demo.sh BIN DB OUTDIR
set -euo pipefail
bin=$1
db=$2
out=$3
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$(dirname "$db")" "$out"
dw() { "$bin" --db "$db" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Observe: real places, the Loos-en-Gohelle trajectory and the pioneer towns"
"$root/tools/demo_store.sh" "$bin" "$db" "$out"

step "2. Evaluate Loos-en-Gohelle systemically (HTML report with SVG charts)"
dw evaluate fr:62528 --indicators "$root/examples/evaluate/loos_indicators.csv" \
   --observations "$root/data/loos/observations.csv" \
   --capacity "$root/examples/evaluate/capacity.json" --carry-forward 10 --out "$out/evaluation"

step "3. Extract the source code: QCA over the pioneer towns' case base in the store"
echo "-- what goes with co-producing projects with residents (involvement co-produce or citizen-led)?"
dw qca cases --all-with-initiatives --missing drop --condition 'SMALL=population<10000' \
   --condition DE=country:DE --condition FR=country:FR --condition ENERGY=initiative:energy \
   --outcome 'COOP=initiative:*:co-produce' --out "$out/cases.csv"
dw qca "$out/cases.csv" -o COOP --save-recipes "$out/recipes.json" | sed -n '/parsimonious solution/,$p'
dw qca robustness "$out/cases.csv" -o COOP --incl-cuts 0.6,0.7,0.8,0.9,1 --n-cuts 1,2 \
   --solution parsimonious

step "4. Transfer: what a second town (Malaunay) has and lacks of each recipe"
dw transfer Malaunay --recipes "$out/recipes.json" --data "$out/cases.csv" --out "$out/transfer"

step "5. Diffuse: the Loos recipe over French communes, concentric vs long-range network"
dw graph places --out "$out/fr" | tail -n 6
dw diffuse compare --places "$out/fr" --channels concentric,long-range,all --seed-names Loos-en-Gohelle \
   --model si --beta 0.2 --replicas 100 --seed 1 --out "$out/diffusion"
echo "-- the same with a cordon sanitaire: neighbours within two hops resist (0.8)"
dw diffuse compare --places "$out/fr" --channels concentric,all --seed-names Loos-en-Gohelle \
   --model si --beta 0.2 --cordon 0.8 --cordon-hops 2 --replicas 100 --seed 1
echo "-- where to plant the first five stem cells (influence maximisation, independent cascade)"
dw diffuse run --graph "$out/fr.all.dwg" --nodes "$out/fr.nodes.csv" --model ic --weighted-cascade \
   --seed-strategy imm --seed-count 5 --replicas 1000 --seed 1 --geojson "$out/diffusion/imm.geojson"

step "6. Model the ecosystem: XMILE stock-and-flow model and the residents' cognitive map"
dw sd run "$root/examples/loos/ecosystem.xmile" --out "$out/ecosystem.csv"
echo "wrote $out/ecosystem.csv ($(wc -l <"$out/ecosystem.csv") rows)"
echo "-- feedback loops, and which one drives the ecosystem when (Loops That Matter)"
dw sd loops "$root/examples/loos/ecosystem.xmile" --dominance
dw sd equilibria "$root/examples/loos/ecosystem.xmile" --physical-only
L="$root/examples/loos"
echo "-- residents' map: what if citizen involvement were at its maximum? (scenario - baseline)"
dw fcm scenario "$L/ecosystem_fcm.csv" --concepts "$L/ecosystem_concepts.csv" --keep-sources \
   --clamp citizen_involvement=1
echo "-- three stakeholder maps aggregated (residents weighted double), then participation fatigue"
dw fcm aggregate "$L/ecosystem_fcm_residents.csv" "$L/ecosystem_fcm_employees.csv" \
   "$L/ecosystem_fcm_officials.csv" --credibility 2,1,1 --out "$out/loos_collective.json"
dw fcm scenario "$out/loos_collective.json" --keep-sources --clamp participation_fatigue=1

printf '\nDemo outputs are in %s\n' "$out"

# The dashboard over the demo store. DUCKWEED_DEMO_SERVE=auto (default) serves when run from a terminal
# (Ctrl-C stops it), yes always, no never; the port is DUCKWEED_DEMO_PORT (default 8080).
web="${DUCKWEED_WEB_DIR:-$root/build/release/web/dist}"
port="${DUCKWEED_DEMO_PORT:-8080}"
serve=("$bin" --db "$db" serve --host 127.0.0.1 --port "$port" --static "$web")
mode="${DUCKWEED_DEMO_SERVE:-auto}"
[ "$mode" = auto ] && { [ -t 0 ] && [ -t 1 ] && mode=yes || mode=no; }
"$bin" --help | grep -q '^ *serve ' || { echo "(this build has no 'duckweed serve' yet: no dashboard)"; exit 0; }
step "7. The dashboard: http://127.0.0.1:$port/ (Loos-en-Gohelle's town page)"
if [ "$mode" = yes ]; then
  exec "${serve[@]}"
fi
echo "not serving (not a terminal, or DUCKWEED_DEMO_SERVE=no); to serve: ${serve[*]}"
