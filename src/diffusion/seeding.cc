#include "duckweed/diffusion/seeding.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "duckweed/core/geo.h"
#include "duckweed/core/random.h"
#include "duckweed/diffusion/heterogeneity.h"

namespace duckweed::diffusion {
namespace {

using network::NodeId;

constexpr std::array<std::pair<SeedStrategy, std::string_view>, 5> kNames = {{
    {SeedStrategy::kTopDegree, "top-degree"},
    {SeedStrategy::kTopPopulation, "top-population"},
    {SeedStrategy::kRandom, "random"},
    {SeedStrategy::kGeographicCluster, "cluster"},
    {SeedStrategy::kInfluenceMax, "imm"},
}};

// The `count` nodes with the largest key, ties by lower id.
template <class Key>
std::vector<NodeId> TopBy(NodeId n, uint32_t count, Key key) {
  std::vector<NodeId> order(n);
  std::iota(order.begin(), order.end(), 0);
  const auto k = std::min<size_t>(count, n);
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](NodeId a, NodeId b) {
    const auto ka = key(a), kb = key(b);
    return ka != kb ? ka > kb : a < b;
  });
  order.resize(k);
  return order;
}

std::vector<NodeId> RandomNodes(NodeId n, uint32_t count, core::Rng& rng) {
  // Partial Fisher-Yates over the identity permutation.
  std::vector<NodeId> pool(n);
  std::iota(pool.begin(), pool.end(), 0);
  const auto k = std::min<size_t>(count, n);
  for (size_t i = 0; i < k; ++i) std::swap(pool[i], pool[i + rng.Below(n - i)]);
  pool.resize(k);
  return pool;
}

std::vector<NodeId> NearestPlaces(const network::NodeAttributes& a, NodeId centre, uint32_t count) {
  const auto n = static_cast<NodeId>(a.latitude.size());
  std::vector<std::pair<double, NodeId>> by_distance(n);
  for (NodeId v = 0; v < n; ++v) {
    by_distance[v] = {
        core::GreatCircleKm(a.latitude[centre], a.longitude[centre], a.latitude[v], a.longitude[v]),
        v};
  }
  const auto k = std::min<size_t>(count, n);
  std::partial_sort(by_distance.begin(), by_distance.begin() + k, by_distance.end());
  std::vector<NodeId> out;
  for (size_t i = 0; i < k; ++i) out.push_back(by_distance[i].second);
  return out;
}

std::vector<NodeId> BfsBall(const network::Graph& g, NodeId centre, uint32_t count) {
  std::vector<bool> seen(g.node_count(), false);
  std::vector<NodeId> order = {centre};
  seen[centre] = true;
  for (size_t head = 0; head < order.size() && order.size() < count; ++head) {
    for (NodeId v : g.OutNeighbors(order[head])) {
      if (seen[v] || order.size() >= count) continue;
      seen[v] = true;
      order.push_back(v);
    }
  }
  return order;
}

}  // namespace

core::Result<SeedStrategy> SeedStrategyFromName(std::string_view name) {
  for (const auto& [strategy, known] : kNames) {
    if (known == name) return strategy;
  }
  return core::Status::InvalidInput(
      fmt::format("unknown seed strategy '{}'; expected top-degree, top-population, random, "
                  "cluster or imm",
                  name),
      core::Location{.field = "seed-strategy"});
}

std::string_view SeedStrategyName(SeedStrategy strategy) {
  for (const auto& [s, name] : kNames) {
    if (s == strategy) return name;
  }
  return "?";
}

core::Result<std::vector<NodeId>> ChooseSeeds(const network::Graph& graph,
                                              const network::NodeAttributes& attributes,
                                              SeedStrategy strategy, uint32_t count,
                                              uint64_t seed) {
  const NodeId n = graph.node_count();
  if (count == 0) {
    return core::Status::InvalidInput("the number of seeds must be at least 1",
                                      core::Location{.field = "seed-count"});
  }
  if (n == 0) return core::Status::InvalidInput("the graph has no nodes to seed");
  core::Rng rng = core::Rng::ForStream(seed, kSeedingStream);
  switch (strategy) {
    case SeedStrategy::kTopDegree:
      return TopBy(n, count, [&](NodeId v) { return graph.OutDegree(v); });
    case SeedStrategy::kTopPopulation:
      if (attributes.population.size() != n) {
        return core::Status::InvalidInput(
            "seeding by population needs a population for every node (a nodes file with a "
            "'population' column)",
            core::Location{.field = "population"});
      }
      return TopBy(n, count, [&](NodeId v) { return attributes.population[v]; });
    case SeedStrategy::kRandom:
      return RandomNodes(n, count, rng);
    case SeedStrategy::kGeographicCluster: {
      const auto centre = static_cast<NodeId>(rng.Below(n));
      if (attributes.has_coordinates() && attributes.latitude.size() == n) {
        return NearestPlaces(attributes, centre, count);
      }
      return BfsBall(graph, centre, count);
    }
    case SeedStrategy::kInfluenceMax:
      return core::Status::InvalidInput("imm seeds depend on the model: use InfluenceMaximization",
                                        core::Location{.field = "seed-strategy"});
  }
  return core::Status::Internal("unknown seed strategy");
}

}  // namespace duckweed::diffusion
