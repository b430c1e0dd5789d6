// Golden cases: Mental-Modeler-style scenarios (scenario − baseline) on the FCMpy reference map,
// ../shared/data/fcm/mentalmodeler_style_scenarios.json (computed by the data's author with the
// algorithm of mentalmodeler-scenario; a parity target, not published values). One test per case.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "duckweed/fcm/fcm_io.h"
#include "duckweed/fcm/fcm_scenario.h"
#include "support/shared_data.h"

namespace duckweed::fcm {
namespace {

using nlohmann::json;

void ExpectScenario(const std::string& squash, const std::string& concept_name, double clamp) {
  DUCKWEED_SHARED_FILE_OR_SKIP(map_path, "fcm/fcmpy_simulator_reference.json");
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "fcm/mentalmodeler_style_scenarios.json");
  auto map = ParseFcmJson(testing::ReadFileOrFail(map_path), map_path.string());
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  json cases = json::parse(testing::ReadFileOrFail(path));
  const json* found = nullptr;
  for (const json& c : cases) {
    if (c["squash"] == squash && c["clamps"].contains(concept_name)) found = &c;
  }
  ASSERT_NE(found, nullptr) << "no case " << squash << " " << concept_name;
  ASSERT_EQ((*found)["clamps"][concept_name].get<double>(), clamp);

  FcmOptions options =
      MentalModelerOptions(squash == "tanh" ? FcmTransfer::kTanh : FcmTransfer::kSigmoid);
  size_t index = *map->Index(concept_name);
  auto result =
      RunFcmScenario(*map, std::vector<double>(map->size(), 1.0), options, {{index, clamp}});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->baseline.iterations, (*found)["baseline_iterations"]);
  EXPECT_EQ(result->scenario.iterations, (*found)["scenario_iterations"]);
  std::vector<double> baseline = (*found)["baseline"], scenario = (*found)["scenario"];
  for (size_t i = 0; i < map->size(); ++i) {
    EXPECT_NEAR(result->baseline.FinalState()[i], baseline[i], 1e-12) << i;
    EXPECT_NEAR(result->scenario.FinalState()[i], scenario[i], 1e-12) << i;
  }
  const json& diff = (*found)["relative_difference"];
  const json& rounded = (*found)["relative_difference_rounded2"];
  EXPECT_EQ(diff.size(), map->size() - 1);  // the clamped concept is not reported
  for (const auto& [name, value] : diff.items()) {
    size_t i = *map->Index(name);
    EXPECT_FALSE(result->clamped[i]);
    EXPECT_NEAR(result->difference[i], value.get<double>(), 1e-12) << name;
    EXPECT_NEAR(std::round(result->difference[i] * 100) / 100, rounded[name].get<double>(), 1e-12)
        << name;
  }
  EXPECT_TRUE(result->clamped[index]);
}

TEST(FcmMentalModelerGolden, SigmoidClampC1High) { ExpectScenario("sigmoid", "C1", 1.0); }
TEST(FcmMentalModelerGolden, SigmoidClampC6Low) { ExpectScenario("sigmoid", "C6", -1.0); }
TEST(FcmMentalModelerGolden, SigmoidClampC3Partial) { ExpectScenario("sigmoid", "C3", 0.62); }
TEST(FcmMentalModelerGolden, TanhClampC1High) { ExpectScenario("tanh", "C1", 1.0); }
TEST(FcmMentalModelerGolden, TanhClampC6Low) { ExpectScenario("tanh", "C6", -1.0); }
TEST(FcmMentalModelerGolden, TanhClampC3Partial) { ExpectScenario("tanh", "C3", 0.62); }

}  // namespace
}  // namespace duckweed::fcm
