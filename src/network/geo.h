// Internal: places as points on the sphere, for k-d tree search in 3-D (the chord distance is
// monotone in the great-circle distance, so nearest in 3-D is nearest on the globe).
#ifndef DUCKWEED_SRC_NETWORK_GEO_H_
#define DUCKWEED_SRC_NETWORK_GEO_H_

#include <array>
#include <cmath>
#include <span>
#include <vector>

#include "duckweed/network/places.h"

namespace duckweed::network::internal {

inline constexpr double kEarthRadiusKm = 6371.0088;

inline std::array<double, 3> ToUnitVector(double lat_deg, double lon_deg) {
  const double lat = lat_deg * M_PI / 180.0;
  const double lon = lon_deg * M_PI / 180.0;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

// Chord length on the unit sphere <-> great-circle distance in km.
inline double ChordToKm(double chord) {
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, chord / 2.0));
}
inline double KmToChord(double km) {
  const double half_angle = std::min(M_PI / 2, km / (2.0 * kEarthRadiusKm));
  return 2.0 * std::sin(half_angle);
}

// The nanoflann dataset adaptor.
struct PointCloud {
  std::vector<std::array<double, 3>> points;

  explicit PointCloud(std::span<const Place> places) {
    points.reserve(places.size());
    for (const Place& p : places) points.push_back(ToUnitVector(p.lat, p.lon));
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
