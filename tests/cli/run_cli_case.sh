#!/usr/bin/env bash
# Runs one CLI golden case (tests/golden/cli/*.test) against the built duckweed executable.
# Usage: run_cli_case.sh BINARY REPO_ROOT SHARED_DATA_DIR CASE_FILE
#
# Case file directives, one per line ('#' lines are comments; blank lines are ignored):
#   require PATH          skip (exit 77) unless PATH exists (placeholders allowed)
#   file NAME             the following lines, up to a line '----', are written to {tmp}/NAME
#   setup CMD             a bash command run before the command under test; must exit 0
#   unchanged NAME        {tmp}/NAME's sha256 must be the same after the command as before
#   absent NAME           {tmp}/NAME must not exist after the command
#   run CMD               the command under test (bash; exactly one per case)
#   exit N                its expected exit code
#   stderr TEXT           a substring its stderr must contain
#   stdout TEXT           a substring its stdout must contain
#   not-stderr TEXT       a substring its stderr must not contain
#   not-stdout TEXT       a substring its stdout must not contain
#   stdout-line TEXT      a line its stdout must contain exactly
# Placeholders in CMD, PATH and TEXT: {bin} {tmp} {data} {root}, and {pg}: the address of a fresh
# schema in the run's PostgreSQL test cluster (a case using it needs the ctest fixture `postgres`,
# which tests/cli/CMakeLists.txt adds when the case mentions {pg}).
# Under a sanitizer build (DUCKWEED_SANITIZED=1, set by tests/cli/CMakeLists.txt) a `ulimit -v N`
# in CMD becomes DUCKWEED_MEMORY_BUDGET set to the budget that limit gives (60 %): AddressSanitizer
# reserves terabytes of shadow address space and aborts under any such limit. The case still checks
# its answer (the up-front estimates refuse before allocating, with the same figures); the limit
# itself is exercised by the release build.
set -u
bin=$1 root=$2 data=$3 case_file=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export DUCKWEED_DB="$tmp/default.db" XDG_DATA_HOME="$tmp/xdg"

pg=""
if grep -qF '{pg}' "$case_file"; then
  pg_uri=$(cat "${DUCKWEED_TEST_PG_URI_FILE:-/nonexistent}" 2>/dev/null) ||
    { echo "FAIL ($case_file): no PostgreSQL test cluster (run through ctest)"; exit 1; }
  schema="cli_$$_${RANDOM}"
  psql -q "$pg_uri" -c "CREATE SCHEMA $schema" >/dev/null ||
    { echo "FAIL ($case_file): cannot create schema $schema"; exit 1; }
  pg="${pg_uri}&options=-csearch_path%3D${schema}"
fi

# Sets `expanded` (no subshell: forks are what makes a test slow on a loaded machine).
expand() {
  expanded=$1
  expanded=${expanded//\{bin\}/$bin}
  expanded=${expanded//\{tmp\}/$tmp}
  expanded=${expanded//\{data\}/$data}
  expanded=${expanded//\{root\}/$root}
  expanded=${expanded//\{pg\}/"$pg"}  # quoted: the & of the address stays literal
}

fail() {
  echo "FAIL ($case_file): $*"
  echo "--- command: $run_cmd"
  echo "--- exit code: ${code:-none}"
  [[ -f $tmp/.stdout ]] && { echo "--- stdout:"; head -c 4000 "$tmp/.stdout"; }
  [[ -f $tmp/.stderr ]] && { echo "--- stderr:"; head -c 4000 "$tmp/.stderr"; }
  exit 1
}

run_cmd="" expected_exit="" in_file=""
declare -a checks=() unchanged=()
while IFS= read -r line || [[ -n $line ]]; do
  if [[ -n $in_file ]]; then
    if [[ $line == "----" ]]; then in_file=""; else printf '%s\n' "$line" >>"$in_file"; fi
    continue
  fi
  [[ -z $line || $line == \#* ]] && continue
  directive=${line%% *}
  arg=${line#"$directive"}
  arg=${arg# }
  case $directive in
    require) expand "$arg"; [[ -e $expanded ]] || { echo "SKIP: $expanded is absent"; exit 77; } ;;
    file) in_file="$tmp/$arg"; : >"$in_file" ;;
    setup)
      expand "$arg"
      bash -c "$expanded" >"$tmp/.setup.out" 2>&1 ||
        { echo "FAIL ($case_file): setup failed: $arg"; cat "$tmp/.setup.out"; exit 1; } ;;
    unchanged) unchanged+=("$arg") ;;
    run)
      expand "$arg"; run_cmd=$expanded
      if [[ ${DUCKWEED_SANITIZED:-0} == 1 ]]; then
        # The program's budget under `ulimit -v N` (KB) is 60 % of it (core/memory.cc): give it
        # the same budget by the environment, so it refuses with the same figures.
        while [[ $run_cmd =~ ulimit\ -v\ ([0-9]+) ]]; do
          kb=${BASH_REMATCH[1]}
          run_cmd=${run_cmd/"ulimit -v $kb"/"export DUCKWEED_MEMORY_BUDGET=$((kb * 1024 * 6 / 10))"}
        done
      fi ;;
    exit) expected_exit=$arg ;;
    stderr | stdout | not-stderr | not-stdout | stdout-line | absent) expand "$arg"; checks+=("$directive $expanded") ;;
    *) echo "FAIL ($case_file): unknown directive '$directive'"; exit 1 ;;
  esac
done <"$case_file"
[[ -n $in_file ]] && { echo "FAIL ($case_file): file block without a closing ----"; exit 1; }
[[ -n $run_cmd ]] || { echo "FAIL ($case_file): no run line"; exit 1; }
[[ -n $expected_exit ]] || { echo "FAIL ($case_file): no exit line"; exit 1; }

declare -A before=()
for name in "${unchanged[@]}"; do
  [[ -f $tmp/$name ]] || { echo "FAIL ($case_file): unchanged $name: no such file before the run"; exit 1; }
  before[$name]=$(sha256sum "$tmp/$name" | cut -d' ' -f1)
done

code=0
(cd "$tmp" && timeout $(( ${DUCKWEED_SANITIZED:-0} == 1 ? 110 : 30 )) bash -c "$run_cmd") >"$tmp/.stdout" 2>"$tmp/.stderr" || code=$?

[[ $code == "$expected_exit" ]] || fail "exit code $code, expected $expected_exit"
for name in "${unchanged[@]}"; do
  after=$(sha256sum "$tmp/$name" 2>/dev/null | cut -d' ' -f1)
  [[ $after == "${before[$name]}" ]] || fail "$name changed (sha256 ${before[$name]} -> ${after:-missing})"
done
for check in "${checks[@]}"; do
  kind=${check%% *}
  text=${check#"$kind "}
  case $kind in
    stderr) grep -qF -- "$text" "$tmp/.stderr" || fail "stderr lacks: $text" ;;
    stdout) grep -qF -- "$text" "$tmp/.stdout" || fail "stdout lacks: $text" ;;
    not-stderr) grep -qF -- "$text" "$tmp/.stderr" && fail "stderr has: $text" ;;
    not-stdout) grep -qF -- "$text" "$tmp/.stdout" && fail "stdout has: $text" ;;
    stdout-line) grep -qxF -- "$text" "$tmp/.stdout" || fail "stdout lacks the line: $text" ;;
    absent) [[ ! -e $tmp/$text ]] || fail "$text exists after the run" ;;
  esac
done
echo "ok: $case_file"
