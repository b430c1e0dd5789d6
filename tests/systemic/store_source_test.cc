#include "duckweed/systemic/store_source.h"

#include <gtest/gtest.h>

namespace duckweed::evaluate {
namespace {

TEST(StoreSourceTest, SpecsFromTargetsAndBaselinesAndSkipsTheRest) {
  auto db = store::Store::Open(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  store::Territory loos;
  loos.id = "fr:62528";
  loos.name = "Loos-en-Gohelle";
  loos.kind = "commune";
  ASSERT_TRUE((*db)->UpsertTerritories({loos}).ok());
  store::Indicator green{"green_km", "Green belt", "km", "nature_green_belts", "higher"};
  store::Indicator mwh{"mwh", "Municipal energy", "MWh", "energie_et_climat", "lower"};
  store::Indicator odd{"odd", "Odd", "", "astrology", ""};
  store::Indicator notarget{"nt", "No target", "", "mobility", ""};
  ASSERT_TRUE((*db)->UpsertIndicators({green, mwh, odd, notarget}).ok());
  std::vector<store::Observation> obs = {
      {"fr:62528", "green_km", 2001, "result", 10}, {"fr:62528", "green_km", 2011, "result", 20},
      {"fr:62528", "green_km", 2030, "target", 30}, {"fr:62528", "mwh", 2011, "result", 200},
      {"fr:62528", "mwh", 2016, "result", 150},     {"fr:62528", "mwh", 2030, "target", 100},
      {"fr:62528", "odd", 2011, "result", 1},       {"fr:62528", "nt", 2011, "result", 1}};
  ASSERT_TRUE((*db)->UpsertObservations(obs).ok());
  auto in = LoadTownFromStore(**db, "Loos-en-Gohelle", Taxonomy::Default());
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  ASSERT_EQ(in->specs.size(), 2u);
  EXPECT_EQ(in->skipped.size(), 2u);
  auto scores = ComputeDomainScores(in->specs, in->observations, Taxonomy::Default());
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  EXPECT_DOUBLE_EQ(*scores->At("nature_green_belts", 2011), 0.5);  // 10 -> 30, at 20
  EXPECT_DOUBLE_EQ(*scores->At("energy", 2016), 0.5);              // 200 -> 100, at 150
  EXPECT_FALSE(scores->At("energy", 2001).has_value());
  auto missing = LoadTownFromStore(**db, "Nowhere", Taxonomy::Default());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), core::Code::kNotFound);
}

}  // namespace
}  // namespace duckweed::evaluate
