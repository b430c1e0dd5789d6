#!/usr/bin/env bash
# Concurrent writers (issue 15, item 3): WRITERS (16) processes of the real duckweed binary start
# at once on one store. Each imports its own territories and observations (rows no other writer
# touches); the first UPDATERS (8) of them first change one shared observation with
# `observe set ... --if-version 1`, the version they all read before any of them wrote. Then:
#   - every import succeeded and every imported row is there exactly once: the export equals the
#     union of the input files, and every imported row is at version 1 (written once, never twice);
#   - exactly one conditional update won and the UPDATERS-1 others exited 1 with a conflict
#     ("changed since version 1 (now version 2)"): no silent overwrite; the shared observation holds
#     the winner's value at version 2;
#   - `duckweed check` passes.
# SQLite serialises the writers (each waits for the write lock, DUCKWEED_BUSY_TIMEOUT_MS here 120 s);
# PostgreSQL runs them side by side at READ COMMITTED.
# Usage: concurrent_writers.sh DUCKWEED sqlite|postgresql [PG_URI_FILE]
#   env WRITERS (default 16), UPDATERS (default 8), ROWS per writer (default 2000)
set -euo pipefail
bin=$1 backend=$2 uri_file=${3:-}
writers=${WRITERS:-16} updaters=${UPDATERS:-8} rows=${ROWS:-2000}
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-writers.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

if [[ $backend == postgresql ]]; then
  uri=$(cat "$uri_file")
  schema="writers_$$"
  psql -q "$uri" -c "CREATE SCHEMA $schema"
  db="${uri}&options=-csearch_path%3D${schema}"
  query() { psql -qAtX "$db" -F ' ' -c "$1"; }
else
  db="$work/writers.db"
  query() { sqlite3 "$db" "$1" | tr '|' ' '; }
fi
export DUCKWEED_BUSY_TIMEOUT_MS=120000

# The shared observation, at version 1; 10 indicators.
awk 'BEGIN { print "id,name"; for (i = 0; i < 10; i++) printf "i%d,Indicator %d\n", i, i }' >i.csv
printf 'id,name,kind\nfr:shared,Shared,commune\n' >t.csv
printf 'territory,indicator,year,value\nfr:shared,i0,2020,1\n' >o.csv
"$bin" --db "$db" import territories t.csv >/dev/null
"$bin" --db "$db" import indicators i.csv >/dev/null
"$bin" --db "$db" import observations o.csv >/dev/null
"$bin" --db "$db" observe get fr:shared i0 2020 | grep -q ', version 1$' ||
  { echo "the shared observation is not at version 1"; exit 1; }

# Writer w: towns fr:wWtT, 10 indicators x 10 years each, value w*100000 + row number.
towns=$(((rows + 99) / 100))
rows=$((towns * 100))
for ((w = 0; w < writers; w++)); do
  awk -v w="$w" -v n="$towns" 'BEGIN { print "id,name,kind"
    for (t = 0; t < n; t++) printf "fr:w%02dt%03d,Writer %d town %d,commune\n", w, t, w, t }' >"t$w.csv"
  awk -v w="$w" -v n="$towns" 'BEGIN { print "territory,indicator,year,value"; r = 0
    for (t = 0; t < n; t++) for (i = 0; i < 10; i++) for (y = 0; y < 10; y++)
      printf "fr:w%02dt%03d,i%d,%d,%d\n", w, t, i, 2010 + y, w * 100000 + r++ }' >"o$w.csv"
done

writer() {
  local w=$1
  while [[ ! -e go ]]; do sleep 0.005; done
  if ((w < updaters)); then
    "$bin" --db "$db" observe set fr:shared i0 2020 $((1000 + w)) --if-version 1 >"u$w.out" 2>"u$w.err" &&
      echo 0 >"u$w.rc" || echo $? >"u$w.rc"
  fi
  "$bin" --db "$db" import territories "t$w.csv" >/dev/null 2>"w$w.err" &&
    "$bin" --db "$db" import observations "o$w.csv" >/dev/null 2>>"w$w.err" &&
    echo 0 >"w$w.rc" || echo $? >"w$w.rc"
}
pids=()
for ((w = 0; w < writers; w++)); do
  writer "$w" &
  pids+=($!)
done
sleep 0.2  # every writer is waiting at the gate
start=$(date +%s%N)
touch go
for pid in "${pids[@]}"; do wait "$pid"; done
echo "$backend: $writers writers ($updaters also updating one observation), $rows rows each:" \
  "$((($(date +%s%N) - start) / 1000000)) ms"

failed=0
for ((w = 0; w < writers; w++)); do
  if [[ $(cat "w$w.rc") != 0 ]]; then
    echo "writer $w: import failed (exit $(cat "w$w.rc")): $(cat "w$w.err")"
    failed=1
  fi
done
won=0 conflicts=0
for ((w = 0; w < updaters; w++)); do
  rc=$(cat "u$w.rc")
  if [[ $rc == 0 ]]; then
    won=$((won + 1)) winner=$w
  elif [[ $rc == 1 ]] && grep -q 'changed since version 1 (now version 2); read it again and retry' "u$w.err"; then
    conflicts=$((conflicts + 1))
  else
    echo "updater $w: exit $rc, not a conflict: $(cat "u$w.err")"
    failed=1
  fi
done
if [[ $won != 1 || $conflicts != $((updaters - 1)) ]]; then
  echo "expected 1 update to win and $((updaters - 1)) conflicts, found $won and $conflicts"
  exit 1
fi
((failed == 0)) || exit 1
got=$("$bin" --db "$db" observe get fr:shared i0 2020)
[[ $got == "fr:shared i0 2020 (result) = $((1000 + winner)), version 2" ]] ||
  { echo "shared observation: expected writer $winner's value at version 2, found: $got"; exit 1; }

# Every committed row once, with its value: the export is the union of the inputs.
"$bin" --db "$db" export observations >export.csv
{
  echo "fr:shared,i0,2020,result,$((1000 + winner)),,"
  for ((w = 0; w < writers; w++)); do tail -n +2 "o$w.csv" | sed 's/^\([^,]*,[^,]*,[^,]*\),\(.*\)$/\1,result,\2,,/'; done
} | LC_ALL=C sort >expected.csv
tail -n +2 export.csv | LC_ALL=C sort >got.csv
if ! cmp -s expected.csv got.csv; then
  echo "the store's observations differ from the writers' files:"
  diff expected.csv got.csv | head -20
  exit 1
fi
read -r total twice < <(query "SELECT count(*), count(CASE WHEN version <> 1 THEN 1 END) FROM observation WHERE territory_id <> 'fr:shared'")
[[ $total == $((writers * rows)) && $twice == 0 ]] ||
  { echo "expected $((writers * rows)) imported rows at version 1, found $total rows, $twice written more than once"; exit 1; }
"$bin" --db "$db" check >/dev/null || { "$bin" --db "$db" check; exit 1; }
echo "ok: $((writers * rows)) rows from $writers writers, each once; 1 update won, $conflicts conflicts; check passes"
[[ $backend == postgresql ]] && query "DROP SCHEMA $schema CASCADE" >/dev/null
exit 0
