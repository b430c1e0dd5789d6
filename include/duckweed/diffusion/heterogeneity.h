// Node heterogeneity: how receptive each place is ("sun and organic matter") and how much it
// resists around a pioneer (the "cordon sanitaire"). Both combine into one factor per node,
//   f(v) = receptivity(v) * (1 - resistance(v)),
// that multiplies v's adoption probability in every model (see model.h).
#ifndef DUCKWEED_DIFFUSION_HETEROGENEITY_H_
#define DUCKWEED_DIFFUSION_HETEROGENEITY_H_

#include <span>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/graph.h"

namespace duckweed::diffusion {

struct NodeFactors {
  std::vector<double> receptivity;  // empty (all 1) or one per node, each >= 0
  std::vector<double> resistance;   // empty (all 0) or one per node, each in [0,1]

  bool empty() const { return receptivity.empty() && resistance.empty(); }
  // The combined factor f(v), or an empty vector when both columns are empty.
  std::vector<double> Combined(size_t node_count) const;
};

// Checks sizes (one per node) and ranges; InvalidInput names the column and the first bad node.
core::Status ValidateFactors(const NodeFactors& factors, size_t node_count);

// Cordon sanitaire on the graph: every node within `hops` arcs of a pioneer (following arcs
// forward) that is not itself a pioneer gets resistance strength * decay^(distance - 1); other
// nodes 0. REQUIRES: pioneers < node_count. O(n + m).
std::vector<double> CordonByHops(const network::Graph& graph,
                                 std::span<const network::NodeId> pioneers, double strength,
                                 int hops, double decay);

// Cordon sanitaire in space: node v at great-circle distance d km from its nearest pioneer gets
// resistance strength * exp(-d / scale_km) (0 for pioneers themselves). latitude/longitude in
// degrees, one per node. O(n * |pioneers|).
std::vector<double> CordonByDistance(std::span<const double> latitude,
                                     std::span<const double> longitude,
                                     std::span<const network::NodeId> pioneers, double strength,
                                     double scale_km);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_HETEROGENEITY_H_
