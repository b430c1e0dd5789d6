#include "duckweed/network/places.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "duckweed/core/random.h"
#include "duckweed/network/graph_ops.h"

namespace duckweed::network {
namespace {

using Edges = std::set<std::pair<NodeId, NodeId>>;

Edges EdgesOf(const Graph& g) {
  Edges edges;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    for (NodeId v : g.OutNeighbors(u)) edges.insert({std::min(u, v), std::max(u, v)});
  }
  return edges;
}

// Random places over mainland France's bounding box.
std::vector<Place> RandomPlaces(int n, uint64_t seed) {
  core::Rng rng = core::Rng::ForStream(seed, 0);
  std::vector<Place> places(n);
  for (int i = 0; i < n; ++i) {
    places[i].id = std::to_string(i);
    places[i].lat = 42.5 + 8.5 * rng.Uniform();
    places[i].lon = -4.5 + 12.5 * rng.Uniform();
    places[i].population = 100 + 10000 * rng.Uniform();
  }
  return places;
}

TEST(Places, DistanceParisLille) {
  const Place paris{.id = "75056", .lat = 48.8566, .lon = 2.3522};
  const Place lille{.id = "59350", .lat = 50.6292, .lon = 3.0573};
  // Haversine with R = 6371.0088 km: 203.7 km (as-the-crow-flies Paris-Lille ~204 km).
  EXPECT_NEAR(DistanceKm(paris, lille), 203.7, 0.5);
  EXPECT_NEAR(DistanceKm(paris, paris), 0.0, 1e-9);
}

TEST(Places, KNearestMatchesBruteForce) {
  const auto places = RandomPlaces(400, 1);
  const uint32_t k = 5;
  const auto g = BuildKNearest(places, k);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  Edges expected;
  for (NodeId u = 0; u < places.size(); ++u) {
    std::vector<std::pair<double, NodeId>> by_distance;
    for (NodeId v = 0; v < places.size(); ++v) {
      if (v != u) by_distance.push_back({DistanceKm(places[u], places[v]), v});
    }
    std::partial_sort(by_distance.begin(), by_distance.begin() + k, by_distance.end());
    for (uint32_t i = 0; i < k; ++i) {
      const NodeId v = by_distance[i].second;
      expected.insert({std::min(u, v), std::max(u, v)});
    }
  }
  EXPECT_EQ(EdgesOf(*g), expected);
  EXPECT_TRUE(IsSymmetric(*g));
  for (NodeId u = 0; u < g->node_count(); ++u) EXPECT_GE(g->OutDegree(u), k);
  ASSERT_EQ(g->channels().size(), g->arc_count());
  EXPECT_EQ(CountChannels(*g).concentric, g->arc_count());
}

TEST(Places, RadiusMatchesBruteForce) {
  const auto places = RandomPlaces(400, 2);
  const auto g = BuildRadius(places, 60.0);
  ASSERT_TRUE(g.ok());
  Edges expected;
  for (NodeId u = 0; u < places.size(); ++u) {
    for (NodeId v = u + 1; v < places.size(); ++v) {
      if (DistanceKm(places[u], places[v]) <= 60.0) expected.insert({u, v});
    }
  }
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(EdgesOf(*g), expected);
  EXPECT_FALSE(BuildRadius(places, -1).ok());
}

TEST(Places, InstitutionalCliqueAndStar) {
  std::vector<Place> places = {
      {.id = "a", .population = 10, .epci = "E1", .departement = "62"},
      {.id = "b", .population = 500, .epci = "E1", .departement = "62"},
      {.id = "c", .population = 20, .epci = "E1", .departement = "62"},
      {.id = "d", .population = 30, .epci = "E2", .departement = "62"},
      {.id = "e", .population = 40, .epci = "", .departement = "59"},
  };
  const auto g = BuildInstitutional(places);
  ASSERT_TRUE(g.ok());
  // E1 clique {a,b,c}; E2 alone; département 62 star around b (most populous); 59 alone.
  EXPECT_EQ(EdgesOf(*g), (Edges{{0, 1}, {0, 2}, {1, 2}, {1, 3}}));
  EXPECT_EQ(CountChannels(*g).institutional, 8u);
  const auto stars =
      BuildInstitutional(places, {.epci = GroupLinks::kStar, .departement = GroupLinks::kNone});
  ASSERT_TRUE(stars.ok());
  EXPECT_EQ(EdgesOf(*stars), (Edges{{0, 1}, {1, 2}}));
  const auto capped =
      BuildInstitutional(places, {.departement = GroupLinks::kClique, .max_clique_size = 3});
  ASSERT_TRUE(capped.ok());  // 62 has 4 members > 3: star, not clique
  EXPECT_EQ(EdgesOf(*capped), (Edges{{0, 1}, {0, 2}, {1, 2}, {1, 3}}));
}

TEST(Places, GravityPairsFollowPopulationProduct) {
  // Four places far apart, populations 1, 1, 2, 4, exponent 0 (no distance decay): one link per
  // seed; P(pair ij) = p_i p_j / sum over pairs = p_i p_j / 21.
  std::vector<Place> places = {{.id = "0", .lat = 45, .lon = 0, .population = 1},
                               {.id = "1", .lat = 45, .lon = 5, .population = 1},
                               {.id = "2", .lat = 48, .lon = 0, .population = 2},
                               {.id = "3", .lat = 48, .lon = 5, .population = 4}};
  std::map<std::pair<NodeId, NodeId>, int> hits;
  const int runs = 7000;
  for (int seed = 0; seed < runs; ++seed) {
    const auto g = BuildGravity(places, {.links = 1, .exponent = 0}, seed);
    ASSERT_TRUE(g.ok());
    ASSERT_EQ(g->arc_count(), 2u);
    ++hits[*EdgesOf(*g).begin()];
  }
  double chi2 = 0;
  for (NodeId i = 0; i < 4; ++i) {
    for (NodeId j = i + 1; j < 4; ++j) {
      const double expected = runs * places[i].population * places[j].population / 21.0;
      chi2 += std::pow(hits[{i, j}] - expected, 2) / expected;
    }
  }
  EXPECT_LT(chi2, 20.5);  // chi-square, 5 degrees of freedom, p = 0.001
}

TEST(Places, GravityDecaysWithDistanceAndRespectsMinimum) {
  const auto places = RandomPlaces(2000, 3);
  const auto mean_km = [&](double exponent) {
    const auto g = BuildGravity(places, {.links = 500, .exponent = exponent}, 9);
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    double sum = 0;
    const Edges edges = EdgesOf(*g);
    EXPECT_EQ(edges.size(), 500u);
    for (const auto& [u, v] : edges) {
      const double d = DistanceKm(places[u], places[v]);
      EXPECT_GE(d, 20.0);
      sum += d;
    }
    return sum / edges.size();
  };
  EXPECT_LT(mean_km(2.0), 0.7 * mean_km(0.0));
  const auto a = BuildGravity(places, {.links = 100}, 4);
  const auto b = BuildGravity(places, {.links = 100}, 4);
  EXPECT_EQ(EdgesOf(*a), EdgesOf(*b));
  const auto impossible =
      BuildGravity(places, {.links = 100, .min_distance_km = 5000, .max_attempts = 10000}, 1);
  ASSERT_FALSE(impossible.ok());
  EXPECT_NE(impossible.status().message().find("found only 0 of 100"), std::string::npos);
}

TEST(Places, UnionOrsChannelsAndRewireKeepsEdgeCount) {
  const auto places = RandomPlaces(300, 5);
  const auto knn = BuildKNearest(places, 4);
  const auto inst = BuildRadius(places, 40);
  const auto gravity = BuildGravity(places, {.links = 50}, 2);
  ASSERT_TRUE(knn.ok() && inst.ok() && gravity.ok());
  const Graph* parts[] = {&*knn, &*gravity};
  const auto both = UnionOf(parts);
  ASSERT_TRUE(both.ok());
  Edges expected = EdgesOf(*knn);
  for (const auto& e : EdgesOf(*gravity)) expected.insert(e);
  EXPECT_EQ(EdgesOf(*both), expected);
  const ChannelCounts counts = CountChannels(*both);
  EXPECT_EQ(counts.concentric, knn->arc_count());
  EXPECT_EQ(counts.long_range, gravity->arc_count());
  EXPECT_LE(both->arc_count(), knn->arc_count() + gravity->arc_count());

  const auto same = RewireSmallWorld(*knn, 0.0, 1);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(EdgesOf(*same), EdgesOf(*knn));
  const auto rewired = RewireSmallWorld(*knn, 0.3, 1);
  ASSERT_TRUE(rewired.ok());
  EXPECT_EQ(rewired->arc_count(), knn->arc_count());
  const double moved = double(CountChannels(*rewired).long_range) / rewired->arc_count();
  EXPECT_NEAR(moved, 0.3, 0.05);
}

TEST(Places, PlaceNetworkChannelsAddUp) {
  auto places = RandomPlaces(500, 6);
  for (size_t i = 0; i < places.size(); ++i) {
    places[i].epci = "E" + std::to_string(i / 25);
    places[i].departement = "D" + std::to_string(i / 250);
  }
  PlaceNetworkOptions options;
  options.knn = 4;
  options.gravity.links = 60;
  const auto net = BuildPlaceNetwork(places, options, 3);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  // 20 EPCI cliques of 25 (6000 edges) + 2 département stars of 249 edges, less the 24 star
  // edges per département already inside the hub's EPCI clique: 6000 + 498 - 48.
  EXPECT_EQ(EdgesOf(net->institutional).size(), 6450u);
  Edges all = EdgesOf(net->concentric);
  for (const auto& e : EdgesOf(net->institutional)) all.insert(e);
  for (const auto& e : EdgesOf(net->long_range)) all.insert(e);
  EXPECT_EQ(EdgesOf(net->combined), all);
  EXPECT_EQ(EdgesOf(SelectChannels(net->combined, kChannelLongRange)), EdgesOf(net->long_range));
  EXPECT_EQ(EdgesOf(net->long_range).size(), 60u);

  options.rewire_beta = 0.2;
  const auto rewired = BuildPlaceNetwork(places, options, 3);
  ASSERT_TRUE(rewired.ok());
  // Rewiring moves edges, so the concentric and long-range parts of `combined` add up to the
  // k-NN edge count, and the moved ones are exactly the long-range channel.
  const Graph concentric_part = SelectChannels(rewired->combined, kChannelConcentric);
  const Graph long_part = SelectChannels(rewired->combined, kChannelLongRange);
  for (const auto& e : EdgesOf(long_part)) EXPECT_TRUE(EdgesOf(rewired->long_range).count(e));
  EXPECT_GT(long_part.arc_count(), 0u);
  EXPECT_LE(concentric_part.arc_count() + long_part.arc_count(),
            rewired->concentric.arc_count() + rewired->institutional.arc_count());
}

TEST(Places, InvalidPlacesAreAllReported) {
  std::vector<Place> places = {{.id = "a", .lat = 95, .lon = 0},
                               {.id = "b", .lat = 0, .lon = 0, .population = -1},
                               {.id = "a", .lat = 0, .lon = 0}};
  const auto g = BuildKNearest(places, 2);
  ASSERT_FALSE(g.ok());
  const auto& d = g.status().diagnostics();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].where.field, "places[0].lat");
  EXPECT_EQ(d[1].where.field, "places[1].population");
  EXPECT_EQ(d[2].where.field, "places[2].id");
}

// Memberships give a known graph: A = {0, 1, 3} and B = {1, 2} as cliques; place 4 has no group.
// With cliques of at most 2, A becomes a star around its most populous member (3).
TEST(GroupLayer, MembershipsGiveCliquesOrStars) {
  std::vector<Place> places(5);
  for (int i = 0; i < 5; ++i) {
    places[i] = {.id = std::to_string(i), .lat = 45, .lon = i * 0.1, .population = 10.0 * i};
  }
  const std::vector<std::vector<std::string>> groups = {{"A"}, {"A", "B"}, {"B", ""}, {"A"}, {}};
  const auto clique = BuildGroupLayer(places, groups, GroupLinks::kClique);
  ASSERT_TRUE(clique.ok()) << clique.status().ToString();
  std::set<std::pair<NodeId, NodeId>> arcs;
  for (NodeId u = 0; u < clique->node_count(); ++u) {
    for (const NodeId v : clique->OutNeighbors(u)) arcs.insert({u, v});
  }
  const std::set<std::pair<NodeId, NodeId>> expected = {{0, 1}, {1, 0}, {0, 3}, {3, 0},
                                                        {1, 3}, {3, 1}, {1, 2}, {2, 1}};
  EXPECT_EQ(arcs, expected);
  EXPECT_EQ(clique->channels()[0], kChannelInstitutional);
  const auto star = BuildGroupLayer(places, groups, GroupLinks::kClique, 2);
  ASSERT_TRUE(star.ok());
  arcs.clear();
  for (NodeId u = 0; u < star->node_count(); ++u) {
    for (const NodeId v : star->OutNeighbors(u)) arcs.insert({u, v});
  }
  const std::set<std::pair<NodeId, NodeId>> expected_star = {{3, 0}, {0, 3}, {3, 1},
                                                             {1, 3}, {1, 2}, {2, 1}};
  EXPECT_EQ(arcs, expected_star);
  EXPECT_FALSE(BuildGroupLayer(places, std::span(groups).first(3), GroupLinks::kClique).ok());
}

}  // namespace
}  // namespace duckweed::network
