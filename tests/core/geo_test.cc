#include "duckweed/core/geo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace duckweed::core {
namespace {

TEST(GeoTest, OneDegreeOfLatitudeIsAnArcOfTheMeanSphere) {
  const double expected = kEarthRadiusKm * std::numbers::pi / 180.0;  // 111.19508 km
  EXPECT_NEAR(GreatCircleKm(50, 2, 51, 2), expected, 1e-9);
  EXPECT_NEAR(GreatCircleKm(0, 0, 0, 1), expected, 1e-9);  // along the equator as well
}

TEST(GeoTest, AntipodesAreHalfTheCircumferenceApart) {
  EXPECT_NEAR(GreatCircleKm(0, 0, 0, 180), kEarthRadiusKm * std::numbers::pi, 1e-6);
  EXPECT_NEAR(GreatCircleKm(90, 0, -90, 0), kEarthRadiusKm * std::numbers::pi, 1e-6);
}

TEST(GeoTest, ShortDistancesKeepTheirDigits) {
  // 1e-5 degree of latitude is 1.11195 m; the law of cosines would round it to 0 or 1.5 m.
  EXPECT_NEAR(GreatCircleKm(50.0, 2.0, 50.00001, 2.0) * 1000.0, 1.1119508, 1e-6);
  EXPECT_EQ(GreatCircleKm(50.45786, 2.79215, 50.45786, 2.79215), 0.0);
}

TEST(GeoTest, UnitVectorsPointAtThePlace) {
  const auto origin = UnitVector(0, 0);
  EXPECT_NEAR(origin[0], 1, 1e-15);
  EXPECT_NEAR(origin[1], 0, 1e-15);
  EXPECT_NEAR(origin[2], 0, 1e-15);
  const auto east = UnitVector(0, 90);
  EXPECT_NEAR(east[1], 1, 1e-15);
  EXPECT_NEAR(UnitVector(90, 123)[2], 1, 1e-15);
}

TEST(GeoTest, ChordsAndArcsAgree) {
  // A quarter circle: the chord between (0, 0) and (0, 90) is sqrt(2).
  EXPECT_NEAR(ChordToKm(std::numbers::sqrt2), kEarthRadiusKm * std::numbers::pi / 2, 1e-9);
  EXPECT_NEAR(KmToChord(kEarthRadiusKm * std::numbers::pi / 2), std::numbers::sqrt2, 1e-15);
  EXPECT_EQ(KmToChord(1e9), 2.0);  // beyond the antipodes: saturated
  // Through unit vectors, the great-circle distance of two towns (Loos-en-Gohelle, Arras).
  const auto a = UnitVector(50.45786, 2.79215), b = UnitVector(50.29301, 2.78186);
  const double chord = std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  EXPECT_NEAR(ChordToKm(chord), GreatCircleKm(50.45786, 2.79215, 50.29301, 2.78186), 1e-9);
  EXPECT_NEAR(KmToChord(ChordToKm(chord)), chord, 1e-15);
}

}  // namespace
}  // namespace duckweed::core
