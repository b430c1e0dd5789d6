#!/usr/bin/python3
"""Peer runs for the diffusion benchmarks: graph-tool (Debian's python3-graph-tool, run with
Debian's /usr/bin/python3) and a numpy frontier baseline, single-threaded, with the same
synchronous semantics as duckweed (src/diffusion, model.h):

  SI/SIR: a susceptible node with m infected neighbours is infected at t+1 with probability
          1 - (1 - beta)^m; an infected node recovers at t+1 with probability gamma.
  IC:     graph-tool's SIRState with gamma = 1 (infectious for exactly one step) and
          beta(u, v) = 1 / in-degree(v) per edge; the numpy baseline is a frontier loop.

Usage:
  peer_graph_tool.py ic --nethept DIR --replicas R [--tool graph-tool|numpy]
  peer_graph_tool.py epidemic --edges FILE.u32 --nodes N --model si|sir --beta B --gamma G
                     --seeds a,b,c --replicas R
Prints one JSON object: tool, model, replicas, final_sizes, mean, stderr, seconds_per_replica
(process CPU time, like Google Benchmark's CPU column: the shared build machine's wall time is
dominated by other processes).
The .u32 file holds the undirected edges as little-endian uint32 pairs (each edge once).
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def summary(tool, model, sizes, seconds):
    sizes = np.asarray(sizes, dtype=np.float64)
    return {
        "tool": tool,
        "model": model,
        "replicas": int(sizes.size),
        "mean": float(sizes.mean()),
        "stderr": float(sizes.std(ddof=1) / np.sqrt(sizes.size)) if sizes.size > 1 else 0.0,
        "seconds_per_replica": seconds / sizes.size,
        "final_sizes": [int(x) for x in sizes],
    }


def load_nethept(folder):
    """NetHEPT as the reference prepares it: no self-loops, no duplicates, both directions."""
    with open(os.path.join(folder, "NetHEPT.txt")) as f:
        n = int(f.readline().split()[0])
        raw = np.loadtxt(f, dtype=np.int64, usecols=(0, 1))
    raw = raw[raw[:, 0] != raw[:, 1]]
    pairs = np.unique(np.sort(raw, axis=1), axis=0)
    with open(os.path.join(folder, "nethept_ic_reference.json")) as f:
        seeds = json.load(f)["seeds_k50"]
    return n, pairs, seeds


def ic_numpy(n, pairs, seeds, replicas, rng):
    src = np.concatenate([pairs[:, 0], pairs[:, 1]])
    dst = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.argsort(src, kind="stable")
    src, dst = src[order], dst[order]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.add.at(offsets, src + 1, 1)
    offsets = np.cumsum(offsets)
    indeg = np.bincount(dst, minlength=n)
    prob = 1.0 / indeg[dst]
    sizes = []
    for _ in range(replicas):
        active = np.zeros(n, dtype=bool)
        frontier = np.unique(np.asarray(seeds))
        active[frontier] = True
        while frontier.size:
            starts = offsets[frontier]
            counts = offsets[frontier + 1] - starts
            # Arc indices of the frontier's rows, without a Python loop.
            idx = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
            hit = idx[rng.random(idx.size) < prob[idx]]
            new = np.unique(dst[hit])
            new = new[~active[new]]
            active[new] = True
            frontier = new
        sizes.append(int(active.sum()))
    return sizes


def run_graph_tool(make_state, replicas, done):
    """Synchronous sweeps until done(state); the final size counts every node ever infected."""
    sizes = []
    for _ in range(replicas):
        state = make_state()
        while not done(state):
            state.iterate_sync()
        sizes.append(int((state.get_state().fa != 0).sum()))
    return sizes


def no_infected(state):
    return not bool((state.get_state().fa == 1).any())


def ic_graph_tool(n, pairs, seeds, replicas):
    import graph_tool.all as gt
    g = gt.Graph(directed=True)
    g.add_vertex(n)
    both = np.concatenate([pairs, pairs[:, ::-1]])
    g.add_edge_list(both)
    indeg = g.get_in_degrees(g.get_vertices())
    beta = g.new_ep("double")
    beta.a = 1.0 / indeg[both[:, 1]]
    # Edge order in graph-tool follows insertion order, so beta.a lines up with `both`.

    def make():
        s = g.new_vp("int32_t")
        s.a[np.asarray(seeds)] = 1
        return gt.SIRState(g, beta=beta, gamma=1.0, s=s)

    return run_graph_tool(make, replicas, no_infected)


def epidemic_graph_tool(edges, n, model, beta, gamma, seeds):
    """Builds the graph (untimed) and returns a function running R replicas."""
    import graph_tool.all as gt
    g = gt.Graph(directed=False)
    g.add_vertex(n)
    g.add_edge_list(edges)

    def make():
        s = g.new_vp("int32_t")
        s.a[np.asarray(seeds)] = 1
        if model == "si":
            return gt.SIState(g, beta=beta, s=s)
        return gt.SIRState(g, beta=beta, gamma=gamma, s=s)

    if model == "si":
        # SI is complete when every node of the seeds' components is infected (duckweed stops
        # there too); the component sizes are computed once, outside the timing of the sweeps.
        comp, hist = gt.label_components(g)
        reachable = int(sum(hist[c] for c in set(comp.a[np.asarray(seeds)])))
        return lambda r: run_graph_tool(make, r,
                                        lambda st: int((st.get_state().fa == 1).sum()) >= reachable)
    return lambda r: run_graph_tool(make, r, no_infected)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    ic = sub.add_parser("ic")
    ic.add_argument("--nethept", required=True)
    ic.add_argument("--replicas", type=int, default=200)
    ic.add_argument("--tool", choices=["graph-tool", "numpy"], default="graph-tool")
    ep = sub.add_parser("epidemic")
    ep.add_argument("--edges", required=True)
    ep.add_argument("--nodes", type=int, required=True)
    ep.add_argument("--model", choices=["si", "sir"], required=True)
    ep.add_argument("--beta", type=float, default=0.1)
    ep.add_argument("--gamma", type=float, default=0.1)
    ep.add_argument("--seeds", required=True)
    ep.add_argument("--replicas", type=int, default=5)
    a = p.parse_args()
    import graph_tool.all as gt
    gt.openmp_set_num_threads(1)
    gt.seed_rng(1)
    if a.cmd == "ic":
        n, pairs, seeds = load_nethept(a.nethept)
        start = time.process_time()
        if a.tool == "numpy":
            sizes = ic_numpy(n, pairs, seeds, a.replicas, np.random.default_rng(1))
        else:
            sizes = ic_graph_tool(n, pairs, seeds, a.replicas)
        out = summary(a.tool, "ic", sizes, time.process_time() - start)
    else:
        edges = np.fromfile(a.edges, dtype="<u4").reshape(-1, 2)
        seeds = [int(x) for x in a.seeds.split(",")]
        runner = epidemic_graph_tool(edges, a.nodes, a.model, a.beta, a.gamma, seeds)
        start = time.process_time()
        sizes = runner(a.replicas)
        out = summary("graph-tool", a.model, sizes, time.process_time() - start)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
