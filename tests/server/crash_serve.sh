#!/usr/bin/env bash
# Crash consistency of the server (issue 15, item 4, the server half): `duckweed serve` is killed
# (SIGKILL) while WRITERS clients POST observations at once, ROUNDS times, each at a random moment.
# After each kill:
#   - the store passes its integrity check (`duckweed check`);
#   - every write the server acknowledged (201) is in the store exactly once, with exactly one
#     audit row; a write sent but not acknowledged is there at most once (it may have committed
#     just before the kill), and then with its audit row: observations and audit rows of the round
#     are the same set of keys, each once (a write and its audit entry are one transaction);
#   - the next command works: the server starts again on the store and takes a write.
# Usage: crash_serve.sh DUCKWEED sqlite|postgresql [PG_URI_FILE]
#   env ROUNDS (default 4), WRITERS (default 8), SEED (default: random, printed)
set -euo pipefail
bin=$1 backend=$2 uri_file=${3:-}
rounds=${ROUNDS:-4} writers=${WRITERS:-8} seed=${SEED:-$RANDOM}
RANDOM=$seed
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-crash-serve.XXXXXX")
server=0
cleanup() {
  [[ $server != 0 ]] && kill -KILL "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

if [[ $backend == postgresql ]]; then
  uri=$(cat "$uri_file")
  schema="crash_serve_$$"
  psql -q "$uri" -c "CREATE SCHEMA $schema"
  db="${uri}&options=-csearch_path%3D${schema}"
  query() { psql -qAtX "$db" -F ' ' -c "$1"; }
  detail() { echo "(detail::json->>'$1')"; }
else
  db="$work/crash.db"
  query() { sqlite3 "$db" "$1" | tr '|' ' '; }
  detail() { echo "json_extract(detail, '\$.$1')"; }
fi

awk -v n="$rounds" 'BEGIN { print "id,name,kind"; for (r = 0; r <= n; r++) printf "fr:r%d,Round %d,commune\n", r, r }' >t.csv
awk -v n="$writers" 'BEGIN { print "id,name"; for (i = 0; i < n; i++) printf "i%d,Indicator %d\n", i, i }' >i.csv
"$bin" --db "$db" import territories t.csv >/dev/null
"$bin" --db "$db" import indicators i.csv >/dev/null
token=$("$bin" --db "$db" --json user add crash --role admin | sed -n 's/.*"token": "\(.*\)".*/\1/p')

start_server() {
  : >serve.out
  "$bin" --db "$db" serve --port 0 --threads 8 >serve.out 2>serve.err &
  server=$!
  for _ in $(seq 1 200); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.out)
    [[ -n $port ]] && return 0
    sleep 0.05
  done
  echo "the server did not start: $(cat serve.err)"
  exit 1
}

# post TERRITORY INDICATOR YEAR VALUE: prints the HTTP status (000: no answer).
post() {
  curl -s -o /dev/null -w '%{http_code}' -m 10 -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d "{\"territory\":\"$1\",\"indicator\":\"$2\",\"year\":$3,\"value\":$4}" \
    "http://127.0.0.1:$port/api/v1/observations" || true
}

# One writer: distinct keys (its indicator, years from 1800) until the server stops answering.
writer() {
  local round=$1 w=$2 n=0 code
  : >"tried.$w" && : >"acked.$w"
  while ((n < 400)); do
    echo "fr:r$round i$w $((1800 + n))" >>"tried.$w"
    code=$(post "fr:r$round" "i$w" $((1800 + n)) "$n")
    [[ $code == 201 ]] && echo "fr:r$round i$w $((1800 + n))" >>"acked.$w"
    [[ $code == 000 ]] && break
    [[ $code != 201 ]] && { echo "writer $w: HTTP $code" >>errors; break; }
    n=$((n + 1))
  done
}

total_acked=0 total_unacked_committed=0
for ((round = 1; round <= rounds; round++)); do
  start_server
  pids=()
  for ((w = 0; w < writers; w++)); do
    writer "$round" "$w" &
    pids+=($!)
  done
  delay_ms=$((300 + RANDOM % 900))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$server"
  wait "$server" 2>/dev/null || true
  server=0
  for p in "${pids[@]}"; do wait "$p"; done
  [[ -s errors ]] && { echo "round $round: a write was refused:"; cat errors; exit 1; }
  "$bin" --db "$db" check >/dev/null || { echo "round $round: check failed"; "$bin" --db "$db" check; exit 1; }
  cat acked.* | sort >acked
  cat tried.* | sort >tried
  query "SELECT territory_id, indicator_id, year FROM observation WHERE territory_id = 'fr:r$round'" | sort >stored
  query "SELECT $(detail territory), $(detail indicator), $(detail year) FROM audit WHERE territory_id = 'fr:r$round'" | sort >audited
  if ! diff -q stored audited >/dev/null; then
    echo "round $round (kill at ${delay_ms} ms): observations and audit rows differ:"
    diff stored audited | head
    exit 1
  fi
  dups=$(uniq -d audited | wc -l)
  [[ $dups == 0 ]] || { echo "round $round: $dups keys audited twice"; exit 1; }
  missing=$(comm -23 acked stored | wc -l)
  [[ $missing == 0 ]] || { echo "round $round: $missing acknowledged writes missing:"; comm -23 acked stored | head; exit 1; }
  extra=$(comm -13 tried stored | wc -l)
  [[ $extra == 0 ]] || { echo "round $round: $extra rows nobody sent"; exit 1; }
  acked_n=$(wc -l <acked) stored_n=$(wc -l <stored)
  ((acked_n > 0)) || { echo "round $round: no write was acknowledged before the kill at ${delay_ms} ms"; exit 1; }
  total_acked=$((total_acked + acked_n))
  total_unacked_committed=$((total_unacked_committed + stored_n - acked_n))
done

# The next command works: the server starts again and takes a write, recorded in the audit.
start_server
code=$(post fr:r0 i0 2000 1)
kill -TERM "$server"
for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$server" 2>/dev/null; then
  echo "the server did not stop within 5 s of SIGTERM"
  exit 1
fi
wait "$server" || { echo "the server did not stop cleanly on SIGTERM"; exit 1; }
server=0
[[ $code == 201 ]] || { echo "after the kills, a write answered HTTP $code"; exit 1; }
[[ $(query "SELECT count(*) FROM audit WHERE territory_id = 'fr:r0'") == 1 ]] || { echo "the last write has no audit row"; exit 1; }
"$bin" --db "$db" check >/dev/null
echo "ok ($backend, seed $seed): $rounds kills during $writers concurrent writers; $total_acked acknowledged writes all there once with their audit rows; $total_unacked_committed unacknowledged writes had committed, each with its audit row"
[[ $backend == postgresql ]] && query "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
exit 0
