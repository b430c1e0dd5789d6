#!/usr/bin/env bash
# Sweep (issue 10): exit 3 is for bugs only and no input may make duckweed die of a signal. Runs
# every golden case (tests/golden/cli/*.test) through run_cli_case.sh with a wrapper in place of
# the binary that logs every duckweed invocation (setup commands and every command of a compound
# run line included) ending in exit 3 or a signal (>= 128); fails when any did, or when a case
# expects exit 3 or more. The cases' own expectations are checked by their cli.<case> tests.
# Usage: sweep_exit_codes.sh BINARY REPO_ROOT SHARED_DATA_DIR
set -u
bin=$1 root=$2 data=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-sweep.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$work/bad-exits.log
: >"$log"
cat >"$work/duckweed" <<WRAP
#!/usr/bin/env bash
"$bin" "\$@"
code=\$?
if (( code == 3 || code >= 128 )); then printf 'exit %s: duckweed %s\n' "\$code" "\$*" >>"$log"; fi
exit \$code
WRAP
chmod +x "$work/duckweed"

status=0
if grep -HE '^exit ([3-9]|[1-9][0-9]+)$' "$root"/tests/golden/cli/*.test; then
  echo "FAIL: the cases above expect exit 3 or a signal: exit 3 is for bugs only"
  status=1
fi
# Two at a time (CI has two cores); each case's own pass or fail is not this sweep's concern.
export work root data
printf '%s\n' "$root"/tests/golden/cli/*.test |
  xargs -P 2 -I{} bash -c 'bash "$root/tests/cli/run_cli_case.sh" "$work/duckweed" "$root" "$data" "{}" >/dev/null 2>&1 || true'
cases=$(ls "$root"/tests/golden/cli/*.test | wc -l)
if [[ -s $log ]]; then
  echo "FAIL: duckweed exited 3 or with a signal in the golden cases:"
  cat "$log"
  status=1
fi
echo "swept $cases golden cases: $( [[ $status == 0 ]] && echo "no exit 3, no signal" || echo failures)"
exit $status
