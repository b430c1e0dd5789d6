// Independent cascade and linear threshold on small graphs against exact values computed by
// enumerating every live-edge world (Kempe, Kleinberg & Tardos 2003). In a live-edge world a node
// adopts at step = its BFS distance from the seeds, so the per-step mean curve, the per-node
// probabilities and mean times are exact expectations over the worlds' probabilities.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <queue>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

using testing::Arc;
using testing::FromArcs;

constexpr int kUnreached = -1;

struct Exact {
  double final_size = 0;
  std::vector<double> curve;        // E[#adopted by step t]
  std::vector<double> probability;  // per node
  std::vector<double> time_mass;    // per node: E[step * 1{adopted}]
};

// Adds one world (its live arcs, with probability `weight`) to the exact expectations.
void AddWorld(network::NodeId n, const std::vector<Arc>& live,
              const std::vector<network::NodeId>& seeds, double weight, Exact& exact) {
  std::vector<int> dist(n, kUnreached);
  std::queue<network::NodeId> queue;
  for (auto s : seeds) {
    dist[s] = 0;
    queue.push(s);
  }
  while (!queue.empty()) {
    const auto u = queue.front();
    queue.pop();
    for (const auto& [a, b] : live) {
      if (a == u && dist[b] == kUnreached) {
        dist[b] = dist[u] + 1;
        queue.push(b);
      }
    }
  }
  for (network::NodeId v = 0; v < n; ++v) {
    if (dist[v] == kUnreached) continue;
    exact.final_size += weight;
    exact.probability[v] += weight;
    exact.time_mass[v] += weight * dist[v];
    for (size_t t = dist[v]; t < exact.curve.size(); ++t) exact.curve[t] += weight;
  }
}

void ExpectMatches(const MonteCarloResult& mc, const Exact& exact) {
  const double r = static_cast<double>(mc.replicas);
  // Fixed seeds make the test deterministic; 4.5 standard errors keeps a correct engine passing
  // for essentially every seed while a wrong semantics (off by a few %) fails.
  EXPECT_NEAR(mc.final_size.mean, exact.final_size, 4.5 * mc.final_size.stderr_mean);
  for (size_t v = 0; v < exact.probability.size(); ++v) {
    const double p = exact.probability[v];
    const double se = std::sqrt(std::max(p * (1 - p), 1e-12) / r);
    EXPECT_NEAR(mc.adoption_probability[v], p, 4.5 * se + 1e-12) << "node " << v;
  }
  for (size_t t = 0; t < exact.curve.size(); ++t) {
    const double mean = t < mc.curve.size() ? mc.curve[t].mean_adopted : mc.final_size.mean;
    // The curve's spread is at most the final size's: use that as a bound for its SE.
    EXPECT_NEAR(mean, exact.curve[t], 4.5 * mc.final_size.sd / std::sqrt(r) + 1e-9) << "step " << t;
  }
}

// A directed graph with a cycle, a diamond and a dead end; 13 arcs (8,192 worlds).
const std::vector<Arc> kArcs = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}, {4, 1}, {4, 5},
                                {5, 6}, {2, 6}, {6, 7}, {7, 5}, {1, 7}, {3, 0}};
const std::vector<float> kP = {0.5f,  0.3f, 0.7f, 0.4f,  0.6f,  0.2f, 0.55f,
                               0.45f, 0.1f, 0.9f, 0.35f, 0.25f, 0.8f};
constexpr network::NodeId kN = 8;

TEST(LiveEdgeExactTest, IndependentCascadeMatchesEnumerationOfWorlds) {
  const std::vector<network::NodeId> seeds = {0};
  Exact exact{0, std::vector<double>(kN, 0), std::vector<double>(kN, 0),
              std::vector<double>(kN, 0)};
  for (uint32_t mask = 0; mask < (1u << kArcs.size()); ++mask) {
    double weight = 1;
    std::vector<Arc> live;
    for (size_t i = 0; i < kArcs.size(); ++i) {
      const bool on = mask >> i & 1;
      weight *= on ? kP[i] : 1 - kP[i];
      if (on) live.push_back(kArcs[i]);
    }
    AddWorld(kN, live, seeds, weight, exact);
  }
  const network::Graph g = FromArcs(kN, kArcs, kP);
  ModelSpec spec{.kind = ModelKind::kIndependentCascade, .use_arc_weights = true};
  MonteCarloOptions options{.replicas = 40000, .seed = 7};
  auto mc = RunMonteCarlo(g, spec, seeds, {}, options);
  ASSERT_TRUE(mc.ok()) << mc.status().ToString();
  ExpectMatches(*mc, exact);
  for (network::NodeId v = 1; v < kN; ++v) {
    const double mean_time = exact.time_mass[v] / exact.probability[v];
    EXPECT_NEAR(mc->mean_adoption_step[v], mean_time, 0.05) << "node " << v;
  }
}

// LT with in-weights summing to at most 1 has the law of the live-edge process in which each node
// keeps at most one in-arc, arc (u,v) with probability w(u,v) (Kempe et al. 2003, Claim 2.6,
// which holds step by step).
TEST(LiveEdgeExactTest, LinearThresholdMatchesEnumerationOfWorlds) {
  const std::vector<network::NodeId> seeds = {0, 5};
  std::vector<std::vector<size_t>> in_arcs(kN);
  for (size_t i = 0; i < kArcs.size(); ++i) in_arcs[kArcs[i].second].push_back(i);
  // Weight of arc i: its p divided by the node's total (when above 0.9), so each column sums <=
  // 0.9.
  std::vector<float> w(kArcs.size());
  for (network::NodeId v = 0; v < kN; ++v) {
    double total = 0;
    for (size_t i : in_arcs[v]) total += kP[i];
    for (size_t i : in_arcs[v])
      w[i] = static_cast<float>(total > 0.9 ? kP[i] * 0.9 / total : kP[i]);
  }
  Exact exact{0, std::vector<double>(kN, 0), std::vector<double>(kN, 0),
              std::vector<double>(kN, 0)};
  std::vector<Arc> live;
  std::function<void(network::NodeId, double)> choose = [&](network::NodeId v, double weight) {
    if (v == kN) return AddWorld(kN, live, seeds, weight, exact);
    double rest = 1;
    for (size_t i : in_arcs[v]) {
      rest -= w[i];
      live.push_back(kArcs[i]);
      choose(v + 1, weight * w[i]);
      live.pop_back();
    }
    choose(v + 1, weight * rest);
  };
  choose(0, 1.0);
  const network::Graph g = FromArcs(kN, kArcs, w);
  ModelSpec spec{.kind = ModelKind::kLinearThreshold, .use_arc_weights = true};
  MonteCarloOptions options{.replicas = 40000, .seed = 11};
  auto mc = RunMonteCarlo(g, spec, seeds, {}, options);
  ASSERT_TRUE(mc.ok()) << mc.status().ToString();
  ExpectMatches(*mc, exact);
}

}  // namespace
}  // namespace duckweed::diffusion
