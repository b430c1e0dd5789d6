// Independent cascade on NetHEPT with the 50 reference seeds of
// ../shared/data/graphs/nethept_ic_reference.json: the mean spread must agree with the reference
// (numpy frontier Monte Carlo, 10,000 replicas: 932.4 +/- 1.0) within 3 combined standard errors.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/edge_list.h"
#include "support/shared_data.h"

namespace duckweed::diffusion {
namespace {

TEST(NetHeptTest, WeightedCascadeSpreadMatchesReference) {
  DUCKWEED_SHARED_FILE_OR_SKIP(graph_path, "graphs/NetHEPT.txt");
  DUCKWEED_SHARED_FILE_OR_SKIP(reference_path, "graphs/nethept_ic_reference.json");
  const auto reference = nlohmann::json::parse(duckweed::testing::ReadFileOrFail(reference_path));
  // The reference's preparation: no self-loops, no duplicates, every edge in both directions.
  auto list = network::ReadEdgeListFile(graph_path, {.directed = false,
                                                     .drop_self_loops = true,
                                                     .dedup = true,
                                                     .ids = network::IdMapping::kIdentity,
                                                     .weights = network::WeightColumn::kIgnore});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->graph.arc_count(), 62752u);  // 31,376 undirected edges, as the reference says
  const auto seeds = reference["seeds_k50"].get<std::vector<network::NodeId>>();
  ASSERT_EQ(seeds.size(), 50u);

  ModelSpec spec{.kind = ModelKind::kIndependentCascade, .weighted_cascade = true};
  // 4,000 replicas: ~0.1 s in a release build, standard error ~1.6.
  MonteCarloOptions options{.replicas = 4000, .seed = 1, .per_node = false};
  auto mc = RunMonteCarlo(list->graph, spec, seeds, {}, options);
  ASSERT_TRUE(mc.ok()) << mc.status().ToString();
  const double expected = reference["expected_spread"]["mean"].get<double>();
  const double expected_se = reference["expected_spread"]["standard_error"].get<double>();
  const double se = std::hypot(mc->final_size.stderr_mean, expected_se);
  EXPECT_NEAR(mc->final_size.mean, expected, 3 * se);
  EXPECT_GT(mc->final_size.stderr_mean, 0.5);  // a real distribution, not a constant
}

}  // namespace
}  // namespace duckweed::diffusion
