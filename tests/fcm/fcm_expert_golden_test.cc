// Golden cases: FCMpy's expert-FCM tests (../shared/data/fcm/fcmpy_expert_fcm_reference.json and
// fcmpy_test_cases/*.json). The entropy cases need .xlsx input, which duckweed does not read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "duckweed/fcm/fcm_expert.h"
#include "support/shared_data.h"

namespace duckweed::fcm {
namespace {

using nlohmann::json;

constexpr char kReference[] = "fcm/fcmpy_expert_fcm_reference.json";

TEST(FcmExpertGolden, LinguisticTermsMatchFcmpyTriangles) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  json doc = json::parse(testing::ReadFileOrFail(path));
  const json& terms = doc["linguistic_terms_trimf"];
  ASSERT_EQ(terms.size(), FcmDefaultTerms().size());
  for (const FcmLinguisticTerm& t : FcmDefaultTerms()) {
    ASSERT_TRUE(terms.contains(t.name)) << t.name;
    std::vector<double> abc = terms[t.name];
    EXPECT_EQ(abc, (std::vector<double>{t.shape.a, t.shape.b, t.shape.c})) << t.name;
    // Peak 1, feet 0 (except where a foot is the peak), midpoints 0.5.
    EXPECT_EQ(TriangularMembership(t.shape, t.shape.b), 1.0);
    if (t.shape.a < t.shape.b) {
      EXPECT_EQ(TriangularMembership(t.shape, t.shape.a), 0.0);
      EXPECT_NEAR(TriangularMembership(t.shape, (t.shape.a + t.shape.b) / 2), 0.5, 1e-12);
    }
    if (t.shape.b < t.shape.c) {
      EXPECT_EQ(TriangularMembership(t.shape, t.shape.c), 0.0);
      EXPECT_NEAR(TriangularMembership(t.shape, (t.shape.b + t.shape.c) / 2), 0.5, 1e-12);
    }
  }
}

TEST(FcmExpertGolden, LarsenFmaxCentroid) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  json doc = json::parse(testing::ReadFileOrFail(path));
  const json& c = doc["defuzz_case"];
  std::vector<std::pair<std::string, double>> shares;
  for (const auto& [term, share] : c["weights (share of experts choosing the term)"].items()) {
    shares.emplace_back(term, share.get<double>());
  }
  auto w = DefuzzifyFcmLink(shares, FcmImplication::kLarsen);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_NEAR(*w, c["expected"].get<double>(), 0.005);  // FCMpy: assertAlmostEqual(places=2)
  EXPECT_NEAR(*w, c["recomputed_here"].get<double>(), 1e-9);
}

// data_test.json: two experts. C1→C1 rated +M and +L, C1→C2 rated −VL and +VL. Under Mamdani,
// each term is clipped at 1/2; the union of the clipped +L and +M triangles is symmetric about
// 0.375 and that of −VL and +VL about 0, so the centroids are 0.375 and 0 (FCMpy asserts only
// that the weights lie in [−1, 1]).
TEST(FcmExpertGolden, BuildFromSurveyJson) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "fcm/fcmpy_test_cases/data_test.json");
  auto map = BuildFcmFromSurveyJson(testing::ReadFileOrFail(path), path.string());
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  ASSERT_EQ(map->concepts(), (std::vector<std::string>{"C1", "C2"}));
  EXPECT_NEAR(map->weight(0, 0), 0.375, 1e-9);
  EXPECT_NEAR(map->weight(0, 1), 0.0, 1e-9);
  EXPECT_EQ(map->weight(1, 0), 0.0);
}

TEST(FcmExpertGolden, BuildFromSurveyJsonWithUnsureColumn) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "fcm/fcmpy_test_cases/data_test_unsure.json");
  auto map =
      BuildFcmFromSurveyJson(testing::ReadFileOrFail(path), path.string(), FcmImplication::kLarsen);
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  // Larsen scales both triangles by 1/2: same symmetry, same centroids.
  EXPECT_NEAR(map->weight(0, 0), 0.375, 1e-9);
  EXPECT_NEAR(map->weight(0, 1), 0.0, 1e-9);
}

TEST(FcmExpertGolden, BuildDefaultsAreMamdani) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, kReference);
  json doc = json::parse(testing::ReadFileOrFail(path));
  EXPECT_EQ(doc["fcmpy_build_defaults"]["implication"], "Mamdani (min)");
  // A single expert choosing +H: Mamdani clips at 1, so the centroid is the triangle's, 0.75.
  auto w = DefuzzifyFcmLink({{"+H", 1.0}}, FcmImplication::kMamdani);
  ASSERT_TRUE(w.ok());
  EXPECT_NEAR(*w, 0.75, 1e-9);
}

}  // namespace
}  // namespace duckweed::fcm
