#!/usr/bin/env bash
# The fuzz campaign: runs every libFuzzer target in BUILD/fuzz (`cmake --preset fuzz`) for
# FUZZ_SECONDS each, FUZZ_JOBS targets at a time, one process per target, and prints one line per
# target (executions, coverage, findings) plus a summary table in BUILD/fuzz-summary.tsv.
#   FUZZ_SECONDS=600   seconds per target (default 60: a quick check; the campaign of
#                      docs/hardening.md ran 600)
#   FUZZ_JOBS=5        targets at a time (default 1); each uses one core
#   FUZZ_TARGETS="xmile csv"  only these targets (names without _fuzz)
#   FUZZ_ARTIFACTS=DIR where the inputs that crash, hang or run out of memory go
#                      (default BUILD/fuzz-artifacts/<target>-crash-..., -timeout-..., -oom-...)
#   FUZZ_RUNNER="loader --library-path libs"  prefixes each target (to run a copied build elsewhere)
# Each target is seeded from fuzz/seeds/<name> and fuzz/corpus-<name>/ (ignored by git, grows with
# every run). A target runs in libFuzzer's fork mode with crashes, timeouts (10 s) and OOMs
# (2048 MB) ignored, so one finding does not end its run and every finding is kept; the script
# fails when any target found anything. Reproduce one finding with `BUILD/fuzz/<target> FILE`.
set -euo pipefail
build=${1:-build/fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
[ "${FUZZ_PARALLEL:-0}" = 1 ] && jobs=64  # the old switch: every target at once
root=$(cd "$(dirname "$0")/.." && pwd)
artifacts=${FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$artifacts"
artifacts=$(cd "$artifacts" && pwd)

run_one() {  # target: runs it; its log in $build/<name>.log, its CPU seconds in $build/<name>.cpu
  local target=$1 name corpus seeds
  name=$(basename "$target")
  corpus="$root/fuzz/corpus-$name"
  seeds="$root/fuzz/seeds/${name%_fuzz}"
  mkdir -p "$corpus"
  local dirs=("$corpus")
  [ -d "$seeds" ] && dirs+=("$seeds")
  # CPU seconds (user, system) go to $build/<name>.cpu: on a busy machine they, not the wall
  # time, say how much fuzzing a target got.
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S' -o "$build/$name.cpu" ${FUZZ_RUNNER:-} "$target" -fork=1 \
    -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -max_len=65536 -artifact_prefix="$artifacts/$name-" \
    "${dirs[@]}" >"$build/$name.log" 2>&1 || true
}

# name -> "execs cov ft corpus crashes timeouts ooms cpu_s" from the log's last status line
# (fork mode: "#EXECS: cov: C ft: F corp: N exec/s E oom/timeout/crash: O/T/C time: ...").
summarise() {
  local name=$1 line cpu
  line=$(grep -E '^#[0-9]+: cov:' "$build/$name.log" | tail -1 || true)
  cpu=$(awk '{ printf "%.0f", $1 + $2 }' "$build/$name.cpu" 2>/dev/null || echo "?")
  if [ -z "$line" ]; then
    echo "? ? ? ? ? ? ? $cpu"
    return
  fi
  # shellcheck disable=SC2001
  echo "$line" | sed -E 's/^#([0-9]+): cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*oom\/timeout\/crash: ([0-9]+)\/([0-9]+)\/([0-9]+).*/\1 \2 \3 \4 \7 \6 \5/' |
    tr -d '\n'
  echo " $cpu"
}

targets=()
for target in "$build"/fuzz/*_fuzz; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" ${name%_fuzz} "* ]]; then continue; fi
  targets+=("$target")
done
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no targets in $build/fuzz (cmake --preset fuzz)"; exit 1; }
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $jobs at a time; findings in $artifacts"

running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_one "$target" &
  running=$((running + 1))
done
wait || true

status=0
summary="$build/fuzz-summary.tsv"
printf 'target\texecs\tcov\tft\tcorpus\tcrashes\ttimeouts\tooms\tcpu_s\n' >"$summary"
for target in "${targets[@]}"; do
  name=$(basename "$target")
  read -r execs cov ft corp crashes timeouts ooms cpu <<<"$(summarise "$name")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$execs" "$cov" "$ft" "$corp" "$crashes" \
    "$timeouts" "$ooms" "$cpu" >>"$summary"
  found=$( (ls "$artifacts/$name-"* 2>/dev/null || true) | wc -l)
  if [ "$execs" = "?" ] || [ "$found" -gt 0 ] || [ "$crashes$timeouts$ooms" != "000" ]; then
    status=1
    echo "fuzz: $name FOUND $crashes crash(es), $timeouts timeout(s), $ooms OOM(s)" \
      "($found input(s) in $artifacts/$name-*; log $build/$name.log)"
  else
    echo "fuzz: $name: $execs runs, cov $cov ft $ft, corpus $corp, ${cpu}s CPU, nothing found"
  fi
done
column -t "$summary" 2>/dev/null || cat "$summary"
exit $status
