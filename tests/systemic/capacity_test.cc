#include "duckweed/systemic/capacity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace duckweed::evaluate {
namespace {

TwoAdditiveCapacity ThreeDomains(double i_ep, double i_em) {
  auto cap = MakeTwoAdditive({"energy", "participation", "mobility"}, {0.5, 0.3, 0.2},
                             {{{"energy", "participation"}, i_ep}, {{"energy", "mobility"}, i_em}});
  EXPECT_TRUE(cap.ok()) << cap.status().ToString();
  return *cap;
}

// Grabisch (1996), "The application of fuzzy integrals in multicriteria decision making",
// European Journal of Operational Research 89:445-456, students evaluated in mathematics,
// physics and literature: mu(M)=mu(P)=0.45, mu(L)=0.3, mu(M,P)=0.5, mu(M,L)=mu(P,L)=0.9.
// Published Choquet values: A 13.9, B 13.6, C 14.9 (weighted mean 3/3/2: 15.25, 12.75, 14.625).
TEST(ChoquetTest, GrabischStudentsPublishedValues) {
  auto cap = SetCapacity::Make(3, {0, 0.45, 0.45, 0.5, 0.3, 0.9, 0.9, 1.0});
  ASSERT_TRUE(cap.ok()) << cap.status().ToString();
  const std::vector<double> a = {18, 16, 10}, b = {10, 12, 18}, c = {14, 15, 15};
  EXPECT_NEAR(Choquet(*cap, a), 13.9, 1e-12);
  EXPECT_NEAR(Choquet(*cap, b), 13.6, 1e-12);
  EXPECT_NEAR(Choquet(*cap, c), 14.9, 1e-12);
  // The published weighted means (weights 3/8, 3/8, 2/8) rank A > C > B; the Choquet integral
  // gives the ranking the school wanted, C > A > B (balanced students first).
  const auto mean = [](const std::vector<double>& x) {
    return (3 * x[0] + 3 * x[1] + 2 * x[2]) / 8;
  };
  EXPECT_DOUBLE_EQ(mean(a), 15.25);
  EXPECT_DOUBLE_EQ(mean(b), 12.75);
  EXPECT_DOUBLE_EQ(mean(c), 14.625);
  EXPECT_GT(Choquet(*cap, c), Choquet(*cap, a));
  EXPECT_GT(Choquet(*cap, a), Choquet(*cap, b));
  // Shapley values by hand from the definition: 7/24, 7/24, 10/24.
  EXPECT_NEAR(cap->Shapley(0), 7.0 / 24, 1e-12);
  EXPECT_NEAR(cap->Shapley(1), 7.0 / 24, 1e-12);
  EXPECT_NEAR(cap->Shapley(2), 10.0 / 24, 1e-12);
  // Interaction M,P = 1/2 [(0.5-0.45-0.45+0) + (1-0.9-0.9+0.3)] = -0.45 (redundant sciences).
  EXPECT_NEAR(cap->Interaction(0, 1), -0.45, 1e-12);
}

TEST(ChoquetTest, EqualsWeightedMeanWithoutInteractions) {
  const TwoAdditiveCapacity cap = ThreeDomains(0, 0);
  const std::vector<double> x = {0.2, 0.9, 0.4};
  EXPECT_NEAR(Choquet(cap, x), 0.5 * 0.2 + 0.3 * 0.9 + 0.2 * 0.4, 1e-15);
  EXPECT_NEAR(Choquet(cap, x), WeightedSum(cap, x), 1e-15);
}

TEST(ChoquetTest, TwoAdditiveMatchesDefinitionAndGrabischFormula) {
  const TwoAdditiveCapacity cap = ThreeDomains(0.2, -0.1);
  const SetCapacity full = SetCapacity::FromTwoAdditive(cap);
  std::mt19937 gen(7);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    const std::vector<double> x = {u(gen), u(gen), u(gen)};
    const double c = Choquet(cap, x);
    EXPECT_NEAR(c, Choquet(full, x), 1e-12);
    // Grabisch's 2-additive formula: synergies on min, redundancies on max.
    double g = 0;
    for (size_t i = 0; i < 3; ++i) {
      double abs_sum = 0;
      for (size_t j = 0; j < 3; ++j) abs_sum += std::abs(cap.interaction(i, j));
      g += x[i] * (cap.shapley(i) - 0.5 * abs_sum);
      for (size_t j = i + 1; j < 3; ++j) {
        const double ij = cap.interaction(i, j);
        g += ij > 0 ? ij * std::min(x[i], x[j]) : -ij * std::max(x[i], x[j]);
      }
    }
    EXPECT_NEAR(c, g, 1e-12);
    EXPECT_GE(c, *std::min_element(x.begin(), x.end()) - 1e-12);
    EXPECT_LE(c, *std::max_element(x.begin(), x.end()) + 1e-12);
  }
  // The Shapley values and interactions of the expanded capacity are the ones given.
  EXPECT_NEAR(full.Shapley(0), 0.5, 1e-12);
  EXPECT_NEAR(full.Shapley(2), 0.2, 1e-12);
  EXPECT_NEAR(full.Interaction(0, 1), 0.2, 1e-12);
  EXPECT_NEAR(full.Interaction(0, 2), -0.1, 1e-12);
  EXPECT_NEAR(full.Interaction(1, 2), 0.0, 1e-12);
}

TEST(ChoquetTest, MonotoneInEachScore) {
  const TwoAdditiveCapacity cap = ThreeDomains(0.3, -0.15);
  std::mt19937 gen(11);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> x = {u(gen), u(gen), u(gen)};
    const double before = Choquet(cap, x);
    x[trial % 3] = std::min(1.0, x[trial % 3] + u(gen) * 0.3);
    EXPECT_GE(Choquet(cap, x), before - 1e-12);
  }
}

TEST(ChoquetTest, SynergyRewardsBalancedProfiles) {
  // Positive interaction: a balanced town beats an unbalanced one with the same weighted sum.
  const TwoAdditiveCapacity cap = ThreeDomains(0.2, 0);
  const std::vector<double> balanced = {0.5, 0.5, 0.5};
  const std::vector<double> lopsided = {0.8, 0.0, 0.5};  // 0.4 + 0 + 0.1 = 0.5
  EXPECT_NEAR(WeightedSum(cap, balanced), WeightedSum(cap, lopsided), 1e-12);
  EXPECT_NEAR(Choquet(cap, balanced) - WeightedSum(cap, balanced), 0.0, 1e-12);
  // Surplus of lopsided: m_i corrections: -0.1*0.8 - 0.1*0 + 0.2*min(0.8,0) = -0.08.
  EXPECT_NEAR(Choquet(cap, lopsided) - WeightedSum(cap, lopsided), -0.08, 1e-12);
}

TEST(CapacityTest, RejectsNotNormalised) {
  auto cap = MakeTwoAdditive({"a", "b"}, {0.5, 0.6}, {});
  ASSERT_FALSE(cap.ok());
  EXPECT_NE(cap.status().message().find("sum to 1"), std::string::npos);
  EXPECT_EQ(cap.status().ExitCode(), 1);
}

TEST(CapacityTest, RejectsNonMonotoneNamingTheCriterion) {
  // m(b) = 0.1 - 0.5*(-0.4) ... b: phi=0.1, I_ab=-0.4, so m_b=0.3, m_b + I_ab = -0.1 < 0.
  auto cap = MakeTwoAdditive({"a", "b"}, {0.9, 0.1}, {{{"a", "b"}, -0.4}});
  ASSERT_FALSE(cap.ok());
  EXPECT_NE(cap.status().message().find("not monotone at criterion 'b'"), std::string::npos)
      << cap.status().message();
  EXPECT_NE(cap.status().message().find("-0.1"), std::string::npos);
}

TEST(CapacityTest, JsonRoundTripAndUnknownDomain) {
  const std::string text = R"({"shapley":{"energy":0.5,"participation":0.3,"mobility":0.2},)"
                           R"("interaction":{"energy|participation":0.2}})";
  auto cap = ParseCapacityJson(text, "cap.json");
  ASSERT_TRUE(cap.ok()) << cap.status().ToString();
  EXPECT_EQ(cap->criteria()[1], "participation");
  EXPECT_NEAR(cap->interaction(1, 0), 0.2, 0);
  auto again = ParseCapacityJson(CapacityToJson(*cap), "again.json");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_NEAR(again->mobius_single(0), 0.4, 1e-15);

  auto bad = ParseCapacityJson(R"({"shapley":{"energy":1.0},"interaction":{"energy|tourism":0.1}})",
                               "cap.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "cap.json: field 'interaction.energy|tourism': unknown criterion 'tourism' (not among "
            "the Shapley importances)");
  EXPECT_FALSE(ParseCapacityJson("{", "x.json").ok());
  EXPECT_FALSE(ParseCapacityJson(R"({"shapley":{"a":"x"}})", "x.json").ok());
}

}  // namespace
}  // namespace duckweed::evaluate
