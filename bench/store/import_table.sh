#!/usr/bin/env bash
# Times `duckweed import table` of the 11,973 Covenant of Mayors signatories (data/cases/) into a
# store holding the France and world places, as tools/demo_store.sh does it.
#   bench/store/import_table.sh BIN [RUNS]
set -euo pipefail
bin=$1
runs=${2:-3}
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --db "$tmp/places.db" places import france --from "$root/node_modules" >/dev/null
"$bin" --db "$tmp/places.db" places import world --from "$root/node_modules" >/dev/null
cov="Covenant of Mayors"
for ((i = 1; i <= runs; i++)); do
  cp "$tmp/places.db" "$tmp/run.db"
  /usr/bin/time -f "run $i: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
    "$bin" --db "$tmp/run.db" import table "$root/data/cases/covenant_signatories_2024.csv" \
    --network "$cov" \
    --map organisation_name=name,country_code=country,population_adhesion=population \
    --map organisation_latitude=latitude,organisation_longitude=longitude \
    --map date_of_adhesion=joined,coordinator_name=coordinator,supporter_name=supporter \
    --map commitment_CoM2020_flag=attr:com2020,commitment_CoM2030_flag=attr:com2030 \
    --map commitment_CoM2050_flag=attr:com2050,signatory_status=attr:covenant_status \
    --levels com2020=0,1 --levels com2030=0,1 --levels com2050=0,1 \
    --levels covenant_status=published,on_hold --max-km 50 \
    --on-unknown create --new-id 'com:{organisation_id}' --on-bad-row skip --on-duplicate skip \
    >/dev/null
done
