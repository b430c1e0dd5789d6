#include "duckweed/network/places.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <unordered_map>

#include "network/csr_builder.h"
#include "network/geo.h"

namespace duckweed::network {

core::Status ValidatePlaces(std::span<const Place> places) {
  core::DiagnosticSink sink;
  const auto add = [&](size_t i, const char* field, std::string message) {
    core::Location where;
    where.source = "places";
    where.field = fmt::format("places[{}].{}", i, field);
    sink.Add(std::move(where), std::move(message));
  };
  if (places.size() >= std::numeric_limits<NodeId>::max()) {
    add(0, "id", fmt::format("too many places ({})", places.size()));
    return sink.ToStatus();
  }
  std::unordered_map<std::string_view, size_t> first_of;
  first_of.reserve(places.size());
  for (size_t i = 0; i < places.size(); ++i) {
    const Place& p = places[i];
    if (!std::isfinite(p.lat) || p.lat < -90 || p.lat > 90) {
      add(i, "lat", fmt::format("expected a latitude in [-90, 90], found {}", p.lat));
    }
    if (!std::isfinite(p.lon) || p.lon < -180 || p.lon > 180) {
      add(i, "lon", fmt::format("expected a longitude in [-180, 180], found {}", p.lon));
    }
    if (!std::isfinite(p.population) || p.population < 0) {
      add(i, "population", fmt::format("expected a population >= 0, found {}", p.population));
    }
    const auto [it, inserted] = first_of.emplace(p.id, i);
    if (!inserted) {
      add(i, "id", fmt::format("id '{}' already used by places[{}]", p.id, it->second));
    }
  }
  return sink.ToStatus();
}

double DistanceKm(const Place& a, const Place& b) {
  return core::GreatCircleKm(a.lat, a.lon, b.lat, b.lon);
}

core::Result<Graph> UnionOf(std::span<const Graph* const> graphs, uint8_t default_channel) {
  if (graphs.empty()) return Graph::FromParts({});
  const NodeId n = graphs[0]->node_count();
  internal::EdgeBuffer edges;
  for (size_t g = 0; g < graphs.size(); ++g) {
    const Graph& graph = *graphs[g];
    if (graph.node_count() != n) {
      core::Location where;
      where.field = fmt::format("graphs[{}]", g);
      return core::Status::InvalidInput(
          fmt::format("expected {} nodes like graphs[0], found {}", n, graph.node_count()), where);
    }
    for (NodeId u = 0; u < n; ++u) {
      for (ArcIndex a = graph.ArcBegin(u); a < graph.ArcEnd(u); ++a) {
        edges.Add(u, graph.targets()[a]);
        edges.channels.push_back(graph.channels().empty() ? default_channel : graph.channels()[a]);
      }
    }
  }
  return internal::BuildCsr(n, edges, {.dedup = true});
}

ChannelCounts CountChannels(const Graph& graph) {
  ChannelCounts counts;
  for (const uint8_t c : graph.channels()) {
    counts.concentric += (c & kChannelConcentric) != 0;
    counts.institutional += (c & kChannelInstitutional) != 0;
    counts.long_range += (c & kChannelLongRange) != 0;
  }
  return counts;
}

}  // namespace duckweed::network
