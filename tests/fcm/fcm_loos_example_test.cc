// The shipped Loos-en-Gohelle example (examples/loos/): the FCM and its stakeholder variants load,
// run and aggregate; the XMILE model runs in the sd engine and reproduces the sourced facts its
// README lists (within the stated tolerances).
#include <gtest/gtest.h>

#include <filesystem>

#include "duckweed/fcm/fcm_aggregate.h"
#include "duckweed/fcm/fcm_io.h"
#include "duckweed/fcm/fcm_scenario.h"
#include "duckweed/sd/sd_simulate.h"
#include "duckweed/sd/sd_xmile.h"

namespace duckweed::fcm {
namespace {

// The shipped SD model of the same town, beside its map.
using sd::CompiledModel;
using sd::ReadXmileFile;
using sd::SimResults;

std::filesystem::path Example(const std::string& name) {
  return std::filesystem::path(DUCKWEED_EXAMPLES_DIR) / "loos" / name;
}

FcmMap LoadMain() {
  auto map = ReadFcmFile(Example("ecosystem_fcm.csv"), Example("ecosystem_concepts.csv"));
  EXPECT_TRUE(map.ok()) << map.status().ToString();
  return map.ok() ? *map : *FcmMap::Create({"empty"}, {0.0});
}

TEST(FcmLoosExample, MainMapLoadsWithConceptsFile) {
  FcmMap map = LoadMain();
  EXPECT_EQ(map.size(), 17u);
  EXPECT_EQ(map.edge_count(), 36u);
  EXPECT_EQ(map.initial(*map.Index("municipal_leadership")), 1.0);
}

TEST(FcmLoosExample, InvolvementScenarioRaisesSuccessAndFatigue) {
  FcmMap map = LoadMain();
  FcmOptions options = MentalModelerOptions(FcmTransfer::kSigmoid);
  options.keep_source_concepts = true;
  auto result = RunFcmScenario(map, DefaultFcmInitial(map, 1.0), options,
                               {{*map.Index("citizen_involvement"), 1.0}});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->baseline.outcome, FcmOutcome::kFixedPoint);
  EXPECT_EQ(result->scenario.outcome, FcmOutcome::kFixedPoint);
  // Every path from involvement to these concepts is positive, so each must rise.
  for (const char* name : {"project_success", "trust", "participation_fatigue", "solar_energy"}) {
    EXPECT_GT(result->difference[*map.Index(name)], 0.0) << name;
  }
  // The leadership driver has no incoming edge and is held.
  EXPECT_EQ(result->difference[*map.Index("municipal_leadership")], 0.0);
}

TEST(FcmLoosExample, StakeholderMapsAggregate) {
  std::vector<FcmMap> maps;
  for (const char* file : {"ecosystem_fcm_residents.csv", "ecosystem_fcm_employees.csv",
                           "ecosystem_fcm_officials.csv"}) {
    auto map = ReadFcmFile(Example(file));
    ASSERT_TRUE(map.ok()) << map.status().ToString();
    maps.push_back(*map);
  }
  auto agg = AggregateFcmMaps(maps);
  ASSERT_TRUE(agg.ok()) << agg.status().ToString();
  EXPECT_EQ(agg->size(), 17u);
  size_t from = *agg->Index("citizen_involvement"), to = *agg->Index("project_success");
  EXPECT_NEAR(agg->weight(from, to), (0.5 + 0.7 + 0.7) / 3, 1e-12);
  // Only residents draw land pressure → purchasing power: diluted to a third.
  EXPECT_NEAR(agg->weight(*agg->Index("land_pressure"), *agg->Index("household_purchasing_power")),
              -0.4 / 3, 1e-12);
}

double ValueAt(const SimResults& r, const std::string& name, double time) {
  size_t col = 0;
  while (col < r.names.size() && r.names[col] != name) ++col;
  EXPECT_LT(col, r.names.size()) << name;
  for (size_t row = 0; row < r.times.size(); ++row) {
    if (std::abs(r.times[row] - time) < 1e-9 && col < r.names.size()) return r.At(row, col);
  }
  ADD_FAILURE() << "no saved time " << time;
  return 0.0;
}

// Calibration targets (sources in examples/loos/README.md): 222 eco social dwellings (2018),
// population 6896 (2021), 55-68 ha organic farmland, 5-6 fifty-fifty projects per year (2021),
// "several hundred" residents involved.
TEST(FcmLoosExample, XmileModelReproducesSourcedFacts) {
  auto project = ReadXmileFile(Example("ecosystem.xmile"));
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto model = CompiledModel::Compile(*project);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  SimResults r = model->Run();
  EXPECT_NEAR(ValueAt(r, "Eco Dwellings", 2018), 222, 0.1 * 222);
  EXPECT_NEAR(ValueAt(r, "Population", 2021), 6896, 0.02 * 6896);
  double organic = ValueAt(r, "Organic Farmland", 2021);
  EXPECT_GE(organic, 55 * 0.95);
  EXPECT_LE(organic, 68);
  double projects = ValueAt(r, "Fifty Fifty Projects per Year", 2021);
  EXPECT_GE(projects, 5.0);
  EXPECT_LE(projects, 6.0);
  double involved = ValueAt(r, "Involved Citizens", 2021);
  EXPECT_GE(involved, 200);
  EXPECT_LE(involved, 900);
}

}  // namespace
}  // namespace duckweed::fcm
