#!/usr/bin/env bash
# Store part of the demo: a fresh database with France, the world places, the Loos-en-Gohelle data
# and the pioneer towns, then Loos-en-Gohelle's profile.
#   tools/demo_store.sh BIN DB OUTDIR
# BIN: the duckweed executable; DB: database path (replaced); OUTDIR: where the profile is saved.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 BIN DB OUTDIR" >&2
  exit 2
fi
bin=$1
db=$2
out=$3
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm"
dw() { "$bin" --db "$db" "$@"; }

dw init >/dev/null
dw places import france --from "$root/node_modules"
dw places import world --from "$root/node_modules"
dw import indicators "$root/data/indicators.csv"
for group in loos pioneers; do
  for entity in territories observations initiatives; do
    file="$root/data/$group/$entity.csv"
    [ "$entity" = territories ] && [ "$group" = loos ] && file="$root/data/loos/territory.csv"
    dw import "$entity" "$file"
  done
done
# The Covenant of Mayors signatories (JRC, CC BY 4.0; data/cases/README.md): each row a membership
# of the network with its join date and channel, its commitments as categorical attributes.
echo "-- the real case base: 11,973 Covenant of Mayors signatories"
cov="Covenant of Mayors"
dw import table "$root/data/cases/covenant_signatories_2024.csv" --network "$cov" \
  --map organisation_name=name,country_code=country,population_adhesion=population \
  --map organisation_latitude=latitude,organisation_longitude=longitude \
  --map date_of_adhesion=joined,coordinator_name=coordinator,supporter_name=supporter \
  --map commitment_CoM2020_flag=attr:com2020,commitment_CoM2030_flag=attr:com2030 \
  --map commitment_CoM2050_flag=attr:com2050,signatory_status=attr:covenant_status \
  --levels com2020=0,1 --levels com2030=0,1 --levels com2050=0,1 \
  --levels covenant_status=published,on_hold --max-km 50 \
  --on-unknown create --new-id 'com:{organisation_id}' --on-bad-row skip --on-duplicate skip \
  --source-address "JRC (2024) GCoM MyCovenant 5th release, df1 signatories" --licence "CC BY 4.0"
dw territory show "Loos-en-Gohelle" | tee "$out/loos-en-gohelle.txt"
dw --json territory show "Loos-en-Gohelle" >"$out/loos-en-gohelle.json"
