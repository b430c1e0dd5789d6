#include "duckweed/network/graph.h"

#include <fmt/format.h>

#include <cassert>
#include <string>

namespace duckweed::network {

Graph Graph::FromParts(Parts parts) {
  if (parts.offsets.empty()) parts.offsets.push_back(0);
  assert(Validate(parts).ok());
  Graph g;
  g.offsets_ = std::move(parts.offsets);
  g.targets_ = std::move(parts.targets);
  g.weights_ = std::move(parts.weights);
  g.channels_ = std::move(parts.channels);
  return g;
}

core::Status Graph::Validate(const Parts& parts) {
  const auto bad = [](std::string message) {
    core::Location where;
    where.source = "graph";
    return core::Status::InvalidInput(std::move(message), where);
  };
  if (parts.offsets.empty()) return core::Status::Ok();
  if (parts.offsets.front() != 0) return bad("offsets[0] must be 0");
  const size_t n = parts.offsets.size() - 1;
  if (n > static_cast<size_t>(UINT32_MAX)) return bad("more than 2^32-1 nodes");
  for (size_t u = 0; u < n; ++u) {
    if (parts.offsets[u + 1] < parts.offsets[u]) {
      return bad(fmt::format("offsets decrease at node {}", u));
    }
  }
  const size_t m = parts.targets.size();
  if (parts.offsets.back() != m) {
    return bad(fmt::format("offsets end at {} but there are {} targets", parts.offsets.back(), m));
  }
  for (size_t a = 0; a < m; ++a) {
    if (parts.targets[a] >= n) {
      return bad(fmt::format("arc {} points to node {}, expected < {}", a, parts.targets[a], n));
    }
  }
  if (!parts.weights.empty() && parts.weights.size() != m) {
    return bad(fmt::format("{} weights for {} arcs", parts.weights.size(), m));
  }
  if (!parts.channels.empty() && parts.channels.size() != m) {
    return bad(fmt::format("{} channels for {} arcs", parts.channels.size(), m));
  }
  return core::Status::Ok();
}

Graph::Parts Graph::ToParts() && {
  Parts parts{std::move(offsets_), std::move(targets_), std::move(weights_), std::move(channels_)};
  offsets_.clear();
  targets_.clear();
  weights_.clear();
  channels_.clear();
  return parts;
}

}  // namespace duckweed::network
