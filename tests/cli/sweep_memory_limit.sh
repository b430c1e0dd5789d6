#!/usr/bin/env bash
# Sweep (issue 10): under `ulimit -v 3000000` (about 3 GB of address space) every heavy command
# either works (exit 0) or exits 1 saying what it would need or held ("would need about ...",
# "outgrew its memory budget ... held about", "did not finish within", "problem too large"), never
# exit 3 nor a signal (134 SIGABRT from bad_alloc in a parallel region, 137 killed, 139 SIGSEGV).
# Heavy verbs covered: diffuse run (replicas, SIS steps, IMM), graph generate, graph places, qca
# and qca robustness, sd run (--json record, a 2M-step --out, a huge dimension), sd loops
# --dominance, sd equilibria (20,000 stocks), fcm run (100k concepts, 2e9 iterations), evaluate
# identify, import (100k observations, CSV and JSON), diffuse calibrate (crowded towns, a huge
# forecast). Each command is bounded so that the sweep stays around a minute on two cores.
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
# System dynamics: a long run (10^8 steps), a huge dimension, 20,000 stocks (dense Jacobian).
xmile() { printf '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0"><header><name>m</name></header><sim_specs><start>0</start><stop>%s</stop><dt>1</dt></sim_specs>%s<model><variables>%s</variables></model></xmile>\n' "$@"; }
xmile 100000000 '' '<stock name="S"><eqn>1</eqn><inflow>f</inflow></stock><flow name="f"><eqn>-0.00000001*S</eqn></flow>' >long.xmile
xmile 2000000 '' '<stock name="S"><eqn>1</eqn><inflow>f</inflow></stock><flow name="f"><eqn>-0.000001*S</eqn></flow>' >steps.xmile
xmile 10 '<dimensions><dim name="big" size="1000000000"/></dimensions>' '<aux name="a"><dimensions><dim name="big"/></dimensions><eqn>1</eqn></aux>' >dim.xmile
xmile 10 '' "$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "<stock name=\"s%d\"><eqn>1</eqn><outflow>f%d</outflow></stock><flow name=\"f%d\"><eqn>0.1*s%d</eqn></flow>", i, i, i, i }')" >stocks.xmile
# A fuzzy cognitive map of 100,000 concepts (a dense 100k x 100k matrix: 160 GB).
awk 'BEGIN { print "from,to,weight"; for (i = 0; i < 100000; i++) printf "c%d,c%d,0.5\n", i, (i + 1) % 100000 }' >fcm.csv
# Judged examples for evaluate identify (20 criteria, the most it takes, x 2,000 examples).
awk 'BEGIN { srand(3); printf "id"; for (c = 1; c <= 20; c++) printf ",d%d", c; print ",judgement"
  for (r = 1; r <= 2000; r++) { printf "e%d", r; s = 0; for (c = 1; c <= 20; c++) { x = rand(); s += x; printf ",%.3f", x }
    printf ",%.3f\n", s / 20 } }' >examples.csv
# Imports: 100,000 observations as CSV and as JSON (they stream).
printf 'id,name\n' >ind.csv; for i in 0 1 2 3 4 5 6 7 8 9; do printf 'i%d,I%d\n' "$i" "$i"; done >>ind.csv
"$bin" import indicators ind.csv >/dev/null || { echo "setup failed"; exit 1; }
awk 'BEGIN { print "territory,indicator,year,kind,value"; for (n = 0; n < 100000; n++) printf "t:%s,i%d,%d,%s,%d\n", substr("abc", n % 3 + 1, 1), int(n / 3) % 10, 1000 + int(n / 30) % 2000, (n < 60000 ? "result" : "target"), n }' >obs.csv
awk 'BEGIN { printf "["; for (n = 0; n < 100000; n++) printf "%s{\"territory\": \"t:%s\", \"indicator\": \"i%d\", \"year\": %d, \"kind\": \"%s\", \"value\": %d}", (n ? ",\n" : ""), substr("abc", n % 3 + 1, 1), int(n / 3) % 10, 1000 + int(n / 30) % 2000, (n < 60000 ? "result" : "target"), n; print "]" }' >obs.json
# Calibration: 20,000 towns at one spot (400 million neighbour pairs), and a huge forecast.
awk 'BEGIN { print "id,date,lat,lon"; for (i = 0; i < 20000; i++) printf "a%d,%s,45.0,9.0\n", i, (i % 3 ? "" : 2008 + i % 4) }' >crowded.csv
awk 'BEGIN { print "id,date,lat,lon"; for (i = 0; i < 300; i++) printf "a%d,%s,%.3f,9.0\n", i, (i % 3 ? "" : 2008 + i % 4), 45 + i * 0.01 }' >towns.csv
calibrate="diffuse calibrate --id-column id --date-column date --lat-column lat --lon-column lon --population-column none --candidates file --fit-until 2010"

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
  "--json sd run long.xmile"
  "sd run steps.xmile --out steps.csv"
  "sd loops --dominance long.xmile"
  "sd run dim.xmile"
  "sd equilibria stocks.xmile"
  "fcm run fcm.csv"
  "fcm run fcm.csv --max-iterations 2000000000"
  "evaluate identify --examples examples.csv"
  "import observations obs.csv"
  "import observations obs.json"
  "$calibrate --adoptions crowded.csv"
  "$calibrate --adoptions towns.csv --forecast-until 2030 --replicas 100000000"
  "diffuse run --graph ring.edges --seed-strategy imm --seed-count 5 --epsilon 0.01 --p 0.3 --replicas 10"
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
