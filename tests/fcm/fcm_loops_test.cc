// FCM feedback loops: counts on complete digraphs (Σ_k C(n,k)(k−1)! elementary cycles), polarity
// and strength, truncation, and the loops the Loos example's README names.
#include "duckweed/fcm/fcm_loops.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "duckweed/fcm/fcm_io.h"

namespace duckweed::fcm {
namespace {

FcmMap Complete(size_t n, double w) {
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("C" + std::to_string(i));
  std::vector<double> weights(n * n, w);
  for (size_t i = 0; i < n; ++i) weights[i * n + i] = 0.0;
  return *FcmMap::Create(names, weights);
}

TEST(FcmLoops, CompleteDigraphCycleCounts) {
  EXPECT_EQ(FindFcmLoops(Complete(3, 0.5)).loops.size(), 5u);   // 3 + 2
  EXPECT_EQ(FindFcmLoops(Complete(4, 0.5)).loops.size(), 20u);  // 6 + 8 + 6
  EXPECT_EQ(FindFcmLoops(Complete(5, 0.5)).loops.size(), 84u);  // 10 + 20 + 30 + 24
}

TEST(FcmLoops, PolarityStrengthAndSelfLoop) {
  auto map = ParseFcmCsv("from,to,weight\nA,B,0.5\nB,A,-0.4\nB,C,1\nC,B,0.2\nC,C,-0.3\n", "m");
  ASSERT_TRUE(map.ok());
  FcmLoopReport r = FindFcmLoops(*map);
  ASSERT_EQ(r.loops.size(), 3u);
  EXPECT_EQ(r.loops[0].concepts, (std::vector<size_t>{2}));  // C → C
  EXPECT_EQ(r.loops[0].polarity, -1);
  EXPECT_EQ(r.loops[1].concepts, (std::vector<size_t>{0, 1}));  // A → B → A
  EXPECT_EQ(r.loops[1].polarity, -1);
  EXPECT_DOUBLE_EQ(r.loops[1].strength, 0.2);
  EXPECT_EQ(r.loops[2].concepts, (std::vector<size_t>{1, 2}));  // B → C → B
  EXPECT_EQ(r.loops[2].polarity, 1);
  EXPECT_FALSE(r.truncated);
}

TEST(FcmLoops, TruncatesAtTheCap) {
  FcmLoopReport r = FindFcmLoops(Complete(5, 0.5), 10);
  EXPECT_EQ(r.loops.size(), 10u);
  EXPECT_TRUE(r.truncated);
}

TEST(FcmLoops, LoosExampleHasTheLoopsItsReadmeNames) {
  auto dir = std::filesystem::path(DUCKWEED_EXAMPLES_DIR) / "loos";
  auto map = ReadFcmFile(dir / "ecosystem_fcm.csv");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  FcmLoopReport r = FindFcmLoops(*map);
  auto polarity_of = [&](std::vector<std::string> names) {
    std::vector<size_t> idx;
    for (const auto& n : names) idx.push_back(*map->Index(n));
    std::rotate(idx.begin(), std::min_element(idx.begin(), idx.end()), idx.end());
    for (const FcmLoop& l : r.loops) {
      if (l.concepts == idx) return l.polarity;
    }
    return 0;
  };
  EXPECT_EQ(polarity_of({"citizen_involvement", "project_success", "trust"}), 1);    // R1
  EXPECT_EQ(polarity_of({"eco_housing", "energy_savings", "municipal_budget"}), 1);  // R4
  EXPECT_EQ(polarity_of({"citizen_involvement", "participation_fatigue"}), -1);      // B1
  EXPECT_EQ(polarity_of({"attractiveness", "land_pressure", "green_belt"}), -1);     // B2
}

}  // namespace
}  // namespace duckweed::fcm
