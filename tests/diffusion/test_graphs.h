// Small graphs for the diffusion tests, built directly with Graph::FromParts.
#ifndef DUCKWEED_TESTS_DIFFUSION_TEST_GRAPHS_H_
#define DUCKWEED_TESTS_DIFFUSION_TEST_GRAPHS_H_

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "duckweed/core/random.h"
#include "duckweed/network/graph.h"

namespace duckweed::diffusion::testing {

using Arc = std::pair<network::NodeId, network::NodeId>;

// CSR from arcs (kept in input order within each row), with optional per-arc weights.
inline network::Graph FromArcs(network::NodeId n, const std::vector<Arc>& arcs,
                               const std::vector<float>& weights = {}) {
  network::Graph::Parts parts;
  parts.offsets.assign(n + 1, 0);
  for (const auto& [u, v] : arcs) ++parts.offsets[u + 1];
  for (network::NodeId u = 0; u < n; ++u) parts.offsets[u + 1] += parts.offsets[u];
  std::vector<network::ArcIndex> fill(parts.offsets.begin(), parts.offsets.end() - 1);
  parts.targets.resize(arcs.size());
  if (!weights.empty()) parts.weights.resize(arcs.size());
  for (size_t i = 0; i < arcs.size(); ++i) {
    const network::ArcIndex slot = fill[arcs[i].first]++;
    parts.targets[slot] = arcs[i].second;
    if (!weights.empty()) parts.weights[slot] = weights[i];
  }
  return network::Graph::FromParts(std::move(parts));
}

// Each undirected edge becomes two arcs.
inline std::vector<Arc> BothWays(const std::vector<Arc>& edges) {
  std::vector<Arc> arcs;
  for (const auto& [u, v] : edges) {
    arcs.push_back({u, v});
    arcs.push_back({v, u});
  }
  return arcs;
}

inline network::Graph Complete(network::NodeId n) {
  std::vector<Arc> arcs;
  for (network::NodeId u = 0; u < n; ++u) {
    for (network::NodeId v = 0; v < n; ++v) {
      if (u != v) arcs.push_back({u, v});
    }
  }
  return FromArcs(n, arcs);
}

// Erdős–Rényi: n * mean_degree / 2 uniform random pairs, loops redrawn, duplicates merged (so the
// realised mean degree is a hair lower: use arc_count() / n in formulas). Degrees are ~Poisson.
inline network::Graph ErdosRenyi(network::NodeId n, double mean_degree, uint64_t seed) {
  core::Rng rng = core::Rng::ForStream(seed, 0);
  const auto m = static_cast<uint64_t>(n * mean_degree / 2);
  std::vector<uint64_t> keys;
  keys.reserve(m);
  while (keys.size() < m) {
    const auto u = static_cast<network::NodeId>(rng.Below(n));
    const auto v = static_cast<network::NodeId>(rng.Below(n));
    if (u == v) continue;
    keys.push_back(static_cast<uint64_t>(std::min(u, v)) << 32 | std::max(u, v));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<Arc> edges;
  for (uint64_t k : keys)
    edges.push_back(
        {static_cast<network::NodeId>(k >> 32), static_cast<network::NodeId>(k & 0xFFFFFFFFu)});
  return FromArcs(n, BothWays(edges));
}

}  // namespace duckweed::diffusion::testing

#endif  // DUCKWEED_TESTS_DIFFUSION_TEST_GRAPHS_H_
