#!/usr/bin/env bash
# A town page's API calls under load (issue 13): `duckweed serve` on loopback over the demo store
# (tools/demo_store.sh: France, the world places, Loos-en-Gohelle, the pioneers, the Covenant of
# Mayors signatories), and wrk (Debian's `wrk`) at CONNECTIONS connections for DURATION seconds,
# each connection cycling through the three calls the dashboard's town page always makes for
# Loos-en-Gohelle (town_page.lua: territory, evaluation, peers). Reports requests per second, p50/p90/p99 latency and the server's memory (peak
# and final RSS); writes RESULTS_DIR/server_town_page.txt. Not a test: times depend on the machine.
# Usage: run.sh BUILD RESULTS_DIR
#   env CONNECTIONS (64), DURATION (20), WRK_THREADS (4), SERVER_THREADS (64: one per connection,
#   as cpp-httplib keeps a worker for each open keep-alive connection), DB (reuse this store),
#   CALLS (territory,evaluation,peers: a subset shows which call costs), REPORT (file name)
set -euo pipefail
build=$1
results=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$(cd "$build" && pwd)/src/cli/duckweed"
mkdir -p "$results"
results=$(cd "$results" && pwd)
connections=${CONNECTIONS:-64} duration=${DURATION:-20} wrk_threads=${WRK_THREADS:-4}
server_threads=${SERVER_THREADS:-64}
command -v wrk >/dev/null || { echo "bench/server: wrk is not installed (tools/bootstrap.sh --peers)"; exit 0; }
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-server-bench.XXXXXX")
server=0
trap '[[ $server != 0 ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

db=${DB:-}
if [[ -z $db ]]; then
  db="$work/demo.db"
  "$root/tools/demo_store.sh" "$bin" "$db" "$work/profile" >/dev/null
fi
town=$("$bin" --db "$db" --json territory show Loos-en-Gohelle | sed -n 's/^ *"id": "\(.*\)",$/\1/p' | head -1)
town=${town:-fr:62528}

"$bin" --db "$db" serve --port 0 --threads "$server_threads" \
  --capacity "$root/examples/evaluate/capacity.json" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.out")
  [[ -n $port ]] && break
  sleep 0.05
done
[[ -n $port ]] || { echo "the server did not start: $(cat "$work/serve.err")"; exit 1; }
base="http://127.0.0.1:$port"
# Every call answers 200 before the load (a bench of error pages would be no bench).
for path in "territories/$town" "territories/$town/evaluation" "territories/$town/peers"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/$path")
  [[ $code == 200 ]] || { echo "GET /api/v1/$path answered $code"; exit 1; }
done
rss_before=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status")
load_before=$(cut -d' ' -f1 /proc/loadavg)
TOWN=$town CALLS=${CALLS:-territory,evaluation,peers} wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --latency \
  -s "$root/bench/server/town_page.lua" "$base" >"$work/wrk.out"
rss_after=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status")
peak=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$server/status")
kill "$server"
wait "$server" || true
server=0
value() { awk -v k="$1" '$1 == k { print $2 }' "$work/wrk.out"; }
requests=$(value requests) seconds=$(value seconds)
report="$results/${REPORT:-server_town_page.txt}"
{
  echo "duckweed serve, a town page's API calls ($town: ${CALLS:-territory,evaluation,peers})"
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $load_before before the run, $(cut -d' ' -f1 /proc/loadavg) after (wrk and the server's threads count); store: ${DB:-the demo store (tools/demo_store.sh)}, SQLite"
  echo "wrk -t $wrk_threads -c $connections -d ${duration}s on loopback; serve --threads $server_threads"
  printf '%12s %10s %9s %9s %9s %9s %10s %10s %14s\n' requests "req/s" "p50 ms" "p90 ms" "p99 ms" \
    "max ms" "non-2xx" errors "RSS MiB end (peak)"
  printf '%12s %10.0f %9s %9s %9s %9s %10s %10s %14s\n' "$requests" \
    "$(awk -v r="$requests" -v s="$seconds" 'BEGIN { print r / s }')" "$(value p50_ms)" \
    "$(value p90_ms)" "$(value p99_ms)" "$(value max_ms)" "$(value non_2xx)" \
    "$(value socket_errors)" "$rss_after ($peak)"
  echo "(server RSS before the load: $rss_before MiB)"
} >"$report"
cat "$report"
