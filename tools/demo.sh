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

step "2. Evaluate Loos-en-Gohelle systemically (the dashboard's town page, offline, in one HTML file)"
dw evaluate fr:62528 --indicators "$root/examples/evaluate/loos_indicators.csv" \
   --observations "$root/data/loos/observations.csv" \
   --capacity "$root/examples/evaluate/capacity.json" --carry-forward 10 --out "$out/evaluation"
# What the evaluation found, in plain words, read from its own JSON (so the words cannot drift from it).
python3 - "$out/evaluation/evaluation.json" "$root/src/evaluate/domains.json" <<'PY' | fold -s -w 100
import json, sys
doc, taxonomy = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
name = {d["id"]: d["name"] for d in taxonomy["domains"]}
s = doc["scores"]
full = [r for r in s["systemic"] if r["choquet"] is not None]
print("Found: the observations (data/loos/observations.csv, each with its source) scored with the value "
      "functions of examples/evaluate/loos_indicators.csv: anchors an analyst chose (e.g. 6 fifty-fifty "
      "projects a year = 1), not targets the commune set.")
if full:
    last = full[-1]
    y = str(last["year"])
    parts = [f"{name[d]} {v['years'][y]['score']:.2f} ({v['years'][y]['indicators']} indicator"
             f"{'s' if v['years'][y]['indicators'] > 1 else ''})"
             for d, v in s["domains"].items() if v["years"].get(y, {}).get("score") is not None]
    print(f"In {y}: " + ", ".join(parts) + ".")
    print(f"Systemic score (Choquet) {last['choquet']:.2f} = stand-alone sum {last['standalone_sum']:.2f} "
          f"+ surplus {last['surplus']:.2f}; the Shapley-weighted sum is {last['weighted_sum']:.2f}, so the "
          f"unbalanced profile costs {-last['balance']:.2f}. Every domain of the capacity has a score in "
          + ", ".join(str(r["year"]) for r in full) + " (older figures carried forward up to 10 years).")
    early = [r for r in s["systemic"] if r["choquet"] is None]
    for r in early:
        print(f"In {r['year']} no systemic score: no figure yet for " + ", ".join(name[d] for d in r["missing"]) + ".")
else:
    print("No year has a score for every domain of the capacity, so there is no systemic score.")
never = [name[d] for d, v in s["domains"].items() if all(x["score"] is None for x in v["years"].values())]
if never:
    print("Not scored at all, since none of their figures has a value function in loos_indicators.csv "
          "(the town page says, for each, what is missing): " + ", ".join(never) + ".")
PY

step "3. Extract the source code: QCA over the Covenant of Mayors signatories in the store"
cov="Covenant of Mayors"
echo "-- two results a signatory can reach: the ambitious 2030 commitment (at least -40 % CO2 by"
echo "-- 2030), and still being active in 2024 (status 'published', not 'on hold'). Which"
echo "-- combinations of joining through a coordinator or a supporter (levers), size and an early"
echo "-- adhesion (context) go with each?"
conditions=(--lever "COORD=member:$cov:coordinator" --lever "SUPP=member:$cov:supporter"
            --context 'SMALL=population<10000' --context "EARLY=joined:$cov<=2012")
mine() {  # NAME OUTCOME_SPEC CASES_CSV INCL_CUT RESULT_WORDS SHORT_WORDS
  local outcome=${2%%=*}
  dw qca cases --network "$cov" --missing drop "${conditions[@]}" --outcome "$2" --out "$3" \
     >/dev/null 2>&1
  dw qca "$3" -o "$outcome" --incl-cut "$4" --cases 3 --save-recipe "$1" "${extra[@]}" |
     sed -n '/parsimonious solution/,$p'
  dw --json recipes show "$1" >"$out/$1.json"
  python3 "$root/tools/demo_found.py" "$out/$1.json" "$3" "$5" "$6" | fold -s -w 100
}
extra=(--save-recipes "$out/recipes.json")
mine covenant-2030 'AMB2030=attr:com2030=1' "$out/cases.csv" 0.7 "took the 2030 commitment" "took it"
echo "(the 2030 commitment only exists since 2015, so an early adhesion is context, not a lever)"
extra=()
mine covenant-active 'ACTIVE=attr:covenant_status=published' "$out/cases_active.csv" 0.8 \
     "were still active in 2024" "were active"

step "4. Transfer: which levers Loos-en-Gohelle and Tours could act on"
echo "-- Loos-en-Gohelle (6,799 inhabitants) joined the Covenant directly in 2015 and is on hold;"
echo "-- each recipe is rerun on the store, Loos compared with the signatories of its context"
dw transfer Loos-en-Gohelle --recipe covenant-active
echo
dw transfer Loos-en-Gohelle --recipe covenant-2030
echo
echo "-- Tours (139,000 inhabitants) joined directly in 2015 without the 2030 commitment"
dw transfer Tours --recipe covenant-2030
dw transfer Loos-en-Gohelle --recipes "$out/recipes.json" --data "$out/cases.csv" \
   --context SMALL,EARLY --out "$out/transfer" >/dev/null
echo "transfer sheet (the 2030 recipe) written to $out/transfer/index.html"

step "5. Diffuse: the Loos recipe over French communes, concentric vs long-range network"
dw graph places --out "$out/fr" | tail -n 6
dw diffuse compare --places "$out/fr" --channels concentric,long-range,all --seed-names Loos-en-Gohelle \
   --model si --beta 0.2 --replicas 100 --seed 1 --out "$out/diffusion"
echo "-- the same with a cordon sanitaire: neighbours within two hops resist (0.8)"
dw diffuse compare --places "$out/fr" --channels concentric,all --seed-names Loos-en-Gohelle \
   --model si --beta 0.2 --cordon 0.8 --cordon-hops 2 --replicas 100 --seed 1
echo "-- in calendar years: the hazard model fitted on the Covenant's 11,973 join dates (2008-2023;"
echo "-- candidates: the store's places of the signatories' countries), then run from Loos over the"
echo "-- French communes, the model's distance effect carried by each network's links"
dw --json diffuse calibrate --adoptions "$root/data/cases/covenant_signatories_2024.csv" \
   --id-column organisation_id --date-column date_of_adhesion --lat-column organisation_latitude \
   --lon-column organisation_longitude --group-columns coordinator_name,supporter_name,country_code \
   --fit-until 2023 --replicas 20 > "$out/covenant_model.json"
dw diffuse compare --places "$out/fr" --channels concentric,all --seed-names Loos-en-Gohelle \
   --calibrated "$out/covenant_model.json" --calibrated-model distance --from-year 2024 \
   --until-year 2045 --replicas 50 --seed 1 --reach 1,2
echo "Found: at the pace the Covenant grew, from Loos alone about 1,000-1,300 French communes (3-4 %)"
echo "would join by 2045; through the networks (all) 2 % by 2032 rather than 2036 in circles alone."
echo "-- with receptivity from the Loos recipe (covenant-2030, COORD*~SMALL*~EARLY), its case base"
echo "-- query rerun on every commune: each commune's yearly hazard times its membership. Full"
echo "-- membership needs the lever COORD (joined through a coordinator), which no commune outside"
echo "-- the Covenant has; its context (~SMALL*~EARLY: 10,000 inhabitants or more) says who it fits"
reach_words() {  # LABEL JSON: the calendar-year reach of the 'all' network in plain words
  python3 - "$1" "$2" <<'PY'
import json, sys
label, doc = sys.argv[1], json.load(open(sys.argv[2]))
c = doc["channels"][0]
until = c["years"][-1]["year"]
parts = []
for r in c["reach"]:
    share = f"{100 * r['fraction']:g} %" + ("" if parts else
                                           f" of the network's {c['nodes']} French communes")
    share += f" ({r['target']})"
    if r["year"] is None:
        never = 100 * (1 - r["replicas_reached"] / doc["replicas"])
        parts.append(f"{share} not by {until} in {never:.0f} % of replicas")
    else:
        hi = r["hi"] if r["hi"] is not None else f"after {until}"
        parts.append(f"{share} by {r['year']}, 90 % interval {r['lo']}\u2013{hi}")
rec = doc.get("receptivity")
if rec:
    label += f" (mean {rec['mean_membership']:.2f}, {100 * rec['share_above_half']:.0f} % above 0.5)"
print(f"{label}: " + "; ".join(parts) + ".")
PY
}
for receptivity in none membership context; do
  args=()
  [[ $receptivity != none ]] &&
    args=(--receptivity-recipe covenant-2030 --receptivity-of "$receptivity")
  dw --json diffuse compare --places "$out/fr" --channels all --seed-names Loos-en-Gohelle \
     --calibrated "$out/covenant_model.json" --calibrated-model distance --from-year 2024 \
     --until-year 2045 --replicas 50 --seed 1 --reach 0.25,0.5,1 "${args[@]}" \
     >"$out/diffusion/receptivity_$receptivity.json"
  case $receptivity in
    none) label="Without receptivity" ;;
    membership) label="With receptivity = membership in the Loos recipe" ;;
    context) label="With receptivity = fit with the Loos recipe's context" ;;
  esac
  reach_words "$label" "$out/diffusion/receptivity_$receptivity.json" | fold -s -w 100
done
echo "Found: as a recipe, it does not spread by itself: it needs a coordinator, which no commune"
echo "outside the Covenant has. Among the communes whose situation fits it (about 1,000 of 10,000"
echo "inhabitants or more) it reaches 88 by about 2030 instead of 2025, and 175 only around 2040."
echo "-- where to plant the first five stem cells (influence maximisation, independent cascade)"
dw diffuse run --graph "$out/fr.all.dwg" --nodes "$out/fr.nodes.csv" --model ic --weighted-cascade \
   --seed-strategy imm --seed-count 5 --replicas 1000 --seed 1 --geojson "$out/diffusion/imm.geojson"
echo "-- the same with receptivity: each commune weighted by its fit with the Loos recipe's context"
dw diffuse run --graph "$out/fr.all.dwg" --nodes "$out/fr.nodes.csv" --model ic --weighted-cascade \
   --seed-strategy imm --seed-count 5 --replicas 1000 --seed 1 \
   --receptivity-recipe covenant-2030 --receptivity-of context | grep -E '^(final size|seed places)'

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
serve=("$bin" --db "$db" serve --host 127.0.0.1 --port "$port" --static "$web"
  --capacity "$root/examples/evaluate/capacity.json" --indicators "$root/examples/evaluate/loos_indicators.csv"
  --carry-forward 10 --recipes "$out/recipes.json" --cases "$out/cases.csv"
  --places "$out/fr" --models "$root/examples/loos" --calibrated "$out/covenant_model.json")
mode="${DUCKWEED_DEMO_SERVE:-auto}"
[ "$mode" = auto ] && { [ -t 0 ] && [ -t 1 ] && mode=yes || mode=no; }
"$bin" --help | grep '^ *serve ' >/dev/null || { echo "(this build has no 'duckweed serve' yet: no dashboard)"; exit 0; }
step "7. The dashboard: http://127.0.0.1:$port/ (Loos-en-Gohelle's town page)"
if [ "$mode" = yes ]; then
  exec "${serve[@]}"
fi
echo "not serving (not a terminal, or DUCKWEED_DEMO_SERVE=no); to serve: ${serve[*]}"
