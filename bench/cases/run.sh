#!/usr/bin/env bash
# A real cross-source analysis (issue 11): Reckien et al. (2018)'s plan types of 885 EU cities (in
# ../shared only: no licence to ship them) as the outcome, the Covenant of Mayors memberships the
# demo ships as conditions. Writes only derived figures to RESULTS_DIR/reckien_covenant.txt.
#   bench/cases/run.sh BUILD RESULTS_DIR      (BUILD: a build folder with src/cli/duckweed)
# Needs the npm place data (node_modules/, `make bootstrap`) and DUCKWEED_SHARED_DATA (default
# ../shared/data). Takes about a minute (most of it loading the places).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$(cd "$1" && pwd)/src/cli/duckweed"
results=$2
shared=${DUCKWEED_SHARED_DATA:-$root/../shared/data}
reckien="$shared/cases/reckien2018_eu_city_mitigation_plans.csv"
if [ ! -f "$reckien" ]; then
  echo "bench/cases: $reckien is absent: skipped"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-cases.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/cases.db"
"$root/tools/demo_store.sh" "$bin" "$db" "$work" >"$work/store.log"
dw() { "$bin" --db "$db" "$@"; }
cov="Covenant of Mayors"

# Rows by GeoNames id where there is one, else by name in the country of the Urban Audit code.
python3 - "$reckien" "$work/reckien.csv" <<'PY'
import csv, sys
fix = {"UK": "GB", "EL": "GR"}
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "name", "cc", "plan"])
    for r in rows:
        cc = fix.get(r["urban_audit_city_code"][:2], r["urban_audit_city_code"][:2])
        gid = r["geoname_id"]
        plan = r["mitigation_plan_code"] if r["mitigation_plan_code"] not in ("", "-") else "none"
        w.writerow(["gn:" + gid if gid.isdigit() else "", r["city_name"], cc, plan])
PY
{
  echo "# bench/cases/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD)"
  echo "# Reckien et al. (2018), 885 EU cities: plan types (A1, A2, A3: a stand-alone mitigation plan)"
  dw import table "$work/reckien.csv" --map id=id,name=name,cc=country,plan=attr:plan \
    --levels plan=A1,A2,A3,B,C,D,Pl,Ty,none --on-unknown skip --on-bad-row skip --on-duplicate skip \
    --source-address "Reckien et al. (2018), J. Cleaner Production 191:207-219" | head -3
  sqlite3 "$db" "SELECT territory_id FROM territory_attribute WHERE name = 'plan'" >"$work/ids.txt"
  for outcome in 'A1|A2|A3' 'A1|A2'; do
    echo "## outcome PLAN = plan $outcome"
    dw qca cases --ids-file "$work/ids.txt" --missing drop \
      --lever "COV=member:$cov" --lever "COORD=member:$cov:coordinator" \
      --context "EARLY=joined:$cov<=2012" --context 'BIG=population>=250000' \
      --outcome "PLAN=attr:plan=$outcome" --out "$work/cases.csv" | tail -n 1
    dw qca "$work/cases.csv" -o PLAN --incl-cut 0.7 --cases 2 | sed -n '/outcome: PLAN/,$p'
  done
} | tee "$results/reckien_covenant.txt"
