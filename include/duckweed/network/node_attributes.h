// Per-node attributes kept beside a Graph (not inside it, so simulations that need none pay
// nothing): optional columns, each empty or one value per node.
//
// population: inhabitants (the gravity model and seeding by population use it);
// receptivity: a multiplier of adoption probability, 1 = neutral ("sun and organic matter");
// resistance: a probability-like reduction in [0, 1], 0 = none (the "cordon sanitaire");
// latitude/longitude: WGS84 degrees; group: a community id (EPCI, département, cluster).
// Thread safety: a plain value.
#ifndef DUCKWEED_NETWORK_NODE_ATTRIBUTES_H_
#define DUCKWEED_NETWORK_NODE_ATTRIBUTES_H_

#include <cstdint>
#include <vector>

#include "duckweed/core/status.h"
#include "duckweed/network/graph.h"

namespace duckweed::network {

struct NodeAttributes {
  std::vector<double> population;
  std::vector<double> receptivity;
  std::vector<double> resistance;
  std::vector<double> latitude;
  std::vector<double> longitude;
  std::vector<uint32_t> group;

  bool has_coordinates() const { return !latitude.empty() && !longitude.empty(); }

  // Checks that every non-empty column has n values, population >= 0, receptivity >= 0,
  // resistance in [0, 1], latitude in [-90, 90], longitude in [-180, 180], all finite, and that
  // latitude and longitude come together. InvalidInput names the column and the first bad node.
  core::Status Validate(NodeId n) const;
};

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_NODE_ATTRIBUTES_H_
