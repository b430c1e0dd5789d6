// All place channels at once, and channel selection.
#include "duckweed/network/places.h"
#include "network/csr_builder.h"

namespace duckweed::network {

Graph SelectChannels(const Graph& graph, uint8_t mask) {
  Graph::Parts parts;
  parts.offsets.reserve(static_cast<size_t>(graph.node_count()) + 1);
  parts.offsets.push_back(0);
  const auto channels = graph.channels();
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcIndex a = graph.ArcBegin(u); a < graph.ArcEnd(u); ++a) {
      if (channels.empty() || (channels[a] & mask) == 0) continue;
      parts.targets.push_back(graph.targets()[a]);
      parts.channels.push_back(channels[a]);
      if (graph.has_weights()) parts.weights.push_back(graph.weights()[a]);
    }
    parts.offsets.push_back(parts.targets.size());
  }
  return Graph::FromParts(std::move(parts));
}

core::Result<PlaceNetwork> BuildPlaceNetwork(std::span<const Place> places,
                                             const PlaceNetworkOptions& options, uint64_t seed) {
  PlaceNetwork out;
  DUCKWEED_ASSIGN_OR_RETURN(out.concentric, BuildKNearest(places, options.knn));
  if (options.radius_km > 0) {
    DUCKWEED_ASSIGN_OR_RETURN(Graph radius, BuildRadius(places, options.radius_km));
    const Graph* both[] = {&out.concentric, &radius};
    DUCKWEED_ASSIGN_OR_RETURN(out.concentric, UnionOf(both));
  }
  DUCKWEED_ASSIGN_OR_RETURN(out.institutional, BuildInstitutional(places, options.institutional));
  Graph base = Graph::FromParts({.offsets = std::vector<ArcIndex>(places.size() + 1, 0),
                                 .targets = {},
                                 .weights = {},
                                 .channels = {}});
  if (options.rewire_beta > 0) {
    DUCKWEED_ASSIGN_OR_RETURN(Graph rewired,
                              RewireSmallWorld(out.concentric, options.rewire_beta, seed));
    out.long_range = SelectChannels(rewired, kChannelLongRange);
    base = std::move(rewired);
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(out.long_range, BuildGravity(places, options.gravity, seed));
    const Graph* both[] = {&out.concentric, &out.long_range};
    DUCKWEED_ASSIGN_OR_RETURN(base, UnionOf(both));
  }
  const Graph* all[] = {&base, &out.institutional};
  DUCKWEED_ASSIGN_OR_RETURN(out.combined, UnionOf(all));
  return out;
}

}  // namespace duckweed::network
