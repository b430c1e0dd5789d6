#!/usr/bin/python3
"""Compares duckweed with a peer on the same graph and model: speed ratio (CPU seconds per
replica) and the final-size law (two-sample Kolmogorov-Smirnov test, and the difference of means
in combined standard errors). Usage: check_peer.py DUCKWEED.json PEER.json [--max-z 4]
Prints one JSON line and exits 1 when the laws disagree (KS p < 0.001 or |z| > max-z).
"""
import json
import math
import sys

from scipy import stats


def main():
    ours, peer = (json.load(open(p)) for p in sys.argv[1:3])
    max_z = float(sys.argv[sys.argv.index("--max-z") + 1]) if "--max-z" in sys.argv else 4.0
    se = math.hypot(ours["stderr"], peer["stderr"])
    diff = ours["mean"] - peer["mean"]
    z = diff / se if se > 0 else (0.0 if diff == 0 else math.inf)
    ks = stats.ks_2samp(ours["final_sizes"], peer["final_sizes"])
    out = {
        "model": ours["model"],
        "graph": ours.get("graph", ""),
        "duckweed_s_per_replica": ours["seconds_per_replica"],
        "peer": peer["tool"],
        "peer_s_per_replica": peer["seconds_per_replica"],
        "speedup": peer["seconds_per_replica"] / ours["seconds_per_replica"],
        "duckweed_mean": ours["mean"], "duckweed_stderr": ours["stderr"],
        "peer_mean": peer["mean"], "peer_stderr": peer["stderr"],
        "z": z, "ks_statistic": ks.statistic, "ks_pvalue": ks.pvalue,
    }
    out["same_law"] = bool(abs(z) <= max_z and ks.pvalue >= 1e-3)
    print(json.dumps(out))
    return 0 if out["same_law"] else 1


if __name__ == "__main__":
    sys.exit(main())
