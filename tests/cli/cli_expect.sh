#!/usr/bin/env bash
# cli_expect.sh CODE TEXT COMMAND...: runs COMMAND, passes when it exits with CODE and its output
# (stdout and stderr) contains TEXT.
set -u
code=$1
text=$2
shift 2
out=$("$@" 2>&1)
got=$?
if [ "$got" -ne "$code" ]; then
  echo "expected exit $code, got $got; output:"; echo "$out"; exit 1
fi
if [[ "$out" != *"$text"* ]]; then
  echo "expected output containing: $text"; echo "got:"; echo "$out"; exit 1
fi
echo ok
