#include "duckweed/sd/sd_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sd_test_util.h"

namespace duckweed::sd {
namespace {

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

TEST(SdEquilibria, MultistartFindsBothLogisticRootsStableCarryingCapacityFirst) {
  // dP/dt = 0.5 P (1 - P/1000): roots 0 (f' = r, unstable) and K (f' = -r, stable); the run
  // from P = 10 passes near both.
  CompiledModel m = MustCompile(XmileDoc(kLogistic, 0, 30, 0.25));
  auto report = FindEquilibria(m);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->starts.size(), 9u);
  EXPECT_EQ(report->starts.front(), "initial stocks");
  EXPECT_EQ(report->starts.back(), "run t=30");
  ASSERT_EQ(report->roots.size(), 2u);
  const FoundEquilibrium& k = report->roots[0];
  EXPECT_NEAR(k.equilibrium.values[0], 1000, 1e-6);
  EXPECT_NEAR(k.equilibrium.eigenvalues[0].real(), -0.5, 1e-5);
  EXPECT_EQ(k.equilibrium.stability, "stable");
  EXPECT_TRUE(k.physical);
  const FoundEquilibrium& zero = report->roots[1];
  EXPECT_NEAR(zero.equilibrium.values[0], 0, 1e-6);
  EXPECT_NEAR(zero.equilibrium.eigenvalues[0].real(), 0.5, 1e-5);
  EXPECT_EQ(zero.equilibrium.stability, "unstable");
  EXPECT_TRUE(zero.physical);  // exactly zero or rounding below it is not negative
  EXPECT_EQ(zero.starts.front(), "initial stocks");
  EXPECT_EQ(k.starts.size() + zero.starts.size() + report->not_converged, 9u);
  EXPECT_EQ(std::count(k.starts.begin(), k.starts.end(), "run t=30"), 1);
}

TEST(SdEquilibria, MultistartPutsThePhysicalRootTheRunReachesBeforeANegativeOne) {
  // dS/dt = 0.5 (S + 1)(2 - S): roots -1 (f' = 1.5, unstable) and 2 (f' = -1.5, stable). Newton
  // from S = 0 steps to -2, backtracks to -1; the run from 0 settles at 2.
  CompiledModel m =
      MustCompile(XmileDoc("<stock name=\"S\"><eqn>0</eqn><inflow>f</inflow></stock>"
                           "<flow name=\"f\"><eqn>0.5 * (S + 1) * (2 - S)</eqn></flow>",
                           0, 20, 0.25));
  auto from_initial = FindEquilibrium(m, {});
  ASSERT_TRUE(from_initial.ok());
  EXPECT_NEAR(from_initial->values[0], -1, 1e-9);
  EXPECT_EQ(NegativeStocks(*from_initial), std::vector<std::string>{"S"});
  auto report = FindEquilibria(m);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->roots.size(), 2u);
  EXPECT_NEAR(report->roots[0].equilibrium.values[0], 2, 1e-9);
  EXPECT_EQ(report->roots[0].equilibrium.stability, "stable");
  EXPECT_NEAR(report->roots[0].equilibrium.eigenvalues[0].real(), -1.5, 1e-5);
  EXPECT_TRUE(report->roots[0].physical);
  EXPECT_EQ(report->roots[0].starts.size(), 8u);  // every run state
  EXPECT_NEAR(report->roots[1].equilibrium.values[0], -1, 1e-9);
  EXPECT_EQ(report->roots[1].equilibrium.stability, "unstable");
  EXPECT_FALSE(report->roots[1].physical);
  EXPECT_EQ(report->roots[1].negative_stocks, std::vector<std::string>{"S"});
  EXPECT_EQ(report->roots[1].starts, std::vector<std::string>{"initial stocks"});
}

TEST(SdEquilibria, TimeFreezesAStepPolicyOnOrOff) {
  // dS/dt = STEP(1, 5) (3 - S): before TIME 5 every S is a steady state (f = 0, eigenvalue 0);
  // from then on S = 3 is the only one, stable with eigenvalue -1.
  CompiledModel m =
      MustCompile(XmileDoc("<stock name=\"S\"><eqn>0</eqn><inflow>f</inflow></stock>"
                           "<flow name=\"f\"><eqn>STEP(1, 5) * (3 - S)</eqn></flow>",
                           0, 10, 0.5));
  auto before = FindEquilibrium(m, {}, 1.0);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->values[0], 0);
  EXPECT_EQ(before->iterations, 0);
  EXPECT_EQ(before->stability, "marginal");
  auto after = FindEquilibrium(m, {}, 7.0);
  ASSERT_TRUE(after.ok());
  EXPECT_NEAR(after->values[0], 3, 1e-9);
  EXPECT_NEAR(after->eigenvalues[0].real(), -1, 1e-6);
  auto report = FindEquilibria(m);  // at STOPTIME
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->roots.size(), 1u);
  EXPECT_NEAR(report->roots[0].equilibrium.values[0], 3, 1e-9);
  EXPECT_EQ(report->roots[0].equilibrium.stability, "stable");
  EXPECT_EQ(report->roots[0].starts.size(), 9u);
}

TEST(SdEquilibria, MultistartNeedsStocks) {
  auto report = FindEquilibria(MustCompile(XmileDoc("<aux name=\"a\"><eqn>1</eqn></aux>")));
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().ToString().find("no stocks"), std::string::npos);
}

TEST(SdEquilibria, RejectsAStartForSomethingThatIsNotAStock) {
  auto eq = FindEquilibrium(MustCompile(XmileDoc(kLogistic)), {{"K", 3}});
  ASSERT_FALSE(eq.ok());
  EXPECT_NE(eq.status().ToString().find("'K', which is not a stock"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::sd

namespace duckweed::sd {
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
}  // namespace duckweed::sd
