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
dw territory show "Loos-en-Gohelle" | tee "$out/loos-en-gohelle.txt"
dw --json territory show "Loos-en-Gohelle" >"$out/loos-en-gohelle.json"
