#!/usr/bin/env bash
# End-to-end check of `duckweed graph`: generate -> convert to the cache -> info, values asserted,
# plus the exit codes and messages of bad input.  Usage: cli_graph_test.sh DUCKWEED SHARED_DATA
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() {  # expect LABEL ACTUAL EXPECTED
  if [ "$2" != "$3" ]; then
    echo "FAIL $1: expected '$3', found '$2'"
    fail=1
  fi
}
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }

# BA with n=1000, m=3: exactly m(n-m) = 2991 edges, 5982 arcs, min degree 3.
"$bin" --json graph generate ba --n 1000 --m 3 --seed 7 --out "$tmp/ba.dwg" >"$tmp/gen.json"
expect "ba exit" $? 0
expect "ba arcs" "$(field '["arcs"]' <"$tmp/gen.json")" 5982
"$bin" --json graph info "$tmp/ba.dwg" >"$tmp/info.json"
expect "cache arcs" "$(field '["arcs"]' <"$tmp/info.json")" 5982
expect "cache min degree" "$(field '["out_degree"]["min"]' <"$tmp/info.json")" 3
expect "cache symmetric" "$(field '["symmetric"]' <"$tmp/info.json")" True

# Same seed, same graph: converting the cache back to text twice gives identical files.
"$bin" graph generate ba --n 1000 --m 3 --seed 7 --out "$tmp/ba2.edges" >/dev/null
"$bin" graph convert "$tmp/ba.dwg" --out "$tmp/ba1.edges" >/dev/null
cmp -s "$tmp/ba1.edges" "$tmp/ba2.edges" || { echo "FAIL: same seed gave different graphs"; fail=1; }

# Karate (Zachary 1977): 34 nodes, 78 edges.
if [ -f "$data/graphs/karate.edges" ]; then
  "$bin" --json graph info "$data/graphs/karate.edges" --undirected >"$tmp/k.json"
  expect "karate nodes" "$(field '["nodes"]' <"$tmp/k.json")" 34
  expect "karate arcs" "$(field '["arcs"]' <"$tmp/k.json")" 156
else
  echo "REFERENCE DATA ABSENT: karate.edges; that part did not run"
fi

# Bad input: exit 1 with file:line:column; nothing written.
printf '0 1\n0 x\n' >"$tmp/bad.edges"
"$bin" graph convert "$tmp/bad.edges" --out "$tmp/bad.dwg" 2>"$tmp/err.txt"
expect "bad exit" $? 1
grep -q "bad.edges:2:3: expected a non-negative integer node id, found 'x'" "$tmp/err.txt" ||
  { echo "FAIL: diagnostic not found in: $(cat "$tmp/err.txt")"; fail=1; }
[ ! -e "$tmp/bad.dwg" ] || { echo "FAIL: output written for bad input"; fail=1; }
head -c 100 "$tmp/ba.dwg" >"$tmp/trunc.dwg"
"$bin" graph info "$tmp/trunc.dwg" 2>"$tmp/err2.txt"
expect "truncated cache exit" $? 1
grep -q "truncated" "$tmp/err2.txt" || { echo "FAIL: truncated not reported"; fail=1; }
"$bin" graph generate ws --n 10 --k 3 --beta 0.1 2>/dev/null
expect "bad parameter exit" $? 1
"$bin" graph info "$tmp/ba.dwg" --header sometimes 2>/dev/null
expect "usage exit" $? 2

[ $fail -eq 0 ] && echo "cli graph ok"
exit $fail
