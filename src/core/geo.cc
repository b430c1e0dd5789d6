#include "duckweed/core/geo.h"

#include <algorithm>
#include <cmath>

namespace duckweed::core {

double GreatCircleKm(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = Radians(lat2 - lat1);
  const double dlon = Radians(lon2 - lon1);
  const double s_lat = std::sin(dlat / 2);
  const double s_lon = std::sin(dlon / 2);
  const double a =
      s_lat * s_lat + std::cos(Radians(lat1)) * std::cos(Radians(lat2)) * s_lon * s_lon;
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

std::array<double, 3> UnitVector(double lat, double lon) {
  const double phi = Radians(lat);
  const double lambda = Radians(lon);
  return {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)};
}

double ChordToKm(double chord) {
  return 2.0 * kEarthRadiusKm * std::asin(std::clamp(chord / 2.0, 0.0, 1.0));
}

double KmToChord(double km) {
  constexpr double kHalfPi = 1.5707963267948966;
  return 2.0 * std::sin(std::clamp(km / (2.0 * kEarthRadiusKm), 0.0, kHalfPi));
}

}  // namespace duckweed::core
