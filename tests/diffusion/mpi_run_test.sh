#!/usr/bin/env bash
# `mpirun -n 2 (ic) or 3 (sir) duckweed diffuse run ... --json` prints the same run record as the single-process
# run, number for number (only timings, threads and processes may differ), and writes the same
# per-node CSV. Skips (exit 77) loudly when MPI is not built in or mpirun is absent.
#   mpi_run_test.sh DUCKWEED_BIN MPIRUN WITH_MPI
set -euo pipefail
bin=$1 mpirun=${2:-} with_mpi=${3:-OFF}
if [[ "$with_mpi" != ON ]] || [[ -z "$mpirun" ]] || ! command -v "$mpirun" >/dev/null; then
  echo "SKIPPED: MPI replicas not tested: built with DUCKWEED_WITH_MPI=$with_mpi, mpirun '$mpirun'" \
       "(install libopenmpi-dev openmpi-bin and reconfigure)" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A ring of 300 nodes with chords: varied cascades, some replicas long.
awk 'BEGIN { for (i = 0; i < 300; i++) { print i, (i + 1) % 300; print i, (i * 37 + 11) % 300 } }' \
  > "$tmp/g.edges"
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
# Open MPI's plugins leave allocations behind at MPI_Finalize (in modules unloaded by then, so no
# suppression can name them): no leak check inside mpirun; the single-process runs keep it.
mpi_asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
run_case() {  # name, processes, replicas, then the model options
  local name=$1 n=$2 replicas=$3; shift 3
  local seeds=(--seeds 0,150)
  [[ " $* " == *" --seed-strategy "* ]] && seeds=()  # the strategy picks them
  local args=(diffuse run --graph "$tmp/g.edges" --undirected "${seeds[@]}" --replicas "$replicas"
              --seed 9 --json "$@")
  "$bin" "${args[@]}" --threads 2 --nodes-out "$tmp/$name.1.csv" > "$tmp/$name.1.json"
  ASAN_OPTIONS=$mpi_asan "$mpirun" --allow-run-as-root --oversubscribe --bind-to none -n "$n" \
    "$bin" "${args[@]}" --threads 1 --nodes-out "$tmp/$name.$n.csv" > "$tmp/$name.$n.json"
  python3 - "$tmp/$name.1.json" "$tmp/$name.$n.json" "$n" <<'PY'
import json, sys
one, many, n = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
assert many["processes"] == n, f"processes {many['processes']} != {n}"
for record in (one, many):
    for key in ("timings", "threads", "processes"):
        record.pop(key)
assert one["final_size"]["sd"] > 0, "replicas do not differ: the comparison would prove nothing"
if one != many:
    sys.exit(f"{n} processes: run record differs from the single-process run")
PY
  cmp "$tmp/$name.1.csv" "$tmp/$name.$n.csv"
  echo "$name: 1 process x 2 threads and $n processes agree"
}
run_case ic 2 203 --model ic --weighted-cascade
run_case sir 3 203 --model sir --beta 0.2 --gamma 0.3
# Issue 12: IMM shares its RR sets across the ranks (each draws a share of the blocks): the seeds
# it picks, and so the whole record, are the single-process ones.
run_case imm 2 101 --model ic --weighted-cascade --seed-strategy imm --seed-count 4
run_case imm3 3 101 --model ic --weighted-cascade --seed-strategy imm --seed-count 4
# Enough replicas (240 x 2003 > 1024 x 301) for the runs to keep per-step histograms instead of
# curves: the ranks gather histograms (issue 10).
run_case sir_histograms 3 2003 --model sir --beta 0.2 --gamma 0.3
