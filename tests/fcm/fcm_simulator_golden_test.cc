// Golden cases: FCMpy's simulator tests (values quoted from the R package `fcm`), read from
// ../shared/data/fcm/fcmpy_simulator_reference.json, which doubles as an FCM JSON input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "duckweed/fcm/fcm_inference.h"
#include "duckweed/fcm/fcm_io.h"
#include "support/shared_data.h"

namespace duckweed::fcm {
namespace {

using nlohmann::json;

constexpr char kReference[] = "fcm/fcmpy_simulator_reference.json";

struct Loaded {
  FcmMap map;
  json doc;
};

std::optional<Loaded> Load(const std::filesystem::path& path) {
  std::string text = testing::ReadFileOrFail(path);
  auto map = ParseFcmJson(text, path.string());
  if (!map.ok()) {
    ADD_FAILURE() << map.status().ToString();
    return std::nullopt;
  }
  return Loaded{*map, json::parse(text)};
}

// FCMpy's settings for these cases: sigmoid λ = 1, |ΔA| ≤ 0.001, at most 50 iterations.
FcmOptions ReferenceOptions(FcmRule rule) {
  FcmOptions options;
  options.rule = rule;
  options.transfer = FcmTransfer::kSigmoid;
  options.lambda = 1.0;
  options.tolerance = 0.001;
  options.max_iterations = 50;
  return options;
}

void ExpectFinalState(FcmRule rule, const char* key) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  auto loaded = Load(path);
  ASSERT_TRUE(loaded);
  auto run = RunFcm(loaded->map, DefaultFcmInitial(loaded->map, 0.0), ReferenceOptions(rule));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  std::vector<double> expected = loaded->doc["expected_final_state"][key];
  ASSERT_EQ(run->FinalState().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    // The reference is given to 7 decimals; FCMpy itself compares after rounding to 4.
    EXPECT_NEAR(run->FinalState()[i], expected[i], 6e-8) << key << " concept " << i;
  }
  std::string iter_key = key;
  EXPECT_EQ(run->iterations, loaded->doc["iterations_to_converge_reproduced_here"][iter_key]);
  EXPECT_EQ(run->outcome, FcmOutcome::kFixedPoint);
}

TEST(FcmSimulatorGolden, Kosko) { ExpectFinalState(FcmRule::kKosko, "kosko"); }
TEST(FcmSimulatorGolden, ModifiedKosko) { ExpectFinalState(FcmRule::kModifiedKosko, "mKosko"); }
TEST(FcmSimulatorGolden, Rescaled) { ExpectFinalState(FcmRule::kRescaled, "rescaled"); }

TEST(FcmSimulatorGolden, OutputConceptsConvergence) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  auto loaded = Load(path);
  ASSERT_TRUE(loaded);
  const json& c = loaded->doc["output_concepts_case"];
  FcmOptions options = ReferenceOptions(FcmRule::kModifiedKosko);
  for (const std::string name : c["output_concepts"]) {
    options.convergence_concepts.push_back(*loaded->map.Index(name));
  }
  auto run = RunFcm(loaded->map, DefaultFcmInitial(loaded->map, 0.0), options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->iterations, c["iterations_reproduced_here"]);
  for (const auto& [name, value] : c["expected_final"].items()) {
    // FCMpy compares after rounding to 6 decimals.
    EXPECT_NEAR(run->FinalState()[*loaded->map.Index(name)], value.get<double>(), 5e-7) << name;
  }
}

std::set<double> DistinctValues(const FcmRun& run) {
  std::set<double> values;
  for (const auto& row : run.trajectory) values.insert(row.begin(), row.end());
  return values;
}

TEST(FcmSimulatorGolden, BivalentStatesAreZeroOrOne) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  auto loaded = Load(path);
  ASSERT_TRUE(loaded);
  FcmOptions options = ReferenceOptions(FcmRule::kModifiedKosko);
  options.transfer = FcmTransfer::kBivalent;
  auto run = RunFcm(loaded->map, DefaultFcmInitial(loaded->map, 0.0), options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(DistinctValues(*run), (std::set<double>{0.0, 1.0}));
}

TEST(FcmSimulatorGolden, TrivalentStatesTakeThreeValues) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  auto loaded = Load(path);
  ASSERT_TRUE(loaded);
  FcmOptions options = ReferenceOptions(FcmRule::kModifiedKosko);
  options.transfer = FcmTransfer::kTrivalent;
  std::vector<double> initial = DefaultFcmInitial(loaded->map, 0.0);
  initial[0] = -1.0;
  auto run = RunFcm(loaded->map, initial, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(DistinctValues(*run), (std::set<double>{-1.0, 0.0, 1.0}));
}

TEST(FcmSimulatorGolden, TanhSpansMinusOneToOne) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  auto loaded = Load(path);
  ASSERT_TRUE(loaded);
  FcmOptions options = ReferenceOptions(FcmRule::kModifiedKosko);
  options.transfer = FcmTransfer::kTanh;
  std::vector<double> initial = DefaultFcmInitial(loaded->map, 0.0);
  initial[0] = -1.0;
  auto run = RunFcm(loaded->map, initial, options);
  ASSERT_TRUE(run.ok());
  std::set<double> values = DistinctValues(*run);
  EXPECT_EQ(*values.begin(), -1.0);
  EXPECT_EQ(*values.rbegin(), 1.0);
}

TEST(FcmSimulatorGolden, StableConceptKeepsItsInitialValue) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  auto loaded = Load(path);
  ASSERT_TRUE(loaded);
  // Remove every edge into C3 (column 2): FCMpy then holds C3 at its initial value.
  std::vector<double> w = loaded->map.weights();
  const size_t n = loaded->map.size();
  for (size_t i = 0; i < n; ++i) w[i * n + 2] = 0.0;
  auto map = FcmMap::Create(loaded->map.concepts(), w);
  ASSERT_TRUE(map.ok());
  std::vector<double> initial = DefaultFcmInitial(loaded->map, 0.0);
  initial[2] = 0.37;
  auto run = RunFcm(*map, initial, ReferenceOptions(FcmRule::kKosko));
  ASSERT_TRUE(run.ok());
  for (const auto& row : run->trajectory) EXPECT_EQ(row[2], 0.37);
}

}  // namespace
}  // namespace duckweed::fcm
