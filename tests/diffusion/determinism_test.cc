// Results are bit-identical whatever the execution policy and the thread count (monte_carlo.h):
// the sequential run is the oracle of the parallel ones.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

// Bitwise equality of doubles (NaN == NaN when the bits agree).
bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void ExpectIdentical(const MonteCarloResult& a, const MonteCarloResult& b) {
  EXPECT_EQ(a.final_sizes, b.final_sizes);
  EXPECT_EQ(a.durations, b.durations);
  ASSERT_EQ(a.curve.size(), b.curve.size());
  for (size_t t = 0; t < a.curve.size(); ++t) {
    EXPECT_EQ(a.curve[t].mean_adopted, b.curve[t].mean_adopted);
    EXPECT_EQ(a.curve[t].mean_prevalence, b.curve[t].mean_prevalence);
    EXPECT_EQ(a.curve[t].low_adopted, b.curve[t].low_adopted);
  }
  EXPECT_EQ(a.final_size.mean, b.final_size.mean);
  EXPECT_EQ(a.final_size.sd, b.final_size.sd);
  EXPECT_TRUE(SameBits(a.adoption_probability, b.adoption_probability));
  EXPECT_TRUE(SameBits(a.mean_adoption_step, b.mean_adoption_step));
}

class DeterminismTest : public ::testing::TestWithParam<ModelKind> {};

TEST_P(DeterminismTest, SequentialAndOneTwoFourThreadsAgreeBitForBit) {
  const network::Graph g = testing::ErdosRenyi(1000, 6, 3);
  ModelSpec spec{.kind = GetParam(),
                 .weighted_cascade = true,
                 .beta = 0.08,
                 .gamma = 0.2,
                 .threshold_count = 2,
                 .bass_p = 0.01,
                 .bass_q = 0.5,
                 .max_steps = 40};
  NodeFactors factors;
  factors.receptivity.assign(g.node_count(), 1.0);
  for (size_t v = 0; v < factors.receptivity.size(); v += 3) factors.receptivity[v] = 0.5;
  std::vector<network::NodeId> seeds;
  for (network::NodeId s = 0; s < 1000; s += 25) seeds.push_back(s);
  MonteCarloOptions options{.replicas = 60, .seed = 99, .policy = Sequential{}};
  auto oracle = RunMonteCarlo(g, spec, seeds, factors, options);
  ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
  bool replicas_differ = false;  // else the comparison below would prove nothing
  for (const StepSummary& step : oracle->curve)
    replicas_differ |= step.low_adopted < step.high_adopted;
  EXPECT_TRUE(replicas_differ);
  for (int threads : {1, 2, 4}) {
    options.policy = Parallel{threads};
    auto run = RunMonteCarlo(g, spec, seeds, factors, options);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->threads_used, threads);
    ExpectIdentical(*oracle, *run);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryModel, DeterminismTest,
                         ::testing::Values(ModelKind::kIndependentCascade,
                                           ModelKind::kLinearThreshold, ModelKind::kSi,
                                           ModelKind::kSir, ModelKind::kSis,
                                           ModelKind::kComplexContagion, ModelKind::kBass),
                         [](const auto& info) { return std::string(ModelName(info.param)); });

TEST(DeterminismTest, DifferentSeedsGiveDifferentRuns) {
  const network::Graph g = testing::ErdosRenyi(2000, 6, 3);
  ModelSpec spec{.kind = ModelKind::kSir, .beta = 0.08, .gamma = 0.2};
  const std::vector<network::NodeId> seeds = {1};
  auto a = RunMonteCarlo(g, spec, seeds, {}, {.replicas = 50, .seed = 1});
  auto b = RunMonteCarlo(g, spec, seeds, {}, {.replicas = 50, .seed = 2});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->final_sizes, b->final_sizes);
}

}  // namespace
}  // namespace duckweed::diffusion
