// Internal: places as points on the sphere, for k-d tree search in 3-D (the chord distance is
// monotone in the great-circle distance, so nearest in 3-D is nearest on the globe).
#ifndef DUCKWEED_SRC_NETWORK_GEO_H_
#define DUCKWEED_SRC_NETWORK_GEO_H_

#include <array>
#include <span>
#include <vector>

#include "duckweed/core/geo.h"
#include "duckweed/network/places.h"

namespace duckweed::network::internal {

// The nanoflann dataset adaptor.
struct PointCloud {
  std::vector<std::array<double, 3>> points;

  explicit PointCloud(std::span<const Place> places) {
    points.reserve(places.size());
    for (const Place& p : places) points.push_back(core::UnitVector(p.lat, p.lon));
  }
  size_t kdtree_get_point_count() const { return points.size(); }
  double kdtree_get_pt(size_t i, size_t dim) const { return points[i][dim]; }
  template <class BoundingBox>
  bool kdtree_get_bbox(BoundingBox&) const {
    return false;
  }
};

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_GEO_H_
