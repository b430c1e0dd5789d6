#!/usr/bin/env bash
# Runs every fuzz target in BUILD/fuzz for FUZZ_SECONDS (default 60) each, with a seed corpus made
# of the repository's own small data files. A crash leaves its input under fuzz/ and fails.
#   FUZZ_PARALLEL=1  runs all targets at once (one core each), for a machine with enough cores.
#   FUZZ_RUNNER="loader --library-path libs"  prefixes each target (to run a copied build elsewhere).
set -euo pipefail
build=${1:-build/fuzz}
seconds=${FUZZ_SECONDS:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
artifacts=${FUZZ_ARTIFACTS:-$root/fuzz/}

run_one() {  # target -> exit status; its log in $build/<name>.log
  local target=$1 name corpus seeds
  name=$(basename "$target")
  corpus="$root/fuzz/corpus-$name"
  seeds="$root/fuzz/seeds/${name%_fuzz}"
  mkdir -p "$corpus"
  # shellcheck disable=SC2086
  ${FUZZ_RUNNER:-} "$target" -max_total_time="$seconds" -max_len=65536 -artifact_prefix="$artifacts$name-" \
    "$corpus" $([ -d "$seeds" ] && echo "$seeds") 2>"$build/$name.log"
}

report() {  # name status
  if [ "$2" -ne 0 ]; then
    echo "fuzz: $1 FOUND A FAILURE (see $build/$1.log)"
  else
    echo "fuzz: $1: $(grep -E '^#[0-9]+.*DONE' "$build/$1.log" | tail -1 || true)"
  fi
}

status=0
targets=()
for target in "$build"/fuzz/*_fuzz; do [ -x "$target" ] && targets+=("$target"); done
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
  echo "fuzz: ${#targets[@]} targets at once for ${seconds}s each"
  declare -A pids
  for target in "${targets[@]}"; do run_one "$target" & pids[$(basename "$target")]=$!; done
  for name in "${!pids[@]}"; do
    rc=0; wait "${pids[$name]}" || rc=$?
    report "$name" "$rc"; [ "$rc" -eq 0 ] || status=1
  done
else
  for target in "${targets[@]}"; do
    name=$(basename "$target")
    echo "fuzz: $name for ${seconds}s"
    rc=0; run_one "$target" || rc=$?
    report "$name" "$rc"; [ "$rc" -eq 0 ] || status=1
  done
fi
exit $status
