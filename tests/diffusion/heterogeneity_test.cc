// Receptivity and resistance scale adoption exactly as documented; the cordon sanitaire builders;
// seeding strategies; complex contagion's thresholds; SIS's endemic level.
#include "duckweed/diffusion/heterogeneity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "duckweed/core/geo.h"
#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/diffusion/seeding.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

using testing::BothWays;
using testing::FromArcs;

TEST(HeterogeneityTest, ReceptivityAndResistanceScaleTheCascadeProbability) {
  // A star: the centre 0 tries each leaf once with p = 0.5, times f(leaf).
  const network::Graph g = FromArcs(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  NodeFactors f;
  f.receptivity = {1, 1, 0.5, 1.6, 1};
  f.resistance = {0, 0, 0, 0, 0.6};
  const std::vector<double> expected = {1, 0.5, 0.25, 0.8, 0.2};
  ModelSpec spec{.kind = ModelKind::kIndependentCascade, .probability = 0.5};
  const std::vector<network::NodeId> seeds = {0};
  auto mc = RunMonteCarlo(g, spec, seeds, f, {.replicas = 20000, .seed = 4});
  ASSERT_TRUE(mc.ok());
  for (size_t v = 1; v < 5; ++v) {
    const double p = expected[v];
    EXPECT_NEAR(mc->adoption_probability[v], p, 4.5 * std::sqrt(p * (1 - p) / 20000)) << v;
  }
}

TEST(HeterogeneityTest, FactorsOutOfRangeAreRejected) {
  const network::Graph g = FromArcs(2, {{0, 1}});
  ModelSpec spec{.kind = ModelKind::kSi};
  const std::vector<network::NodeId> seeds = {0};
  NodeFactors f;
  f.resistance = {0, 1.5};
  EXPECT_EQ(RunMonteCarlo(g, spec, seeds, f, {}).status().ExitCode(), 1);
  f.resistance = {0};
  EXPECT_EQ(RunMonteCarlo(g, spec, seeds, f, {}).status().ExitCode(), 1);
  const std::vector<network::NodeId> outside = {2};
  EXPECT_EQ(RunMonteCarlo(g, spec, outside, {}, {}).status().ExitCode(), 1);
}

TEST(HeterogeneityTest, CordonByHopsDecaysWithDistance) {
  const network::Graph path = FromArcs(5, BothWays({{0, 1}, {1, 2}, {2, 3}, {3, 4}}));
  const std::vector<network::NodeId> pioneers = {0};
  EXPECT_EQ(CordonByHops(path, pioneers, 0.8, 2, 0.5), (std::vector<double>{0, 0.8, 0.4, 0, 0}));
}

TEST(HeterogeneityTest, CordonByDistanceUsesGreatCircleKilometres) {
  // Paris (48.8566, 2.3522) to Lyon (45.7640, 4.8357): 391.5 km on the 6371 km sphere.
  EXPECT_NEAR(core::GreatCircleKm(48.8566, 2.3522, 45.7640, 4.8357), 391.5, 1.0);
  const std::vector<double> lat = {48.8566, 45.7640}, lon = {2.3522, 4.8357};
  const std::vector<network::NodeId> pioneers = {0};
  const auto r = CordonByDistance(lat, lon, pioneers, 0.9, 100);
  EXPECT_EQ(r[0], 0.0);
  EXPECT_NEAR(r[1], 0.9 * std::exp(-391.5 / 100), 1e-3);
}

TEST(SeedingTest, StrategiesPickTheDocumentedNodes) {
  const network::Graph star = FromArcs(6, BothWays({{3, 0}, {3, 1}, {3, 2}, {3, 4}, {4, 5}}));
  network::NodeAttributes none;
  EXPECT_EQ(*ChooseSeeds(star, none, SeedStrategy::kTopDegree, 2, 1),
            (std::vector<network::NodeId>{3, 4}));
  network::NodeAttributes pop;
  pop.population = {5, 50, 5, 1, 7, 50};
  EXPECT_EQ(*ChooseSeeds(star, pop, SeedStrategy::kTopPopulation, 3, 1),
            (std::vector<network::NodeId>{1, 5, 4}));  // ties by lower id
  EXPECT_EQ(ChooseSeeds(star, none, SeedStrategy::kTopPopulation, 1, 1).status().ExitCode(), 1);
  auto a = ChooseSeeds(star, none, SeedStrategy::kRandom, 4, 9);
  auto b = ChooseSeeds(star, none, SeedStrategy::kRandom, 4, 9);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, *b);
  std::vector<network::NodeId> sorted = *a;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());  // distinct
  auto ball = ChooseSeeds(star, none, SeedStrategy::kGeographicCluster, 6, 2);
  ASSERT_TRUE(ball.ok());
  EXPECT_EQ(ball->size(), 6u);  // the whole connected graph
  network::NodeAttributes geo;
  geo.latitude = {50, 50, 50, 50, 50, 10};
  geo.longitude = {2, 2.1, 2.2, 2.3, 2.4, 2};
  auto near = ChooseSeeds(star, geo, SeedStrategy::kGeographicCluster, 5, 2);
  ASSERT_TRUE(near.ok());
  EXPECT_EQ(std::count(near->begin(), near->end(), 5u), (*near)[0] == 5 ? 1 : 0);
}

TEST(ComplexContagionTest, CountAndFractionThresholdsAreExact) {
  // Seeds 0, 1. Node 2 hears both at step 0 (adopts at 1); node 4 hears 1 and 2 (adopts at 2);
  // node 3 hears only 2: never with k = 2, at step 2 with theta = 0.5 (1 of its 1 in-neighbour).
  const network::Graph g = FromArcs(5, {{0, 2}, {1, 2}, {1, 4}, {2, 3}, {2, 4}});
  const std::vector<network::NodeId> seeds = {0, 1};
  ModelSpec spec{.kind = ModelKind::kComplexContagion, .threshold_count = 2};
  auto k2 = RunMonteCarlo(g, spec, seeds, {}, {.replicas = 3});
  ASSERT_TRUE(k2.ok());
  EXPECT_EQ(k2->final_size.mean, 4.0);
  EXPECT_EQ(k2->mean_adoption_step[4], 2.0);
  EXPECT_TRUE(std::isnan(k2->mean_adoption_step[3]));
  spec.threshold_count = 0;
  spec.threshold_fraction = 0.5;
  auto half = RunMonteCarlo(g, spec, seeds, {}, {.replicas = 3});
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->final_size.mean, 5.0);
  EXPECT_EQ(half->mean_adoption_step[3], 2.0);
}

TEST(SisTest, PrevalenceSettlesAtTheMeanFieldEndemicLevel) {
  // On K_n the synchronous map i' = (1-g) i + (1-i)(1-(1-b)^(n i)) has an endemic fixed point;
  // the stochastic prevalence fluctuates around it (O(1/sqrt(n)) per replica, O(1/n) bias).
  constexpr network::NodeId kN = 200;
  constexpr double kBeta = 0.01, kGamma = 0.3;
  double i = 0.5;
  for (int t = 0; t < 10000; ++t)
    i = (1 - kGamma) * i + (1 - i) * (1 - std::pow(1 - kBeta, kN * i));
  const network::Graph g = testing::Complete(kN);
  ModelSpec spec{.kind = ModelKind::kSis, .beta = kBeta, .gamma = kGamma, .max_steps = 150};
  std::vector<network::NodeId> seeds;
  for (network::NodeId v = 0; v < 20; ++v) seeds.push_back(v);
  auto mc = RunMonteCarlo(g, spec, seeds, {}, {.replicas = 80, .seed = 8, .per_node = false});
  ASSERT_TRUE(mc.ok());
  ASSERT_EQ(mc->curve.size(), 151u);  // endemic: every replica runs to max_steps
  double average = 0;
  for (size_t t = 50; t <= 150; ++t) average += mc->curve[t].mean_prevalence / kN;
  average /= 101;
  EXPECT_NEAR(average, i, 0.02);
  EXPECT_GT(i, 0.3);  // a real endemic state, not extinction
}

}  // namespace
}  // namespace duckweed::diffusion
