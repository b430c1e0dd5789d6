// The institutional channel: places sharing an EPCI or a département.
#include <algorithm>
#include <numeric>
#include <string>

#include "duckweed/network/places.h"
#include "network/csr_builder.h"

namespace duckweed::network {
namespace {

// Adds the links of every group of places sharing key(place) (empty key: no group).
template <typename Key>
void LinkGroups(std::span<const Place> places, Key key, GroupLinks mode, uint32_t max_clique,
                internal::EdgeBuffer& edges) {
  if (mode == GroupLinks::kNone) return;
  std::vector<NodeId> order(places.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](NodeId a, NodeId b) { return key(places[a]) < key(places[b]); });
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin + 1;
    while (end < order.size() && key(places[order[end]]) == key(places[order[begin]])) ++end;
    if (!key(places[order[begin]]).empty()) {
      const std::span<const NodeId> group(order.data() + begin, end - begin);
      if (mode == GroupLinks::kClique && group.size() <= max_clique) {
        for (size_t i = 0; i < group.size(); ++i) {
          for (size_t j = i + 1; j < group.size(); ++j) edges.Add(group[i], group[j]);
        }
      } else {
        // Members are in input order (stable sort), so the first most populous one is the hub.
        NodeId hub = group[0];
        for (const NodeId u : group) {
          if (places[u].population > places[hub].population) hub = u;
        }
        for (const NodeId u : group) {
          if (u != hub) edges.Add(hub, u);
        }
      }
    }
    begin = end;
  }
}

}  // namespace

core::Result<Graph> BuildInstitutional(std::span<const Place> places,
                                       const InstitutionalOptions& options) {
  DUCKWEED_RETURN_IF_ERROR(ValidatePlaces(places));
  internal::EdgeBuffer edges;
  LinkGroups(
      places, [](const Place& p) -> const std::string& { return p.epci; }, options.epci,
      options.max_clique_size, edges);
  LinkGroups(
      places, [](const Place& p) -> const std::string& { return p.departement; },
      options.departement, options.max_clique_size, edges);
  edges.channels.assign(edges.size(), kChannelInstitutional);
  return internal::BuildCsr(static_cast<NodeId>(places.size()), edges,
                            {.symmetrize = true, .drop_self_loops = true, .dedup = true});
}

}  // namespace duckweed::network
