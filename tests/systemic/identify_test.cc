#include "duckweed/systemic/identify.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace duckweed::evaluate {
namespace {

std::vector<Example> Synthetic(const TwoAdditiveCapacity& truth, int count, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Example> examples;
  for (int e = 0; e < count; ++e) {
    Example ex;
    for (size_t i = 0; i < truth.size(); ++i) ex.scores.push_back(u(gen));
    ex.judgement = Choquet(truth, ex.scores);
    examples.push_back(std::move(ex));
  }
  return examples;
}

// The capacity passes MakeTwoAdditive's validation again (normalised, monotone within 1e-9).
void ExpectValidCapacity(const TwoAdditiveCapacity& cap) {
  std::vector<double> shapley;
  Interactions interactions;
  for (size_t i = 0; i < cap.size(); ++i) {
    shapley.push_back(cap.shapley(i));
    for (size_t j = i + 1; j < cap.size(); ++j) {
      if (cap.interaction(i, j) != 0) {
        interactions.push_back({{cap.criteria()[i], cap.criteria()[j]}, cap.interaction(i, j)});
      }
    }
  }
  auto again = MakeTwoAdditive(cap.criteria(), shapley, interactions);
  EXPECT_TRUE(again.ok()) << again.status().ToString();
}

std::vector<std::string> Names(int n) {
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back("c" + std::to_string(i + 1));
  return names;
}

// Random judgements of random profiles; the fit of the equal-weights capacity, which is feasible
// and where the solver starts, goes to `equal_rmse`.
std::vector<Example> RandomJudgements(int criteria, int count, unsigned seed, double& equal_rmse) {
  auto equal = MakeTwoAdditive(Names(criteria), std::vector<double>(criteria, 1.0 / criteria), {});
  std::vector<Example> examples = Synthetic(*equal, count, seed);
  std::mt19937 gen(seed + 100);
  std::uniform_real_distribution<double> u(0, 1);
  double sse = 0;
  for (Example& e : examples) {
    e.judgement = u(gen);
    sse += std::pow(Choquet(*equal, e.scores) - e.judgement, 2);
  }
  equal_rmse = std::sqrt(sse / count);
  return examples;
}

// Issue 10 (F6): 5 examples x 12 criteria with random judgements ended in exit 3, the solver
// leaving m(c4) + its negative interactions at -1.05e-9 (this very data). The result must be a
// valid capacity fitting at least as well as the equal weights.
TEST(IdentifyTest, FiveExamplesTwelveCriteriaGiveAValidCapacity) {
  double equal_rmse = 0;
  auto examples = RandomJudgements(12, 5, 5, equal_rmse);
  auto found = IdentifyCapacity(Names(12), examples);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ExpectValidCapacity(found->capacity);
  EXPECT_LE(found->rmse, equal_rmse + 1e-9);
}

// 5 examples x 12 criteria judged by an additive capacity: underdetermined, so an exact fit
// exists and the projected capacity must still reproduce the judgements.
TEST(IdentifyTest, FewExamplesOfAKnownCapacityAreReproduced) {
  const int n = 12;
  std::vector<double> weights;
  for (int i = 0; i < n; ++i) weights.push_back((i + 1) / 78.0);  // 1 + ... + 12 = 78
  auto truth = MakeTwoAdditive(Names(n), weights, {});
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  auto found = IdentifyCapacity(Names(n), Synthetic(*truth, 5, 11));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ExpectValidCapacity(found->capacity);
  EXPECT_LT(found->rmse, 1e-4);
}

// Issue 10 (F6): 30 examples x 20 criteria with random judgements ended in exit 3 (a Shapley
// importance at -1.3e-9 with this data).
TEST(IdentifyTest, RandomJudgementsOnTwentyCriteriaGiveAValidCapacity) {
  double equal_rmse = 0;
  auto examples = RandomJudgements(20, 30, 5, equal_rmse);
  auto found = IdentifyCapacity(Names(20), examples);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ExpectValidCapacity(found->capacity);
  EXPECT_LE(found->rmse, equal_rmse + 1e-9);
}

TEST(IdentifyTest, RecoversAKnownCapacityFromExactJudgements) {
  auto truth =
      MakeTwoAdditive({"energy", "food", "mobility", "participation"}, {0.35, 0.15, 0.2, 0.3},
                      {{{"energy", "participation"}, 0.2},
                       {{"food", "mobility"}, -0.1},
                       {{"energy", "food"}, 0.05}});
  ASSERT_TRUE(truth.ok()) << truth.status().ToString();
  auto found = IdentifyCapacity(truth->criteria(), Synthetic(*truth, 40, 3));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_LT(found->rmse, 1e-6);
  EXPECT_TRUE(found->converged) << found->iterations;
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(found->capacity.shapley(i), truth->shapley(i), 1e-5) << i;
    for (size_t j = 0; j < 4; ++j) {
      EXPECT_NEAR(found->capacity.interaction(i, j), truth->interaction(i, j), 1e-5) << i << j;
    }
  }
}

TEST(IdentifyTest, NonMonotoneJudgementsGiveAValidCapacity) {
  // Judgements that fall when "b" rises cannot be fitted by a monotone capacity: the result must
  // still pass validation, putting zero mass on b.
  std::vector<Example> examples = {
      {{0.0, 0.0}, 0.0}, {{1.0, 0.0}, 1.0}, {{0.0, 1.0}, 0.0}, {{1.0, 1.0}, 0.8}};
  auto found = IdentifyCapacity({"a", "b"}, examples);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  const auto& cap = found->capacity;
  EXPECT_NEAR(cap.shapley(0) + cap.shapley(1), 1.0, 1e-12);
  EXPECT_GE(cap.mobius_single(1) + std::min(0.0, cap.interaction(0, 1)), -1e-9);
  // Best monotone fit: mu(a)=m_a, mu(b)=m_b>=0, mu(ab)=1. Residuals: (m_a-1), m_b, 0.2 -> m_b=0,
  // m_a = 1 is feasible (m_ab = 0): rmse = sqrt(0.04/4) = 0.1.
  EXPECT_NEAR(found->rmse, 0.1, 1e-5);
}

TEST(IdentifyTest, CsvErrorsNameTheField) {
  auto table = core::ParseCsv("town,energy,food,overall\nA,0.5,x,0.4\n", "ex.csv");
  ASSERT_TRUE(table.ok());
  auto found = IdentifyCapacityFromCsv(*table, "overall");
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("ex.csv:2:7: field 'food'"), std::string::npos)
      << found.status().message();
  auto missing = IdentifyCapacityFromCsv(*table, "judgement");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("judgement"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::evaluate
