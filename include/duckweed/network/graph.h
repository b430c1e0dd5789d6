// Graph: an immutable directed graph in compressed sparse row (CSR) form, built once and then
// shared read-only by simulations (diffusion) and analyses. An undirected graph is stored as two
// arcs per edge. Node ids are dense 0..n-1; an optional external label per node maps back to the
// input's ids or to territory ids.
//
// Per-arc data: an optional probability/weight (double) and a channel tag (uint8_t: which builder
// made the arc, e.g. concentric, institutional, long-range). Per-node attributes are optional
// columns (population, receptivity, resistance, latitude, longitude, group id).
//
// Memory: 4 bytes per arc for targets, 8 per node for offsets, plus 4 (float) or 8 per arc for
// weights when present; a 1M-node 10M-arc graph without weights takes ~48 MB.
// Thread safety: immutable after Build(); any number of threads may read it.
#ifndef DUCKWEED_NETWORK_GRAPH_H_
#define DUCKWEED_NETWORK_GRAPH_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "duckweed/core/status.h"

namespace duckweed::network {

using NodeId = uint32_t;
using ArcIndex = uint64_t;

class Graph {
 public:
  NodeId node_count() const {
    return static_cast<NodeId>(offsets_.empty() ? 0 : offsets_.size() - 1);
  }
  ArcIndex arc_count() const { return targets_.size(); }

  // Out-neighbours of u, and the indices of their arcs (for weights()/channels()).
  std::span<const NodeId> OutNeighbors(NodeId u) const {
    return {targets_.data() + offsets_[u], targets_.data() + offsets_[u + 1]};
  }
  ArcIndex ArcBegin(NodeId u) const { return offsets_[u]; }
  ArcIndex ArcEnd(NodeId u) const { return offsets_[u + 1]; }
  uint32_t OutDegree(NodeId u) const {
    return static_cast<uint32_t>(offsets_[u + 1] - offsets_[u]);
  }

  bool has_weights() const { return !weights_.empty(); }
  std::span<const float> weights() const { return weights_; }      // per arc, empty when unweighted
  std::span<const uint8_t> channels() const { return channels_; }  // per arc, empty when untagged

  // Raw CSR arrays (for serialisation and tight loops).
  std::span<const ArcIndex> offsets() const { return offsets_; }
  std::span<const NodeId> targets() const { return targets_; }

  // Builders live in the network module (edge lists, generators, places); they fill these.
  struct Parts {
    std::vector<ArcIndex> offsets;  // size n+1
    std::vector<NodeId> targets;
    std::vector<float> weights;     // empty or one per arc
    std::vector<uint8_t> channels;  // empty or one per arc
  };
  // Takes ownership of the arrays without copying. REQUIRES: Validate(parts).ok() (checked by
  // assert in debug builds only; builders in this module always produce valid parts). Empty
  // offsets are read as the empty graph. O(1) in release builds.
  static Graph FromParts(Parts parts);

  // Checks the CSR invariants: offsets non-empty, offsets[0] == 0, non-decreasing,
  // offsets.back() == targets.size(), every target < n, weights and channels empty or one per
  // arc. Returns InvalidInput naming the first violation. O(n + m).
  static core::Status Validate(const Parts& parts);

  // Gives the arrays back (for a builder that derives a new graph from this one).
  Parts ToParts() &&;

 private:
  std::vector<ArcIndex> offsets_;
  std::vector<NodeId> targets_;
  std::vector<float> weights_;
  std::vector<uint8_t> channels_;
};

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_GRAPH_H_
