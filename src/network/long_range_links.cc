// The long-range channel: a gravity model, or small-world rewiring of another channel.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "duckweed/core/random.h"
#include "duckweed/network/graph_ops.h"
#include "duckweed/network/places.h"
#include "network/alias_table.h"
#include "network/csr_builder.h"
#include "network/geo.h"
#include "network/pair_set.h"

namespace duckweed::network {
namespace {

core::Status BadOption(const char* field, std::string message) {
  core::Location where;
  where.field = field;
  return core::Status::InvalidInput(std::move(message), where);
}

core::Status CheckGravityOptions(const GravityOptions& o) {
  if (!std::isfinite(o.exponent) || o.exponent < 0) {
    return BadOption("exponent", fmt::format("expected a finite value >= 0, found {}", o.exponent));
  }
  if (!std::isfinite(o.scale_km) || o.scale_km <= 0) {
    return BadOption("scale_km", fmt::format("expected a finite value > 0, found {}", o.scale_km));
  }
  if (!std::isfinite(o.min_distance_km) || o.min_distance_km < 0) {
    return BadOption("min_distance_km",
                     fmt::format("expected a finite value >= 0, found {}", o.min_distance_km));
  }
  return core::Status::Ok();
}

uint64_t PairKey(NodeId u, NodeId v, NodeId n) {
  return u < v ? uint64_t{u} * n + v : uint64_t{v} * n + u;
}

}  // namespace

core::Result<Graph> BuildGravity(std::span<const Place> places, const GravityOptions& options,
                                 uint64_t seed) {
  DUCKWEED_RETURN_IF_ERROR(CheckGravityOptions(options));
  DUCKWEED_RETURN_IF_ERROR(ValidatePlaces(places));
  const auto n = static_cast<NodeId>(places.size());
  internal::EdgeBuffer edges;
  if (options.links > 0) {
    std::vector<double> population(n);
    size_t populated = 0;
    for (NodeId u = 0; u < n; ++u) {
      population[u] = places[u].population;
      populated += population[u] > 0;
    }
    if (populated < 2) {
      return BadOption("population", "expected at least 2 places with a population > 0");
    }
    const internal::PointCloud cloud(places);
    const internal::AliasTable by_population(population);
    core::Rng rng = core::Rng::ForStream(seed, 0);
    internal::PairSet chosen(options.links);
    const uint64_t max_attempts =
        options.max_attempts > 0 ? options.max_attempts : options.links * 10000 + 1000000;
    uint64_t attempts = 0;
    while (edges.size() < options.links && attempts < max_attempts) {
      ++attempts;
      const NodeId i = by_population.Sample(rng);
      const NodeId j = by_population.Sample(rng);
      if (i == j) continue;
      const auto& a = cloud.points[i];
      const auto& b = cloud.points[j];
      const double km =
          core::ChordToKm(std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                                    (a[2] - b[2]) * (a[2] - b[2])));
      if (km < options.min_distance_km) continue;
      const double accept =
          std::pow(options.scale_km / std::max(km, options.scale_km), options.exponent);
      if (rng.Uniform() >= accept) continue;
      if (!chosen.Insert(PairKey(i, j, n))) continue;
      edges.Add(i, j);
    }
    if (edges.size() < options.links) {
      return BadOption("links",
                       fmt::format("found only {} of {} long-range links in {} proposals; lower "
                                   "links, min_distance_km or exponent",
                                   edges.size(), options.links, attempts));
    }
  }
  edges.channels.assign(edges.size(), kChannelLongRange);
  return internal::BuildCsr(n, edges, {.symmetrize = true, .dedup = true});
}

core::Result<Graph> RewireSmallWorld(const Graph& base, double beta, uint64_t seed) {
  if (!(beta >= 0 && beta <= 1)) {
    return BadOption("beta", fmt::format("expected in [0, 1], found {}", beta));
  }
  if (!IsSymmetric(base)) return BadOption("graph", "expected an undirected (symmetric) graph");
  const NodeId n = base.node_count();
  internal::EdgeBuffer edges;
  internal::PairSet present(base.arc_count() + 16);
  std::vector<uint32_t> degree(n);
  for (NodeId u = 0; u < n; ++u) {
    degree[u] = base.OutDegree(u);
    for (ArcIndex a = base.ArcBegin(u); a < base.ArcEnd(u); ++a) {
      const NodeId v = base.targets()[a];
      if (v <= u) continue;
      edges.Add(u, v);
      edges.channels.push_back(base.channels().empty() ? 0 : base.channels()[a]);
      present.Insert(PairKey(u, v, n));
    }
  }
  core::Rng rng = core::Rng::ForStream(seed, 0);
  for (size_t e = 0; e < edges.size(); ++e) {
    const NodeId u = edges.sources[e];
    if (!rng.Bernoulli(beta) || degree[u] + 1 >= n) continue;
    NodeId w;
    do {
      w = static_cast<NodeId>(rng.Below(n));
    } while (w == u || present.Contains(PairKey(u, w, n)));
    present.Erase(PairKey(u, edges.targets[e], n));
    present.Insert(PairKey(u, w, n));
    --degree[edges.targets[e]];
    ++degree[w];
    edges.targets[e] = w;
    edges.channels[e] = kChannelLongRange;
  }
  return internal::BuildCsr(n, edges, {.symmetrize = true, .dedup = true});
}

}  // namespace duckweed::network
