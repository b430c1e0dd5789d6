// Membership layers: places that share a group (group_layer in places.h).
#include <fmt/format.h>

#include <map>
#include <string>

#include "duckweed/network/places.h"
#include "network/csr_builder.h"

namespace duckweed::network {

core::Result<Graph> BuildGroupLayer(std::span<const Place> places,
                                    std::span<const std::vector<std::string>> groups,
                                    GroupLinks mode, uint32_t max_clique_size, uint8_t channel) {
  if (groups.size() != places.size()) {
    return core::Status::InvalidInput(
        fmt::format("expected the groups of {} places, found {}", places.size(), groups.size()),
        core::Location{.field = "groups"});
  }
  // Members in place order, per group in name order (so the graph depends on the input only).
  std::map<std::string, std::vector<NodeId>> members;
  for (size_t i = 0; i < groups.size(); ++i) {
    for (const std::string& g : groups[i]) {
      if (g.empty()) continue;
      std::vector<NodeId>& list = members[g];
      if (list.empty() || list.back() != i) list.push_back(static_cast<NodeId>(i));
    }
  }
  internal::EdgeBuffer edges;
  if (mode != GroupLinks::kNone) {
    for (const auto& [name, group] : members) {
      if (mode == GroupLinks::kClique && group.size() <= max_clique_size) {
        for (size_t i = 0; i < group.size(); ++i) {
          for (size_t j = i + 1; j < group.size(); ++j) edges.Add(group[i], group[j]);
        }
        continue;
      }
      NodeId hub = group[0];  // the first most populous member
      for (const NodeId u : group) {
        if (places[u].population > places[hub].population) hub = u;
      }
      for (const NodeId u : group) {
        if (u != hub) edges.Add(hub, u);
      }
    }
  }
  edges.channels.assign(edges.size(), channel);
  return internal::BuildCsr(static_cast<NodeId>(places.size()), edges,
                            {.symmetrize = true, .drop_self_loops = true, .dedup = true});
}

}  // namespace duckweed::network
