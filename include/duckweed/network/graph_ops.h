// Derived views of a Graph: the transposed graph (reverse adjacency) and in-degrees.
//
// Thread safety: pure functions of an immutable Graph.
#ifndef DUCKWEED_NETWORK_GRAPH_OPS_H_
#define DUCKWEED_NETWORK_GRAPH_OPS_H_

#include <cstdint>
#include <vector>

#include "duckweed/network/graph.h"

namespace duckweed::network {

// In-degree of every node (arcs pointing to it). O(n + m).
std::vector<uint32_t> InDegrees(const Graph& graph);

// The graph with every arc reversed, carrying each arc's weight and channel. In row v the
// in-arcs u->v appear in increasing u (and, for parallel arcs, in the original arc order), so
// the result is deterministic. O(n + m) time, one graph's worth of extra memory.
Graph Transpose(const Graph& graph);

// True when every arc u->v has a reverse arc v->u (with multiplicity). O(m log d).
bool IsSymmetric(const Graph& graph);

// Counts and degree statistics for `duckweed graph info` and run records. O(m log d).
struct GraphSummary {
  NodeId nodes = 0;
  ArcIndex arcs = 0;
  ArcIndex self_loops = 0;
  NodeId isolated = 0;  // no arc in or out
  uint32_t min_out_degree = 0;
  uint32_t max_out_degree = 0;
  uint32_t max_in_degree = 0;
  double mean_out_degree = 0;
  bool symmetric = false;
  bool weighted = false;
  bool tagged = false;  // has channels
};
GraphSummary Summarize(const Graph& graph);

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_GRAPH_OPS_H_
