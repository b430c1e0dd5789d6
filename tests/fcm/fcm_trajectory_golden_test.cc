// Golden cases: full sigmoid (λ = 1) trajectories of the FCMpy reference map, one test per rule,
// compared step by step (../shared/data/fcm/trajectory_sigmoid_l1_<rule>.csv).
#include <gtest/gtest.h>

#include "duckweed/core/csv.h"
#include "duckweed/fcm/fcm_inference.h"
#include "duckweed/fcm/fcm_io.h"
#include "support/shared_data.h"

namespace duckweed::fcm {
namespace {

void ExpectTrajectory(FcmRule rule, const std::string& file) {
  DUCKWEED_SHARED_FILE_OR_SKIP(map_path, "fcm/fcmpy_simulator_reference.json");
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "fcm/" + file);
  auto map = ParseFcmJson(testing::ReadFileOrFail(map_path), map_path.string());
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  auto table = core::ReadCsvFile(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  FcmOptions options;
  options.rule = rule;
  options.tolerance = 0.001;
  options.max_iterations = 50;
  auto run = RunFcm(*map, DefaultFcmInitial(*map, 0.0), options);
  ASSERT_TRUE(run.ok());
  ASSERT_EQ(run->trajectory.size(), table->row_count());
  core::DiagnosticSink sink;
  for (size_t t = 0; t < table->row_count(); ++t) {
    EXPECT_EQ(table->Integer(t, 0, sink), static_cast<int64_t>(t));
    for (size_t j = 0; j < map->size(); ++j) {
      ASSERT_EQ(table->header()[j + 1], map->concept_name(j));
      EXPECT_NEAR(run->trajectory[t][j], *table->Real(t, j + 1, sink), 1e-12)
          << "iteration " << t << " concept " << map->concept_name(j);
    }
  }
  EXPECT_TRUE(sink.empty()) << sink.ToStatus().ToString();
}

TEST(FcmTrajectoryGolden, SigmoidKosko) {
  ExpectTrajectory(FcmRule::kKosko, "trajectory_sigmoid_l1_kosko.csv");
}
TEST(FcmTrajectoryGolden, SigmoidModifiedKosko) {
  ExpectTrajectory(FcmRule::kModifiedKosko, "trajectory_sigmoid_l1_mkosko.csv");
}
TEST(FcmTrajectoryGolden, SigmoidRescaled) {
  ExpectTrajectory(FcmRule::kRescaled, "trajectory_sigmoid_l1_rescaled.csv");
}

}  // namespace
}  // namespace duckweed::fcm
