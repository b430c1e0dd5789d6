#include "duckweed/dynamics/sd_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sd_test_util.h"

namespace duckweed::dynamics {
namespace {

CompiledModel MustCompile(const std::string& doc) {
  auto project = ReadXmile(doc, "t.xmile");
  EXPECT_TRUE(project.ok()) << project.status().ToString();
  auto model = CompiledModel::Compile(*project);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return *model;
}

// SIR: infection is reinforcing through Infectious, depletion of Susceptible and recovery are
// balancing.
const char* kSir =
    "<stock name=\"Susceptible\"><eqn>990</eqn><outflow>Infecting</outflow></stock>"
    "<stock name=\"Infectious\"><eqn>10</eqn><inflow>Infecting</inflow>"
    "<outflow>Recovering</outflow></stock>"
    "<stock name=\"Recovered\"><eqn>0</eqn><inflow>Recovering</inflow></stock>"
    "<flow name=\"Infecting\"><eqn>Susceptible * Infectious * 0.0003</eqn></flow>"
    "<flow name=\"Recovering\"><eqn>Infectious / 5</eqn></flow>";

TEST(SdLoops, SirHasOneReinforcingAndTwoBalancingLoops) {
  LoopReport r = FindLoops(MustCompile(XmileDoc(kSir)));
  ASSERT_EQ(r.loops.size(), 3u);
  EXPECT_FALSE(r.truncated);
  int reinforcing = 0, balancing = 0;
  for (const FeedbackLoop& l : r.loops) {
    EXPECT_EQ(l.variables.size(), 2u);
    if (l.polarity > 0) {
      ++reinforcing;
      EXPECT_TRUE(std::count(l.variables.begin(), l.variables.end(), "Infecting"));
      EXPECT_TRUE(std::count(l.variables.begin(), l.variables.end(), "Infectious"));
    }
    if (l.polarity < 0) ++balancing;
  }
  EXPECT_EQ(reinforcing, 1);
  EXPECT_EQ(balancing, 2);
}

const char* kLogistic =
    "<stock name=\"P\"><eqn>10</eqn><inflow>growth</inflow></stock>"
    "<flow name=\"growth\"><eqn>0.5 * P * (1 - P / K)</eqn></flow>"
    "<aux name=\"K\"><eqn>1000</eqn></aux>";

TEST(SdEquilibria, LogisticHasAStableCarryingCapacityAndAnUnstableZero) {
  CompiledModel m = MustCompile(XmileDoc(kLogistic));
  auto high = FindEquilibrium(m, {{"P", 700}});
  ASSERT_TRUE(high.ok()) << high.status().ToString();
  EXPECT_TRUE(high->converged);
  EXPECT_NEAR(high->values[0], 1000, 1e-6);
  ASSERT_EQ(high->eigenvalues.size(), 1u);
  EXPECT_NEAR(high->eigenvalues[0].real(), -0.5, 1e-5);  // f'(K) = -r
  EXPECT_EQ(high->stability, "stable");
  auto low = FindEquilibrium(m, {{"P", 0.2}});
  ASSERT_TRUE(low.ok());
  EXPECT_NEAR(low->values[0], 0, 1e-6);
  EXPECT_NEAR(low->eigenvalues[0].real(), 0.5, 1e-5);  // f'(0) = r
  EXPECT_EQ(low->stability, "unstable");
}

TEST(SdEquilibria, DampedOscillatorHasComplexStableEigenvalues) {
  // x'' = -x - 0.2 x': eigenvalues -0.1 +- i sqrt(0.99).
  CompiledModel m =
      MustCompile(XmileDoc("<stock name=\"x\"><eqn>1</eqn><inflow>v_in</inflow></stock>"
                           "<flow name=\"v in\"><eqn>v</eqn></flow>"
                           "<stock name=\"v\"><eqn>0</eqn><inflow>a</inflow></stock>"
                           "<flow name=\"a\"><eqn>-x - 0.2 * v</eqn></flow>"));
  auto eq = FindEquilibrium(m, {});
  ASSERT_TRUE(eq.ok());
  EXPECT_NEAR(eq->values[0], 0, 1e-9);
  ASSERT_EQ(eq->eigenvalues.size(), 2u);
  EXPECT_NEAR(eq->eigenvalues[0].real(), -0.1, 1e-6);
  EXPECT_NEAR(std::fabs(eq->eigenvalues[0].imag()), std::sqrt(0.99), 1e-6);
  EXPECT_EQ(eq->stability, "stable");
}

TEST(SdEquilibria, RejectsAStartForSomethingThatIsNotAStock) {
  auto eq = FindEquilibrium(MustCompile(XmileDoc(kLogistic)), {{"K", 3}});
  ASSERT_FALSE(eq.ok());
  EXPECT_NE(eq.status().ToString().find("'K', which is not a stock"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::dynamics

namespace duckweed::dynamics {
namespace {

// The shipped Loos-en-Gohelle ecosystem model: every loop gets a polarity, and the textbook
// ones come out as expected.
TEST(SdLoops, LoosEcosystemLoopsAllHaveAPolarity) {
  // Not __FILE__: under ccache's base_dir it is relative to the build directory.
  auto path = std::filesystem::path(DUCKWEED_EXAMPLES_DIR) / "loos" / "ecosystem.xmile";
  auto project = ReadXmileFile(path);
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  auto model = CompiledModel::Compile(*project);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  LoopReport r = FindLoops(*model);
  ASSERT_GT(r.loops.size(), 10u);
  auto polarity_of = [&](std::vector<std::string> vars) {
    for (const FeedbackLoop& l : r.loops) {
      if (l.variables == vars) return l.polarity;
    }
    return 99;
  };
  for (const FeedbackLoop& l : r.loops) EXPECT_NE(l.polarity, 0);
  EXPECT_EQ(polarity_of({"Trust", "Trust Change"}), -1);
  EXPECT_EQ(polarity_of({"Population", "In Migration"}), 1);
  EXPECT_EQ(polarity_of({"Population", "Out Migration"}), -1);
}

}  // namespace
}  // namespace duckweed::dynamics
