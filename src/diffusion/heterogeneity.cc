#include "duckweed/diffusion/heterogeneity.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "duckweed/core/geo.h"

namespace duckweed::diffusion {

std::vector<double> NodeFactors::Combined(size_t node_count) const {
  if (empty()) return {};
  std::vector<double> factor(node_count, 1.0);
  for (size_t v = 0; v < node_count; ++v) {
    if (!receptivity.empty()) factor[v] *= receptivity[v];
    if (!resistance.empty()) factor[v] *= 1.0 - resistance[v];
  }
  return factor;
}

core::Status ValidateFactors(const NodeFactors& factors, size_t node_count) {
  auto check = [&](const std::vector<double>& column, const char* name, double hi) {
    if (column.empty()) return core::Status::Ok();
    if (column.size() != node_count) {
      return core::Status::InvalidInput(
          fmt::format("expected one value per node ({}), found {}", node_count, column.size()),
          core::Location{.field = name});
    }
    for (size_t v = 0; v < column.size(); ++v) {
      if (!(column[v] >= 0.0 && column[v] <= hi)) {
        return core::Status::InvalidInput(
            fmt::format("node {}: expected a value in [0,{}], found {}", v, hi, column[v]),
            core::Location{.field = name});
      }
    }
    return core::Status::Ok();
  };
  DUCKWEED_RETURN_IF_ERROR(
      check(factors.receptivity, "receptivity", std::numeric_limits<double>::max()));
  return check(factors.resistance, "resistance", 1.0);
}

std::vector<double> CordonByHops(const network::Graph& graph,
                                 std::span<const network::NodeId> pioneers, double strength,
                                 int hops, double decay) {
  const network::NodeId n = graph.node_count();
  constexpr int kUnseen = -1;
  std::vector<int> distance(n, kUnseen);
  std::vector<network::NodeId> frontier;
  for (network::NodeId p : pioneers) {
    if (distance[p] == kUnseen) {
      distance[p] = 0;
      frontier.push_back(p);
    }
  }
  std::vector<double> resistance(n, 0.0);
  std::vector<network::NodeId> next;
  for (int d = 1; d <= hops && !frontier.empty(); ++d) {
    next.clear();
    const double level = strength * std::pow(decay, d - 1);
    for (network::NodeId u : frontier) {
      for (network::NodeId v : graph.OutNeighbors(u)) {
        if (distance[v] != kUnseen) continue;
        distance[v] = d;
        resistance[v] = level;
        next.push_back(v);
      }
    }
    frontier.swap(next);
  }
  return resistance;
}

std::vector<double> CordonByDistance(std::span<const double> latitude,
                                     std::span<const double> longitude,
                                     std::span<const network::NodeId> pioneers, double strength,
                                     double scale_km) {
  std::vector<double> resistance(latitude.size(), 0.0);
  if (pioneers.empty()) return resistance;
  std::vector<bool> is_pioneer(latitude.size(), false);
  for (network::NodeId p : pioneers) is_pioneer[p] = true;
  for (size_t v = 0; v < latitude.size(); ++v) {
    if (is_pioneer[v]) continue;
    double nearest = std::numeric_limits<double>::infinity();
    for (network::NodeId p : pioneers) {
      nearest = std::min(nearest,
                         core::GreatCircleKm(latitude[v], longitude[v], latitude[p], longitude[p]));
    }
    resistance[v] = strength * std::exp(-nearest / scale_km);
  }
  return resistance;
}

}  // namespace duckweed::diffusion
