// The cascade's two layouts (plan.h): the packed one (small graphs) and the compact one (large
// graphs, thresholds by target node or by arc) run the same trials with the same draws, so every
// replica adopts the same nodes at the same steps. Internal test: it compiles both plans.
#include <gtest/gtest.h>

#include <vector>

#include "diffusion/cascade_kernel.h"
#include "diffusion/plan.h"
#include "diffusion/replica_tally.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

using testing::Arc;

// Random graph plus a hub wider than the gather stream, odd degrees included, with weights.
network::Graph MixedGraph() {
  constexpr network::NodeId kN = 6000;
  std::vector<Arc> arcs;
  std::vector<float> weights;
  core::Rng rng = core::Rng::ForStream(17, 0);
  for (network::NodeId u = 0; u < kN; ++u) {
    const uint64_t degree = u == 7 ? 4999 : rng.Below(6);
    for (uint64_t k = 0; k < degree; ++k) {
      arcs.push_back({u, static_cast<network::NodeId>(rng.Below(kN))});
      weights.push_back(static_cast<float>(0.05 + 0.4 * rng.Uniform()));
    }
  }
  return testing::FromArcs(kN, arcs, weights);
}

void ExpectSameReplicas(const network::Graph& g, const ModelSpec& spec,
                        std::vector<double> factor) {
  const std::vector<network::NodeId> seeds = {7, 1, 2, 3, 4000};
  const internal::Plan packed =
      internal::Compile(g, spec, seeds, factor, internal::ArcLayout::kPacked);
  const internal::Plan compact =
      internal::Compile(g, spec, seeds, factor, internal::ArcLayout::kCompact);
  ASSERT_TRUE(packed.packed());
  ASSERT_FALSE(compact.packed());
  EXPECT_EQ(compact.threshold_by_node, !spec.use_arc_weights);
  internal::CascadeScratch s1(g.node_count()), s2(g.node_count());
  internal::ReplicaTally t1(g.node_count(), true), t2(g.node_count(), true);
  uint64_t adopted_total = 0;
  for (uint64_t r = 0; r < 60; ++r) {
    core::Rng rng1 = core::Rng::ForStream(3, r), rng2 = core::Rng::ForStream(3, r);
    internal::RunCascadeReplica(packed, rng1, s1, t1);
    internal::RunCascadeReplica(compact, rng2, s2, t2);
    const internal::ReplicaCurve c1 = t1.TakeCurve(), c2 = t2.TakeCurve();
    ASSERT_EQ(c1.adopted, c2.adopted) << "replica " << r;
    adopted_total += c1.adopted.back();
  }
  EXPECT_GT(adopted_total, 60 * seeds.size() + 60 * 100);  // cascades spread, past the hub
  std::vector<uint64_t> a1(g.node_count()), s1t(g.node_count()), a2(g.node_count()),
      s2t(g.node_count());
  t1.MergeInto(a1, s1t);
  t2.MergeInto(a2, s2t);
  EXPECT_EQ(a1, a2);    // the same nodes adopted
  EXPECT_EQ(s1t, s2t);  // at the same steps
}

TEST(CascadeLayoutTest, CompactByNodeMatchesPackedForTheWeightedCascadeWithFactors) {
  const network::Graph g = MixedGraph();
  std::vector<double> factor(g.node_count(), 1.0);
  for (size_t v = 0; v < factor.size(); v += 4) factor[v] = 0.3;
  ExpectSameReplicas(g, {.kind = ModelKind::kIndependentCascade, .weighted_cascade = true}, factor);
  ExpectSameReplicas(g, {.kind = ModelKind::kIndependentCascade, .probability = 0.3}, {});
}

TEST(CascadeLayoutTest, CompactByArcMatchesPackedForArcWeights) {
  ExpectSameReplicas(MixedGraph(),
                     {.kind = ModelKind::kIndependentCascade, .use_arc_weights = true}, {});
}

}  // namespace
}  // namespace duckweed::diffusion
