// The independent cascade kernel's gather paths (cascade_kernel.h) against binomial laws: a hub
// whose out-degree exceeds the gather stream (tried in place), a frontier whose arcs overflow
// the stream (flushed mid-step), odd out-degrees (padded with inert arcs). Every arc is tried
// once, so the number of adopted targets is Binomial(arcs, p) exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

using testing::Arc;
using testing::FromArcs;

MonteCarloResult RunIc(const network::Graph& g, double p, const std::vector<network::NodeId>& seeds,
                       uint64_t replicas) {
  const ModelSpec spec{.kind = ModelKind::kIndependentCascade, .probability = p};
  auto mc =
      RunMonteCarlo(g, spec, seeds, {}, {.replicas = replicas, .seed = 5, .policy = Sequential{}});
  EXPECT_TRUE(mc.ok());
  return std::move(mc).value();
}

TEST(CascadePathsTest, HubLargerThanTheStreamAdoptsABinomialNumberOfLeaves) {
  constexpr network::NodeId kLeaves = 6001;  // > the 4096-arc stream, and odd
  std::vector<Arc> arcs;
  for (network::NodeId v = 1; v <= kLeaves; ++v) arcs.push_back({0, v});
  const auto g = FromArcs(kLeaves + 1, arcs);
  constexpr double kP = 0.25;
  constexpr uint64_t kReplicas = 400;
  const MonteCarloResult mc = RunIc(g, kP, {0}, kReplicas);
  const double sd = std::sqrt(kLeaves * kP * (1 - kP));
  EXPECT_NEAR(mc.final_size.mean, 1 + kLeaves * kP, 4.5 * sd / std::sqrt(kReplicas));
  EXPECT_NEAR(mc.final_size.sd, sd, 0.15 * sd);
  ASSERT_EQ(mc.curve.size(), 2u);  // leaves have no out-arcs: one step
  EXPECT_NEAR(mc.adoption_probability[kLeaves], kP, 4.5 * std::sqrt(kP * (1 - kP) / kReplicas));
}

TEST(CascadePathsTest, FrontierOverflowingTheStreamTriesEveryArcOnce) {
  // 1500 seeds with 3 out-arcs each (odd: padded) to private targets: 4500 arcs in one step.
  constexpr network::NodeId kSeeds = 1500, kFanOut = 3;
  std::vector<Arc> arcs;
  std::vector<network::NodeId> seeds;
  for (network::NodeId u = 0; u < kSeeds; ++u) {
    seeds.push_back(u);
    for (network::NodeId k = 0; k < kFanOut; ++k) arcs.push_back({u, kSeeds + kFanOut * u + k});
  }
  const auto g = FromArcs(kSeeds * (1 + kFanOut), arcs);
  constexpr double kP = 0.5;
  constexpr uint64_t kReplicas = 400;
  const MonteCarloResult mc = RunIc(g, kP, seeds, kReplicas);
  const double arcs_tried = kSeeds * kFanOut;
  const double sd = std::sqrt(arcs_tried * kP * (1 - kP));
  EXPECT_NEAR(mc.final_size.mean, kSeeds + arcs_tried * kP, 4.5 * sd / std::sqrt(kReplicas));
  EXPECT_NEAR(mc.final_size.sd, sd, 0.15 * sd);
}

}  // namespace
}  // namespace duckweed::diffusion
