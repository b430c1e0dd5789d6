// The census context figures of towns like me, by hand (transfer/context_profile.h).
#include "duckweed/transfer/context_profile.h"

#include <gtest/gtest.h>

#include <cmath>

namespace duckweed::evaluate {
namespace {

Observation Obs(const std::string& indicator, int year, double value) {
  return {indicator, year, value, {}};
}

TEST(ContextProfile, FiguresFromCensusObservations) {
  // 10,000 in 2015 -> 10,201 in 2017: +1 %/yr compound; births 2016 over the 2015 population
  // (the latest not after 2016): 120 / 10,000 = 12 per 1,000; deaths 2017 over 10,201.
  Profile p =
      ContextProfile("t", {Obs("population", 2015, 10000), Obs("population", 2017, 10201),
                           Obs("births", 2016, 120), Obs("deaths", 2017, 102.01),
                           Obs("households", 2017, 4080.4), Obs("unemployment_rate", 2016, 9),
                           Obs("unemployment_rate", 2017, 8), Obs("area_km2", 2024, 20.402)});
  ASSERT_EQ(p.scores.size(), ContextFigureNames().size());
  EXPECT_NEAR(*p.scores[0], 1.0, 1e-9);
  EXPECT_EQ(p.years[0], 2017);
  EXPECT_EQ(*p.scores[1], 8);  // the latest
  EXPECT_NEAR(*p.scores[2], 12, 1e-9);
  EXPECT_NEAR(*p.scores[3], 10, 1e-9);
  EXPECT_NEAR(*p.scores[4], 2.5, 1e-9);
  EXPECT_NEAR(*p.scores[5], 500, 1e-9);
  EXPECT_TRUE(HasContext(p));
}

TEST(ContextProfile, MissingInputsAndZeroDenominatorsStayMissing) {
  // One population only: no change; no households; births over a zero population: missing.
  Profile p = ContextProfile(
      "t", {Obs("population", 2021, 0), Obs("births", 2021, 5), Obs("area_km2", 2024, 0)});
  for (const auto& s : p.scores) EXPECT_FALSE(s.has_value());
  EXPECT_FALSE(HasContext(p));
  EXPECT_FALSE(HasContext(ContextProfile("t", {})));
}

}  // namespace
}  // namespace duckweed::evaluate
