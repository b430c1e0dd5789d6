// Distances on the globe: the one great-circle formula every module uses (places, peers, diffusion
// cordons, calibration exposure).
//
// Coordinates are WGS84 degrees; the Earth is a sphere of the IUGG mean radius. The haversine form
// is used because it stays accurate for the short distances (a few km between neighbouring
// communes) where the spherical law of cosines loses digits.
#ifndef DUCKWEED_CORE_GEO_H_
#define DUCKWEED_CORE_GEO_H_

#include <array>

namespace duckweed::core {

// The IUGG mean Earth radius R1, in km.
inline constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle distance in km between (lat1, lon1) and (lat2, lon2), in degrees.
double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

// The point (x, y, z) on the unit sphere at (lat, lon) degrees: x towards (0, 0), z to the north
// pole. Nearest by straight line between these points is nearest on the globe (k-d trees, grids).
std::array<double, 3> UnitVector(double lat, double lon);

// The straight-line (chord) length between two unit vectors <-> their great-circle distance in km.
// KmToChord saturates at 2 (antipodes) for km beyond half the circumference.
double ChordToKm(double chord);
double KmToChord(double km);

// Degrees to radians.
constexpr double Radians(double degrees) { return degrees * 0.017453292519943295; }

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_GEO_H_
