// Replicas split into contiguous ranges (as MPI processes run them) and merged in replica order
// give exactly the single-process result (monte_carlo.h): the oracle is RunMonteCarlo.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

struct Inputs {
  network::Graph graph = testing::ErdosRenyi(400, 5, 11);
  std::vector<network::NodeId> seeds = {3, 50, 3, 200};  // a duplicate, dropped in both paths
  MonteCarloOptions options{.replicas = 101, .seed = 5, .policy = Parallel{2}};
};

// Runs `processes` ranges one after the other (each on the calling thread) and merges them.
MonteCarloResult Split(const Inputs& s, const ModelSpec& spec, int processes) {
  MonteCarloOptions sequential = s.options;
  sequential.policy = Sequential{};
  std::vector<MonteCarloPartial> parts;
  for (int rank = 0; rank < processes; ++rank) {
    const auto [first, end] = ReplicaRange(s.options.replicas, rank, processes);
    auto part = RunMonteCarloReplicas(s.graph, spec, s.seeds, {}, sequential, first, end);
    EXPECT_TRUE(part.ok()) << part.status().ToString();
    parts.push_back(*std::move(part));
  }
  auto merged = MergeMonteCarlo(parts, s.options, s.seeds, s.graph.node_count());
  EXPECT_TRUE(merged.ok()) << merged.status().ToString();
  return *std::move(merged);
}

class PartialMergeTest : public ::testing::TestWithParam<ModelKind> {};

TEST_P(PartialMergeTest, AnySplitMergesToTheSingleProcessResultBitForBit) {
  Inputs s;
  const ModelSpec spec{
      .kind = GetParam(), .weighted_cascade = true, .beta = 0.1, .gamma = 0.25, .max_steps = 60};
  auto oracle = RunMonteCarlo(s.graph, spec, s.seeds, {}, s.options);
  ASSERT_TRUE(oracle.ok()) << oracle.status().ToString();
  ASSERT_GT(oracle->final_size.sd, 0);  // replicas differ, so a reordering would show
  // Partials of curves, then of histograms (what runs with many replicas send), against the
  // oracle's curves.
  for (auto [summaries, processes] : {std::pair{Summaries::kCurves, 1},
                                      {Summaries::kCurves, 3},
                                      {Summaries::kCurves, 150},
                                      {Summaries::kHistograms, 1},
                                      {Summaries::kHistograms, 3},
                                      {Summaries::kHistograms, 150}}) {
    s.options.summaries = summaries;  // 150 > replicas: some ranges are empty
    const MonteCarloResult m = Split(s, spec, processes);
    EXPECT_EQ(m.processes, processes);
    EXPECT_EQ(m.seeds, oracle->seeds);
    EXPECT_EQ(m.final_size_counts, oracle->final_size_counts);
    EXPECT_EQ(m.duration_counts, oracle->duration_counts);
    ASSERT_EQ(m.curve.size(), oracle->curve.size());
    for (size_t t = 0; t < m.curve.size(); ++t) {
      EXPECT_EQ(m.curve[t].mean_adopted, oracle->curve[t].mean_adopted);
      EXPECT_EQ(m.curve[t].low_adopted, oracle->curve[t].low_adopted);
      EXPECT_EQ(m.curve[t].high_adopted, oracle->curve[t].high_adopted);
      EXPECT_EQ(m.curve[t].mean_prevalence, oracle->curve[t].mean_prevalence);
    }
    EXPECT_EQ(m.final_size.mean, oracle->final_size.mean);
    EXPECT_EQ(m.final_size.stderr_mean, oracle->final_size.stderr_mean);
    EXPECT_EQ(m.final_size.sd, oracle->final_size.sd);
    EXPECT_EQ(m.final_size.q95, oracle->final_size.q95);
    ASSERT_EQ(m.reach.size(), oracle->reach.size());
    for (size_t i = 0; i < m.reach.size(); ++i) {
      EXPECT_EQ(m.reach[i].replicas_reached, oracle->reach[i].replicas_reached);
    }
    EXPECT_TRUE(SameBits(m.adoption_probability, oracle->adoption_probability));
    EXPECT_TRUE(SameBits(m.mean_adoption_step, oracle->mean_adoption_step));
  }
}

INSTANTIATE_TEST_SUITE_P(Models, PartialMergeTest,
                         ::testing::Values(ModelKind::kIndependentCascade,
                                           ModelKind::kLinearThreshold, ModelKind::kSir));

TEST(ReplicaRangeTest, RangesTileTheReplicasInRankOrder) {
  for (uint64_t replicas : {1ull, 10ull, 1001ull, 1ull << 60}) {
    for (int size : {1, 3, 8}) {
      uint64_t next = 0;
      for (int rank = 0; rank < size; ++rank) {
        const auto [first, end] = ReplicaRange(replicas, rank, size);
        EXPECT_EQ(first, next);
        EXPECT_LE(end - first, replicas / size + 1);
        next = end;
      }
      EXPECT_EQ(next, replicas);
    }
  }
}

TEST(MergeMonteCarloTest, RefusesAGapOrAMissingRange) {
  Inputs s;
  const ModelSpec spec{.kind = ModelKind::kSi, .beta = 0.2, .max_steps = 10};
  auto a = RunMonteCarloReplicas(s.graph, spec, s.seeds, {}, s.options, 0, 40);
  auto b = RunMonteCarloReplicas(s.graph, spec, s.seeds, {}, s.options, 50, 101);
  ASSERT_TRUE(a.ok() && b.ok());
  const std::vector<MonteCarloPartial> gap = {*a, *b};
  EXPECT_EQ(MergeMonteCarlo(gap, s.options, s.seeds, 400).status().code(), core::Code::kInternal);
  const std::vector<MonteCarloPartial> short_of = {*a};
  EXPECT_EQ(MergeMonteCarlo(short_of, s.options, s.seeds, 400).status().code(),
            core::Code::kInternal);
  EXPECT_EQ(RunMonteCarloReplicas(s.graph, spec, s.seeds, {}, s.options, 90, 102).status().code(),
            core::Code::kInvalidInput);
}

// The library refuses more than kMaxReplicas itself (before allocating the curves), not only the
// CLI's ExecuteRun; kMaxReplicas is still accepted (checked on an empty range, which runs nothing).
TEST(RunMonteCarloTest, RefusesReplicasOutsideOneToTheBound) {
  Inputs s;
  const ModelSpec spec{.kind = ModelKind::kSi, .beta = 0.2, .max_steps = 10};
  for (const uint64_t replicas : {uint64_t{0}, kMaxReplicas + 1}) {
    MonteCarloOptions options = s.options;
    options.replicas = replicas;
    const auto run = RunMonteCarlo(s.graph, spec, s.seeds, {}, options);
    ASSERT_EQ(run.status().code(), core::Code::kInvalidInput) << replicas;
    EXPECT_NE(run.status().message().find("expected between 1 and 100000000 replicas, found " +
                                          std::to_string(replicas)),
              std::string::npos)
        << run.status().ToString();
    EXPECT_EQ(RunMonteCarloReplicas(s.graph, spec, s.seeds, {}, options, 0, 0).status().code(),
              core::Code::kInvalidInput);
  }
  MonteCarloOptions at_bound = s.options;
  at_bound.replicas = kMaxReplicas;
  const auto empty = RunMonteCarloReplicas(s.graph, spec, s.seeds, {}, at_bound, 0, 0);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->curve_lengths.empty());
}

}  // namespace
}  // namespace duckweed::diffusion
