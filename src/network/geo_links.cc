// The concentric channel: k nearest neighbours and radius graphs, with nanoflann.
#include <fmt/format.h>

#include <cmath>
#include <nanoflann.hpp>

#include "duckweed/core/memory.h"
#include "duckweed/network/places.h"
#include "network/csr_builder.h"
#include "network/geo.h"

namespace duckweed::network {
namespace {

using KdTree =
    nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, internal::PointCloud>,
                                        internal::PointCloud, 3, uint32_t>;

Graph Undirected(NodeId n, internal::EdgeBuffer& edges) {
  edges.channels.assign(edges.size(), kChannelConcentric);
  return internal::BuildCsr(n, edges, {.symmetrize = true, .drop_self_loops = true, .dedup = true});
}

}  // namespace

core::Result<Graph> BuildKNearest(std::span<const Place> places, uint32_t k) {
  DUCKWEED_RETURN_IF_ERROR(ValidatePlaces(places));
  const auto n = static_cast<NodeId>(places.size());
  internal::EdgeBuffer edges;
  if (n < 2 || k == 0) return Undirected(n, edges);
  k = std::min<uint32_t>(k, n - 1);  // a node has at most n - 1 neighbours
  const double links = static_cast<double>(n) * k;
  // Edge buffer (two ids and a channel per link), then at most two arcs per link with their
  // channels, offsets and cursors per node.
  DUCKWEED_RETURN_IF_ERROR(core::CheckMemory(
      9 * links + 10 * links + 16.0 * n,
      fmt::format("the {} nearest neighbours of {} places ({:.3g} links)", k, n, links),
      "use a smaller --knn"));
  const internal::PointCloud cloud(places);
  const KdTree tree(3, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(16));
  const size_t want = size_t{k} + 1;
  std::vector<uint32_t> found(want);
  std::vector<double> dist_sq(want);
  edges.sources.reserve(size_t{n} * k);
  edges.targets.reserve(size_t{n} * k);
  for (NodeId u = 0; u < n; ++u) {
    const size_t got = tree.knnSearch(cloud.points[u].data(), want, found.data(), dist_sq.data());
    uint32_t taken = 0;
    for (size_t i = 0; i < got && taken < k; ++i) {
      if (found[i] == u) continue;  // itself (or a twin at the same spot listed first)
      edges.Add(u, found[i]);
      ++taken;
    }
  }
  return Undirected(n, edges);
}

core::Result<Graph> BuildRadius(std::span<const Place> places, double radius_km) {
  if (!(radius_km >= 0) || !std::isfinite(radius_km)) {
    core::Location where;
    where.field = "radius_km";
    return core::Status::InvalidInput(
        fmt::format("expected a finite radius >= 0, found {}", radius_km), where);
  }
  DUCKWEED_RETURN_IF_ERROR(ValidatePlaces(places));
  const auto n = static_cast<NodeId>(places.size());
  internal::EdgeBuffer edges;
  if (n < 2) return Undirected(n, edges);
  const internal::PointCloud cloud(places);
  const KdTree tree(3, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(16));
  const double chord = core::KmToChord(radius_km);
  std::vector<std::pair<uint32_t, double>> matches;
  nanoflann::SearchParams params;
  params.sorted = false;
  for (NodeId u = 0; u < n; ++u) {
    tree.radiusSearch(cloud.points[u].data(), chord * chord * (1 + 1e-12), matches, params);
    for (const auto& [v, d2] : matches) {
      if (v > u) edges.Add(u, v);
    }
  }
  return Undirected(n, edges);
}

}  // namespace duckweed::network
