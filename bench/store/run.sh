#!/usr/bin/env bash
# Store backends side by side (issue 15): importing 1,000,000 observations, and a town page's reads
# (`territory show`: the territory, its memberships, trajectory, initiatives and 5 neighbours),
# on SQLite and on a throwaway PostgreSQL cluster (tests/support/pg_cluster.sh: Unix socket,
# fsync off). Writes RESULTS_DIR/store_backends.txt. Not a test: times depend on the machine.
# Usage: run.sh BUILD RESULTS_DIR   (env: TOWNS, default 10000 -> 100 observations each; PAGES, 50)
set -euo pipefail
build=$1
results=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$(cd "$build" && pwd)/src/cli/duckweed"
mkdir -p "$results"
results=$(cd "$results" && pwd)
towns=${TOWNS:-10000} pages=${PAGES:-50}
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-store-bench.XXXXXX")
"$root/tests/support/pg_cluster.sh" start "$work/pg"
trap '"$root/tests/support/pg_cluster.sh" stop "$work/pg"; rm -rf "$work"' EXIT
cd "$work"

# Towns in 100 EPCIs in 10 départements, on a grid of coordinates; 10 indicators x 10 years each.
awk -v n="$towns" 'BEGIN { print "id,name,kind,population,latitude,longitude,parents"
  for (d = 0; d < 10; d++) printf "fr-dep:%02d,Dep %d,departement,,,,\n", d, d
  for (e = 0; e < 100; e++) printf "fr-epci:%03d,EPCI %d,epci,,,,fr-dep:%02d\n", e, e, e % 10
  for (t = 0; t < n; t++) printf "fr:c%06d,Town %d,commune,%d,%.5f,%.5f,fr-epci:%03d|fr-dep:%02d\n",
    t, t, 500 + (t * 7919) % 90000, 43 + (t % 100) * 0.05, (t / 100) * 0.05 - 1, t % 100, (t % 100) % 10 }' >t.csv
awk 'BEGIN { print "id,name,unit"; for (i = 0; i < 10; i++) printf "i%d,Indicator %d,u\n", i, i }' >i.csv
awk -v n="$towns" 'BEGIN { print "territory,indicator,year,value,source"
  for (t = 0; t < n; t++) for (i = 0; i < 10; i++) for (y = 0; y < 10; y++)
    printf "fr:c%06d,i%d,%d,%.6g,https://example.org/%d\n", t, i, 2010 + y, (t * 31 + i * 7 + y) / 3.0, i }' >o.csv
observations=$(($(wc -l <o.csv) - 1))

uri=$(cat "$work/pg/uri")
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
report="$results/store_backends.txt"
{
  echo "store backends, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
  printf '%-11s %14s %10s %16s %14s\n' backend "import (s)" "rows/s" "peak RSS (MiB)" "town page (ms)"
} >"$report"
for backend in sqlite postgresql; do
  db=$([[ $backend == sqlite ]] && echo "$work/bench.db" || echo "$uri")
  "$bin" --db "$db" import territories t.csv >/dev/null
  "$bin" --db "$db" import indicators i.csv >/dev/null
  start=$(date +%s%N)
  /usr/bin/time -f '%M' -o rss.txt "$bin" --db "$db" import observations o.csv >/dev/null
  import_s=$(seconds "$start" "$(date +%s%N)")
  rss_mib=$(($(cat rss.txt) / 1024))
  start=$(date +%s%N)
  for ((p = 0; p < pages; p++)); do
    "$bin" --db "$db" territory show "fr:c$(printf '%06d' $(((p * 7717) % towns)))" >/dev/null
  done
  page_ms=$(awk -v a="$start" -v b="$(date +%s%N)" -v n="$pages" 'BEGIN { printf "%.1f", (b - a) / 1e6 / n }')
  rate=$(awk -v n="$observations" -v s="$import_s" 'BEGIN { printf "%.0f", n / s }')
  printf '%-11s %14s %10s %16s %14s\n' "$backend" "$import_s" "$rate" "$rss_mib" "$page_ms" >>"$report"
done
echo "($observations observations; a town page is one 'duckweed territory show' process, averaged over $pages towns)" >>"$report"
cat "$report"
