#!/usr/bin/env bash
# Runs every fuzz target in BUILD/fuzz for FUZZ_SECONDS (default 60) each, with a seed corpus made
# of the repository's own small data files. A crash leaves its input under fuzz/ and fails.
set -euo pipefail
build=${1:-build/fuzz}
seconds=${FUZZ_SECONDS:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for target in "$build"/fuzz/*_fuzz; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  corpus="$root/fuzz/corpus-$name"
  mkdir -p "$corpus"
  seeds="$root/fuzz/seeds/${name%_fuzz}"
  echo "fuzz: $name for ${seconds}s"
  if ! "$target" -max_total_time="$seconds" -max_len=65536 -artifact_prefix="$root/fuzz/" \
       "$corpus" $( [ -d "$seeds" ] && echo "$seeds" ) 2>"$build/$name.log"; then
    echo "fuzz: $name FOUND A FAILURE (see $build/$name.log)"; status=1
  else
    grep -E '^#[0-9]+.*DONE' "$build/$name.log" | tail -1 || true
  fi
done
exit $status
