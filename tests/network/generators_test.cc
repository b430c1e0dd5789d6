#include "duckweed/network/generators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "duckweed/network/graph_ops.h"

namespace duckweed::network {
namespace {

// No self-loop, no parallel arc.
bool IsSimple(const Graph& g) {
  for (NodeId u = 0; u < g.node_count(); ++u) {
    std::vector<NodeId> row(g.OutNeighbors(u).begin(), g.OutNeighbors(u).end());
    std::sort(row.begin(), row.end());
    if (std::adjacent_find(row.begin(), row.end()) != row.end()) return false;
    if (std::binary_search(row.begin(), row.end(), u)) return false;
  }
  return true;
}

bool SameArcs(const Graph& a, const Graph& b) {
  return std::equal(a.targets().begin(), a.targets().end(), b.targets().begin(),
                    b.targets().end()) &&
         std::equal(a.offsets().begin(), a.offsets().end(), b.offsets().begin(), b.offsets().end());
}

TEST(Generators, GnpEdgeCountMatchesBinomialMean) {
  const NodeId n = 2000;
  const double p = 0.01;
  const auto g = ErdosRenyiGnp(n, p, 7);
  ASSERT_TRUE(g.ok());
  ASSERT_TRUE(IsSimple(*g));
  ASSERT_TRUE(IsSymmetric(*g));
  const double pairs = n * (n - 1) / 2.0;
  const double edges = g->arc_count() / 2.0;
  const double sd = std::sqrt(pairs * p * (1 - p));
  EXPECT_NEAR(edges, pairs * p, 4 * sd);  // mean degree (n-1)p = 19.99
  // Degree variance of G(n,p) is (n-1)p(1-p) (binomial), up to sampling noise.
  double sum = 0, sum2 = 0;
  for (NodeId u = 0; u < n; ++u) {
    sum += g->OutDegree(u);
    sum2 += double(g->OutDegree(u)) * g->OutDegree(u);
  }
  const double mean = sum / n;
  EXPECT_NEAR(sum2 / n - mean * mean, (n - 1) * p * (1 - p), 2.0);
}

TEST(Generators, GnpDirectedAndExtremes) {
  const auto complete = ErdosRenyiGnp(30, 1.0, 1, true);
  ASSERT_TRUE(complete.ok());
  EXPECT_EQ(complete->arc_count(), 30u * 29u);
  EXPECT_TRUE(IsSimple(*complete));
  const auto empty = ErdosRenyiGnp(30, 0.0, 1);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->arc_count(), 0u);
  EXPECT_FALSE(ErdosRenyiGnp(30, 1.5, 1).ok());
}

TEST(Generators, GnmExactCountUniformPairsAndReproducible) {
  const auto g = ErdosRenyiGnm(1000, 5000, 3);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->arc_count(), 10000u);
  EXPECT_TRUE(IsSimple(*g));
  const auto again = ErdosRenyiGnm(1000, 5000, 3);
  EXPECT_TRUE(SameArcs(*g, *again));
  EXPECT_FALSE(SameArcs(*g, *ErdosRenyiGnm(1000, 5000, 4)));
  // All pairs of a small graph: the complete graph.
  const auto full = ErdosRenyiGnm(10, 45, 1);
  ASSERT_TRUE(full.ok());
  for (NodeId u = 0; u < 10; ++u) EXPECT_EQ(full->OutDegree(u), 9u);
  EXPECT_FALSE(ErdosRenyiGnm(10, 46, 1).ok());
  const auto directed = ErdosRenyiGnm(10, 90, 1, true);
  ASSERT_TRUE(directed.ok());
  EXPECT_TRUE(IsSimple(*directed));
  EXPECT_EQ(directed->arc_count(), 90u);
}

TEST(Generators, GnmPicksEveryPairEquallyOften) {
  // G(5, 3) over 4000 seeds: each of the 10 pairs is in the graph with probability 3/10.
  std::vector<int> hits(25, 0);
  const int runs = 4000;
  for (int seed = 0; seed < runs; ++seed) {
    const auto g = ErdosRenyiGnm(5, 3, seed);
    for (NodeId u = 0; u < 5; ++u) {
      for (NodeId v : g->OutNeighbors(u)) hits[u * 5 + v] += u < v;
    }
  }
  double chi2 = 0;
  const double expected = runs * 0.3;
  for (NodeId u = 0; u < 5; ++u) {
    for (NodeId v = u + 1; v < 5; ++v) {
      chi2 += (hits[u * 5 + v] - expected) * (hits[u * 5 + v] - expected) / expected;
    }
  }
  EXPECT_LT(chi2, 27.9);  // chi-square with 9 degrees of freedom, p = 0.001
}

TEST(Generators, BarabasiAlbertExactEdgesAndPowerLawTail) {
  const NodeId n = 20000;
  const uint32_t m = 3;
  const auto g = BarabasiAlbert(n, m, 11);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->arc_count(), 2ull * m * (n - m));  // degree sum 2m(n-m)
  EXPECT_TRUE(IsSimple(*g));
  uint32_t min_degree = UINT32_MAX;
  NodeId at_least_12 = 0;
  for (NodeId u = 0; u < n; ++u) {
    min_degree = std::min(min_degree, g->OutDegree(u));
    at_least_12 += g->OutDegree(u) >= 12;
  }
  EXPECT_EQ(min_degree, m);
  // Bollobás et al.: P(K >= k) = m(m+1) / (k(k+1)) for large n; 12/156 = 0.0769 at k = 12.
  EXPECT_NEAR(double(at_least_12) / n, 12.0 / 156.0, 0.012);
  EXPECT_FALSE(BarabasiAlbert(5, 5, 1).ok());
}

TEST(Generators, WattsStrogatzRingAndRewiring) {
  const auto ring = WattsStrogatz(100, 4, 0.0, 1);
  ASSERT_TRUE(ring.ok());
  for (NodeId u = 0; u < 100; ++u) {
    std::set<NodeId> row(ring->OutNeighbors(u).begin(), ring->OutNeighbors(u).end());
    EXPECT_EQ(row,
              (std::set<NodeId>{(u + 98) % 100, (u + 99) % 100, (u + 1) % 100, (u + 2) % 100}));
  }
  const auto rewired = WattsStrogatz(1000, 6, 0.2, 5);
  ASSERT_TRUE(rewired.ok());
  EXPECT_EQ(rewired->arc_count(), 6000u);
  EXPECT_TRUE(IsSimple(*rewired));
  // About beta of the ring edges moved: count arcs whose ring distance exceeds 3.
  uint64_t long_arcs = 0;
  for (NodeId u = 0; u < 1000; ++u) {
    for (NodeId v : rewired->OutNeighbors(u)) {
      const NodeId dist = std::min((u + 1000 - v) % 1000, (v + 1000 - u) % 1000);
      long_arcs += dist > 3;
    }
  }
  EXPECT_NEAR(long_arcs / 6000.0, 0.2, 0.03);
  EXPECT_FALSE(WattsStrogatz(100, 3, 0.1, 1).ok());
}

TEST(Generators, RmatIsSkewedAndSimple) {
  const auto g = Rmat({.scale = 12, .edges = 40000}, 2);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->node_count(), 4096u);
  EXPECT_TRUE(IsSimple(*g));
  EXPECT_LE(g->arc_count(), 40000u);
  EXPECT_GT(g->arc_count(), 30000u);
  // Node 0 is the corner every draw leans to (a is the largest quadrant): highest out-degree.
  uint32_t max_degree = 0;
  for (NodeId u = 0; u < g->node_count(); ++u) max_degree = std::max(max_degree, g->OutDegree(u));
  EXPECT_EQ(g->OutDegree(0), max_degree);
  // Expected out-degree of node 0 before dedup: edges * (a + b)^scale = 40000 * 0.76^12 = 1475.
  EXPECT_GT(g->OutDegree(0), 500u);
  EXPECT_FALSE(Rmat({.scale = 12, .edges = 10, .a = 0.6, .b = 0.3, .c = 0.3}, 1).ok());
}

}  // namespace
}  // namespace duckweed::network
