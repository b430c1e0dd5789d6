// Random graph generators. Every generator is a pure function of its parameters and `seed`
// (one core::Rng stream), identical on every platform. Undirected graphs are stored with two arcs
// per edge and no self-loops or parallel edges, unless stated.
//
// Errors: parameters out of range → InvalidInput naming the parameter.
// Thread safety: pure functions.
#ifndef DUCKWEED_NETWORK_GENERATORS_H_
#define DUCKWEED_NETWORK_GENERATORS_H_

#include <cstdint>

#include "duckweed/core/result.h"
#include "duckweed/network/graph.h"

namespace duckweed::network {

// G(n, p): every pair independently with probability p in [0, 1]. Skips between chosen pairs
// are geometric (Batagelj & Brandes, Phys. Rev. E 71, 036113, 2005), so O(n + m) expected.
// Directed: every ordered pair u != v independently.
core::Result<Graph> ErdosRenyiGnp(NodeId n, double p, uint64_t seed, bool directed = false);

// G(n, m): m distinct pairs uniformly among the n(n-1)/2 (or n(n-1) directed) possible ones
// (Floyd's sampling with a hash set: O(n + m) expected time and memory). REQUIRES m <= pairs.
core::Result<Graph> ErdosRenyiGnm(NodeId n, uint64_t m, uint64_t seed, bool directed = false);

// Barabási–Albert preferential attachment: nodes 0..m-1 start unconnected, node m links to all
// of them, each later node links to m distinct earlier nodes chosen with probability
// proportional to degree. Exactly m(n-m) undirected edges; every node has degree >= m.
// REQUIRES 1 <= m < n. O(n m) expected.
core::Result<Graph> BarabasiAlbert(NodeId n, uint32_t m, uint64_t seed);

// Watts–Strogatz small world: a ring where each node links to its k/2 nearest on each side, then
// each edge (u, u+j) is rewired with probability beta to (u, w), w uniform among the nodes not
// already linked to u (as NetworkX's watts_strogatz_graph: for j = 1..k/2, for u = 0..n-1).
// Exactly n k / 2 edges. REQUIRES k even, 2 <= k < n, beta in [0, 1]. O(n k) expected.
core::Result<Graph> WattsStrogatz(NodeId n, uint32_t k, double beta, uint64_t seed);

// R-MAT (Chakrabarti, Zhan & Faloutsos, SDM 2004): 2^scale nodes, `edges` draws, each choosing
// one quadrant per bit with probabilities a, b, c, d = 1 - a - b - c (no noise). Self-loops and
// repeated pairs are dropped by default, so the arc count is at most `edges` (x2 undirected).
struct RmatOptions {
  uint32_t scale = 10;  // 1..30
  uint64_t edges = 8192;
  double a = 0.57;
  double b = 0.19;
  double c = 0.19;
  bool directed = true;
  bool simple = true;  // drop self-loops and parallel arcs
};
core::Result<Graph> Rmat(const RmatOptions& options, uint64_t seed);

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_GENERATORS_H_
