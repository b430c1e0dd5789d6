"""Per-model summary of sd_bench's Google Benchmark JSON: bytecode (Run/) against the tree
evaluator (RunTree/) and against SDEverywhere where a peer time is known (counter peer_us).
Usage: summarize.py BENCH_JSON OUT_CSV"""
import csv
import json
import sys


def main():
    bench = json.load(open(sys.argv[1]))
    runs = {}
    for b in bench["benchmarks"]:
        if b.get("run_type") == "aggregate" or b.get("error_occurred"):
            continue
        kind, _, model = b["name"].partition("/")
        model = model.split("/min_time")[0]
        runs.setdefault(model, {})[kind] = b
    rows = []
    for model, r in runs.items():
        fast, tree = r.get("Run"), r.get("RunTree")
        if not fast or not tree:
            continue
        peer = fast.get("peer_us", 0)
        rows.append({
            "model": model,
            "bytecode_us": round(fast["real_time"], 2),
            "bytecode_cpu_us": round(fast["cpu_time"], 2),
            "tree_us": round(tree["real_time"], 2),
            "tree_cpu_us": round(tree["cpu_time"], 2),
            "speedup_cpu": round(tree["cpu_time"] / fast["cpu_time"], 2),
            "peer_us": peer or "",
            "peer_ratio_wall": round(peer / fast["real_time"], 1) if peer else "",
            "peer_ratio_cpu": round(peer / fast["cpu_time"], 1) if peer else "",
        })
    with open(sys.argv[2], "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["model"])
        w.writeheader()
        w.writerows(rows)
    print(f"{'model':<72} {'bytecode':>9} {'tree':>9} {'x tree':>6} {'peer':>7} {'x peer':>7}")
    for row in rows:
        print(f"{row['model']:<72} {row['bytecode_cpu_us']:>9} {row['tree_cpu_us']:>9} "
              f"{row['speedup_cpu']:>6} {row['peer_us']!s:>7} {row['peer_ratio_cpu']!s:>7}")
    print("(CPU microseconds per run; x peer: SDEverywhere 0.7.28 JS per-run time / ours)")


main()
