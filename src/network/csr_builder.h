// Internal: turns a list of (source, target) pairs into CSR arrays. Shared by the edge-list reader,
// the generators and the place builders so that symmetrisation, self-loop dropping and
// de-duplication mean the same thing everywhere.
#ifndef DUCKWEED_SRC_NETWORK_CSR_BUILDER_H_
#define DUCKWEED_SRC_NETWORK_CSR_BUILDER_H_

#include <cstdint>
#include <vector>

#include "duckweed/network/graph.h"

namespace duckweed::network::internal {

// Edges in input order. weights and channels are empty or one per edge.
struct EdgeBuffer {
  std::vector<NodeId> sources;
  std::vector<NodeId> targets;
  std::vector<float> weights;
  std::vector<uint8_t> channels;

  void Add(NodeId u, NodeId v) {
    sources.push_back(u);
    targets.push_back(v);
  }
  size_t size() const { return sources.size(); }
};

struct CsrOptions {
  bool symmetrize = false;       // each edge {u,v} becomes arcs u->v and v->u (a loop: one arc)
  bool drop_self_loops = false;  // u->u edges are skipped
  bool dedup = false;            // parallel arcs collapse into the first one listed; channels OR
};

struct CsrCounts {
  uint64_t self_loops_dropped = 0;
  uint64_t duplicate_arcs_dropped = 0;
};

// Builds the graph on n nodes. Within a row, arcs keep input order (after de-duplication the
// surviving arc is the first occurrence, with its weight; channels of merged arcs are OR-ed).
// REQUIRES: every endpoint < n. O(n + m), plus O(d log d) per row when dedup is set.
Graph BuildCsr(NodeId n, const EdgeBuffer& edges, const CsrOptions& options,
               CsrCounts* counts = nullptr);

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_CSR_BUILDER_H_
