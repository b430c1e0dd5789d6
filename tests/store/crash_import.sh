#!/usr/bin/env bash
# Crash consistency of imports (issue 15): SIGKILLs `duckweed import observations` at random
# moments, ROUNDS times on one backend, and after each kill checks that
#   - the next command works and the store passes its integrity check (`duckweed check`),
#   - the import was all or nothing: every observation row holds the values of the last complete
#     import or of the killed one, never a mixture, and none is missing.
# Two files with the same keys and different values (1.5 and 2.5) alternate, so a partial write
# would show as two distinct values or a short count.
# Usage: crash_import.sh DUCKWEED sqlite|postgresql [PG_URI_FILE]
#   env ROWS (observations per file), ROUNDS (default 20), SEED (default: random, printed),
#   FINAL_IMPORT (default 1; 0 skips the closing full import, which a run at a smaller size checks)
set -euo pipefail
bin=$1 backend=$2 uri_file=${3:-}
rows=${ROWS:-100000} rounds=${ROUNDS:-20} seed=${SEED:-$RANDOM}
RANDOM=$seed
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

if [[ $backend == postgresql ]]; then
  uri=$(cat "$uri_file")
  schema="crash_$$"
  psql -q "$uri" -c "CREATE SCHEMA $schema"
  db="${uri}&options=-csearch_path%3D${schema}"
  query() { psql -qAtX "$db" -F ' ' -c "$1"; }
else
  db="$work/crash.db"
  query() { sqlite3 "$db" "$1" | tr '|' ' '; }
fi

# 10 indicators x 10 years per territory.
territories=$(((rows + 99) / 100))
rows=$((territories * 100))
awk -v n="$territories" 'BEGIN { print "id,name,kind"
  for (t = 0; t < n; t++) printf "fr:c%06d,Town %d,commune\n", t, t }' >t.csv
awk 'BEGIN { print "id,name"; for (i = 0; i < 10; i++) printf "i%d,Indicator %d\n", i, i }' >i.csv
for value in 1.5 2.5; do
  awk -v n="$territories" -v v="$value" 'BEGIN { print "territory,indicator,year,value"
    for (t = 0; t < n; t++) for (i = 0; i < 10; i++) for (y = 0; y < 10; y++)
      printf "fr:c%06d,i%d,%d,%s\n", t, i, 2010 + y, v }' >"o$value.csv"
done
"$bin" --db "$db" import territories t.csv >/dev/null
"$bin" --db "$db" import indicators i.csv >/dev/null

start=$(date +%s%N)
"$bin" --db "$db" import observations o1.5.csv >/dev/null
full_ms=$((($(date +%s%N) - start) / 1000000))
state=1.5
echo "$backend: $rows observations per file, a full import takes ${full_ms} ms; seed $seed"

committed=0 rolled_back=0
for ((round = 1; round <= rounds; round++)); do
  next=$([[ $state == 1.5 ]] && echo 2.5 || echo 1.5)
  delay_ms=$((RANDOM % (full_ms + full_ms / 5 + 1)))
  "$bin" --db "$db" import observations "o$next.csv" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  "$bin" --db "$db" check >/dev/null || { echo "round $round: check failed after a kill at ${delay_ms} ms"; "$bin" --db "$db" check; exit 1; }
  read -r count distinct value < <(query "SELECT count(*), count(DISTINCT value), min(value) FROM observation")
  if [[ $count != "$rows" || $distinct != 1 ]]; then
    echo "round $round: killed at ${delay_ms} ms: $count rows with $distinct distinct values (expected $rows with 1)"
    exit 1
  fi
  value=$(printf '%.1f' "$value")
  if [[ $value == "$next" ]]; then
    committed=$((committed + 1))
  elif [[ $value == "$state" ]]; then
    rolled_back=$((rolled_back + 1))
  else
    echo "round $round: value $value is neither $state nor $next"
    exit 1
  fi
  state=$value
done
if [[ ${FINAL_IMPORT:-1} == 0 ]]; then
  echo "ok: $rounds kills: $committed imports had committed, $rolled_back were rolled back; all or nothing every time"
  [[ $backend == postgresql ]] && query "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
  exit 0
fi
# The next full import works and replaces every value.
next=$([[ $state == 1.5 ]] && echo 2.5 || echo 1.5)
"$bin" --db "$db" import observations "o$next.csv" >/dev/null
read -r count distinct value < <(query "SELECT count(*), count(DISTINCT value), min(value) FROM observation")
[[ $count == "$rows" && $distinct == 1 && $(printf '%.1f' "$value") == "$next" ]] ||
  { echo "final import: $count rows, $distinct values, $value"; exit 1; }
echo "ok: $rounds kills: $committed imports had committed, $rolled_back were rolled back; all or nothing every time"
[[ $backend == postgresql ]] && query "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
exit 0
