// IMM influence maximisation: exact optimum on a small graph, the published IMM result on
// NetHEPT (the reference's 50 seeds, chosen by Ripples' IMM, spread 932.4), and determinism.
#include "duckweed/diffusion/influence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/edge_list.h"
#include "support/shared_data.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

using testing::FromArcs;

TEST(InfluenceTest, PicksTheExactOptimumOnASmallGraph) {
  // Spreads with p = 1 along arcs: 0 reaches {0,1,2}, 3 reaches {3,4,5,6}, 7 reaches {7}. With
  // k = 1 the best seed is 3; with k = 2, {3, 0}.
  const network::Graph g = FromArcs(8, {{0, 1}, {1, 2}, {3, 4}, {4, 5}, {5, 6}, {7, 6}});
  ModelSpec spec{.kind = ModelKind::kIndependentCascade, .probability = 1.0};
  auto one = InfluenceMaximization(g, spec, {}, {.k = 1, .epsilon = 0.2, .seed = 3});
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->seeds, (std::vector<network::NodeId>{3}));
  EXPECT_NEAR(one->estimated_spread, 4.0, 0.4);
  auto two = InfluenceMaximization(g, spec, {}, {.k = 2, .epsilon = 0.2, .seed = 3});
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->seeds, (std::vector<network::NodeId>{3, 0}));
  spec.kind = ModelKind::kSir;
  EXPECT_EQ(InfluenceMaximization(g, spec, {}, {.k = 1}).status().ExitCode(), 1);
}

TEST(InfluenceTest, ThreadCountDoesNotChangeTheSeeds) {
  const network::Graph g = testing::ErdosRenyi(500, 4, 5);
  ModelSpec spec{.kind = ModelKind::kLinearThreshold, .weighted_cascade = true};
  auto a = InfluenceMaximization(g, spec, {}, {.k = 5, .seed = 2, .policy = Sequential{}});
  auto b = InfluenceMaximization(g, spec, {}, {.k = 5, .seed = 2, .policy = Parallel{3}});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->seeds, b->seeds);
  EXPECT_EQ(a->rr_sets, b->rr_sets);
  EXPECT_EQ(a->estimated_spread, b->estimated_spread);
}

// Issue 12: RR sets in blocks over the threads and the parallel greedy give the same seeds, RR
// set count and spread on 1, 2 and 3 threads as the sequential run, bit for bit.
TEST(InfluenceTest, CascadeSeedsIdenticalOnOneTwoThreeThreads) {
  const network::Graph g = testing::ErdosRenyi(3000, 6, 8);
  ModelSpec spec{.kind = ModelKind::kIndependentCascade, .weighted_cascade = true};
  const auto a = InfluenceMaximization(g, spec, {}, {.k = 20, .seed = 4, .policy = Sequential{}});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_GT(a->rr_sets, 2 * 512u);  // several blocks
  for (const int threads : {1, 2, 3}) {
    const auto b =
        InfluenceMaximization(g, spec, {}, {.k = 20, .seed = 4, .policy = Parallel{threads}});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(a->seeds, b->seeds) << threads << " threads";
    EXPECT_EQ(a->rr_sets, b->rr_sets);
    EXPECT_EQ(a->estimated_spread, b->estimated_spread);
  }
}

TEST(InfluenceTest, NetHeptSeedsSpreadLikeThePublishedImmSeeds) {
  DUCKWEED_SHARED_FILE_OR_SKIP(graph_path, "graphs/NetHEPT.txt");
  auto list = network::ReadEdgeListFile(graph_path, {.directed = false,
                                                     .drop_self_loops = true,
                                                     .dedup = true,
                                                     .ids = network::IdMapping::kIdentity,
                                                     .weights = network::WeightColumn::kIgnore});
  ASSERT_TRUE(list.ok());
  ModelSpec spec{.kind = ModelKind::kIndependentCascade, .weighted_cascade = true};
  auto imm = InfluenceMaximization(list->graph, spec, {}, {.k = 50, .epsilon = 0.5, .seed = 1});
  ASSERT_TRUE(imm.ok()) << imm.status().ToString();
  auto mc = RunMonteCarlo(list->graph, spec, imm->seeds, {},
                          {.replicas = 2000, .seed = 1, .per_node = false});
  ASSERT_TRUE(mc.ok());
  // The reference (Ripples' IMM seeds) spreads to 932.4 +/- 1.0 and the top-50 by degree to
  // 850.0. IMM with epsilon = 0.5 guarantees only (1 - 1/e - 0.5) of the optimum, but in practice
  // lands within a few percent of it: require within 3% of the reference and well above degree.
  EXPECT_GT(mc->final_size.mean, 0.97 * 932.4);
  EXPECT_GT(mc->final_size.mean, 850.0 + 20);
  // The greedy's own estimate is biased upwards (seeds chosen to cover the same RR sets that
  // measure them): +7% here with ~0.1M sets, +3% at epsilon = 0.15 (1M sets). Bound it loosely.
  EXPECT_GT(imm->estimated_spread, mc->final_size.mean - 5 * mc->final_size.stderr_mean);
  EXPECT_LT(imm->estimated_spread, 1.12 * mc->final_size.mean);
}

}  // namespace
}  // namespace duckweed::diffusion
