#include "duckweed/network/node_attributes.h"

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace duckweed::network {
namespace {

core::Status CheckColumn(const std::vector<double>& column, const char* name, NodeId n, double lo,
                         double hi) {
  if (column.empty()) return core::Status::Ok();
  core::Location where;
  where.source = "node attributes";
  where.field = name;
  if (column.size() != n) {
    return core::Status::InvalidInput(
        fmt::format("expected {} values (one per node), found {}", n, column.size()), where);
  }
  for (size_t u = 0; u < column.size(); ++u) {
    const double x = column[u];
    if (!std::isfinite(x) || x < lo || x > hi) {
      return core::Status::InvalidInput(
          fmt::format("node {}: expected a value in [{}, {}], found {}", u, lo, hi, x), where);
    }
  }
  return core::Status::Ok();
}

}  // namespace

core::Status NodeAttributes::Validate(NodeId n) const {
  const double inf = HUGE_VAL;
  for (const core::Status& s : {CheckColumn(population, "population", n, 0, inf),
                                CheckColumn(receptivity, "receptivity", n, 0, inf),
                                CheckColumn(resistance, "resistance", n, 0, 1),
                                CheckColumn(latitude, "latitude", n, -90, 90),
                                CheckColumn(longitude, "longitude", n, -180, 180)}) {
    if (!s.ok()) return s;
  }
  core::Location where;
  where.source = "node attributes";
  if (latitude.empty() != longitude.empty()) {
    where.field = latitude.empty() ? "latitude" : "longitude";
    return core::Status::InvalidInput("latitude and longitude must be given together", where);
  }
  if (!group.empty() && group.size() != n) {
    where.field = "group";
    return core::Status::InvalidInput(
        fmt::format("expected {} values (one per node), found {}", n, group.size()), where);
  }
  return core::Status::Ok();
}

}  // namespace duckweed::network
