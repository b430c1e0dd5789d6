// Loop dominance (Loops That Matter) against analytic values: one-loop models, whose relative
// score is exactly +1 or -1, and logistic growth split into a reinforcing births loop and a
// balancing deaths loop, whose relative scores are closed-form functions of the stock and whose
// dominance switches at the inflection point K/2.
#include "duckweed/sd/sd_dominance.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sd_test_util.h"

namespace duckweed::sd {
namespace {

TEST(SdDominance, SingleBalancingLoopScoresMinusOneThroughout) {
  CompiledModel m =
      MustCompile(XmileDoc("<stock name=\"S\"><eqn>100</eqn><outflow>drain</outflow></stock>"
                           "<flow name=\"drain\"><eqn>S / 5</eqn></flow>",
                           0, 10, 0.5));
  LoopDominance d = AnalyseLoopDominance(m);
  ASSERT_EQ(d.loops.size(), 1u);
  EXPECT_EQ(d.ids[0], "B1");
  ASSERT_EQ(d.times.size(), 20u);  // every saved time after the first
  EXPECT_EQ(d.times.front(), 0.5);
  for (double v : d.relative[0]) EXPECT_EQ(v, -1.0);
  ASSERT_EQ(d.dominant.size(), 1u);
  EXPECT_EQ(d.dominant[0].loop, 0);
  EXPECT_EQ(d.dominant[0].from, 0.5);
  EXPECT_EQ(d.dominant[0].to, 10.0);
}

TEST(SdDominance, SingleReinforcingLoopThroughAnAuxiliaryScoresPlusOne) {
  CompiledModel m =
      MustCompile(XmileDoc("<stock name=\"S\"><eqn>1</eqn><inflow>gain</inflow></stock>"
                           "<flow name=\"gain\"><eqn>driver * 0.1</eqn></flow>"
                           "<aux name=\"driver\"><eqn>S</eqn></aux>"));
  LoopDominance d = AnalyseLoopDominance(m);
  ASSERT_EQ(d.loops.size(), 1u);
  EXPECT_EQ(d.ids[0], "R1");
  EXPECT_EQ(d.loops[0].variables.size(), 3u);  // S -> driver -> gain
  for (double v : d.relative[0]) EXPECT_EQ(v, 1.0);
}

TEST(SdDominance, NoLoopsMeansNoDominantLoop) {
  CompiledModel m =
      MustCompile(XmileDoc("<stock name=\"S\"><eqn>0</eqn><inflow>fill</inflow></stock>"
                           "<flow name=\"fill\"><eqn>2 + TIME</eqn></flow>"));
  LoopDominance d = AnalyseLoopDominance(m);
  EXPECT_TRUE(d.loops.empty());
  ASSERT_EQ(d.dominant.size(), 1u);
  EXPECT_EQ(d.dominant[0].loop, -1);
}

// dP/dt = births - deaths, births = r P, deaths = r P^2 / K (logistic growth). Between saved
// states P0 and P1: D births = r (P1 - P0), D deaths = r/K (P1 + P0)(P1 - P0), and each flow's
// link score into P is its change over the change in net flow, so
//   R = 1 / (1 + (P0 + P1) / K),  B = -((P0 + P1) / K) / (1 + (P0 + P1) / K)
// exactly. |R| > |B| while P < K/2: the switch is at the inflection point, reached at
// t* = ln((K - P(0)) / P(0)) / r on the continuous solution.
TEST(SdDominance, LogisticGrowthSwitchesFromReinforcingToBalancingAtHalfCapacity) {
  const double r = 0.5, k = 1000, p0 = 10, dt = 1.0 / 64;
  std::string vars =
      "<stock name=\"P\"><eqn>10</eqn><inflow>births</inflow><outflow>deaths</outflow></stock>"
      "<flow name=\"births\"><eqn>r * P</eqn></flow>"
      "<flow name=\"deaths\"><eqn>r * P * P / K</eqn></flow>"
      "<aux name=\"r\"><eqn>0.5</eqn></aux><aux name=\"K\"><eqn>1000</eqn></aux>";
  CompiledModel m = MustCompile(XmileDoc(vars, 0, 20, dt));
  LoopDominance d = AnalyseLoopDominance(m);
  ASSERT_EQ(d.loops.size(), 2u);
  int births_loop = d.ids[0] == "R1" ? 0 : 1;
  int deaths_loop = 1 - births_loop;
  EXPECT_EQ(d.ids[births_loop], "R1");
  EXPECT_EQ(d.ids[deaths_loop], "B1");

  SimResults run = m.Run();
  ASSERT_EQ(d.times.size() + 1, run.times.size());
  for (size_t i = 0; i < d.times.size(); ++i) {
    double sum = (ValueAt(run, "P", i) + ValueAt(run, "P", i + 1)) / k;
    EXPECT_NEAR(d.relative[births_loop][i], 1 / (1 + sum), 1e-9) << "t=" << d.times[i];
    EXPECT_NEAR(d.relative[deaths_loop][i], -sum / (1 + sum), 1e-9) << "t=" << d.times[i];
  }

  ASSERT_EQ(d.dominant.size(), 2u);
  EXPECT_EQ(d.dominant[0].loop, births_loop);
  EXPECT_EQ(d.dominant[0].from, dt);
  EXPECT_EQ(d.dominant[1].loop, deaths_loop);
  EXPECT_EQ(d.dominant[1].to, 20.0);
  double switch_time = std::log((k - p0) / p0) / r;  // 9.19
  // Euler with DT = 1/64 lags the continuous solution: its states straddle K/2 at 9.234.
  EXPECT_NEAR(d.dominant[1].from, switch_time, 0.06);
}

}  // namespace
}  // namespace duckweed::sd
