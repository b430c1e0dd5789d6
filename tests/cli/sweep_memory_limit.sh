#!/usr/bin/env bash
# Sweep (issue 10): under `ulimit -v 3000000` (about 3 GB of address space) every heavy command
# either works (exit 0) or exits 1 saying what it would need or held ("would need about ...",
# "outgrew its memory budget ... held about", "did not finish within", "problem too large"), never exit 3 nor a signal (134 SIGABRT from bad_alloc in
# a parallel region, 137 killed, 139 SIGSEGV). Each command is bounded so that the sweep stays
# under a minute on two cores.
# Usage: sweep_memory_limit.sh BINARY
set -u
if [[ ${DUCKWEED_SANITIZED:-0} == 1 ]]; then
  echo "SKIP: a sanitizer build cannot run under ulimit -v (the release build runs this sweep)"
  exit 77
fi
bin=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/duckweed-sweep-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export DUCKWEED_DB=$work/db.sqlite
unset DUCKWEED_MEMORY_BUDGET
printf '1 2\n2 3\n' >chain.edges
awk 'BEGIN { for (i = 0; i < 1000; i++) { print i, (i + 1) % 1000; print i, (i * 7 + 3) % 1000 } }' >ring.edges
awk 'BEGIN { s = 7; printf "case"; for (c = 1; c <= 20; c++) printf ",C%d", c; print ",Y";
  for (r = 1; r <= 200; r++) { printf "k%d", r; p = 0
    for (c = 1; c <= 20; c++) { s = (s * 1103515245 + 12345) % 2147483648; b = int(s / 1073741824)
      if (c <= 5) p += b; printf ",%d", b }
    print "," p % 2 } }' >big.csv
printf 'id,name,kind,country,population,latitude,longitude,parents\nt:a,A,commune,FR,5,50.0,2.0,\nt:b,B,commune,FR,5,50.1,2.1,\nt:c,C,commune,FR,5,50.2,2.0,\n' >t.csv
"$bin" init >/dev/null && "$bin" import territories t.csv >/dev/null || { echo "setup failed"; exit 1; }

commands=(
  "diffuse run --graph chain.edges --seeds 1 --p 1 --replicas 20000000 --threads 2"
  "diffuse run --graph ring.edges --undirected --seeds 0 --model sis --beta 0.9 --gamma 0.001 --max-steps 100000000 --replicas 100000 --threads 2"
  "graph generate er --n 4000000000 --p 0.5"
  "graph generate er --n 100000000 --m 400000000"
  "graph generate er --n 100000 --m 4000000000"
  "graph generate ba --n 4000000000 --m 1000"
  "graph generate ws --n 4000000000 --k 1000 --beta 0.1"
  "graph generate rmat --scale 30 --edges 100000000000"
  "graph generate rmat --scale 28 --edges 1000"
  "graph places --knn 4000000000 --gravity-links 0"
  "qca big.csv -o Y --time-limit 5"
  "qca robustness big.csv -o Y --time-limit 5"
)
status=0
for c in "${commands[@]}"; do
  start=$SECONDS
  # shellcheck disable=SC2086
  (ulimit -v 3000000 && exec "$bin" $c) >out.txt 2>err.txt
  code=$?
  verdict=ok
  if [[ $code == 1 ]]; then
    grep -qE 'would need about|outgrew its memory budget|ran out of memory|did not finish within|problem too large' err.txt ||
      verdict="exit 1 without a figure: $(head -c 300 err.txt)"
  elif [[ $code != 0 ]]; then
    verdict="exit $code: $(head -c 300 err.txt)"
  fi
  echo "[$code, $((SECONDS - start)) s] duckweed $c"
  if [[ $verdict != ok ]]; then
    echo "  FAIL: $verdict"
    status=1
  fi
done
exit $status
