#include "duckweed/diffusion/node_table.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "duckweed/core/csv.h"

namespace duckweed::diffusion {
namespace {

struct Column {
  const char* name;
  std::vector<double>* target;
  double fill;
  double lo, hi;
};

}  // namespace

std::vector<network::NodeId> NodeTable::FindByName(std::string_view name) const {
  std::vector<network::NodeId> found;
  for (size_t v = 0; v < names.size(); ++v) {
    if (names[v] == name) found.push_back(static_cast<network::NodeId>(v));
  }
  return found;
}

std::optional<network::NodeId> NodeTable::FindByTerritory(std::string_view code) const {
  for (size_t v = 0; v < territories.size(); ++v) {
    if (territories[v] == code) return static_cast<network::NodeId>(v);
  }
  return std::nullopt;
}

core::Result<NodeTable> ReadNodeTable(const std::filesystem::path& path,
                                      const network::EdgeList& graph) {
  DUCKWEED_ASSIGN_OR_RETURN(const core::CsvTable csv, core::ReadCsvFile(path));
  const network::NodeId n = graph.graph.node_count();
  core::DiagnosticSink sink;
  const auto id_column = csv.RequireColumn("id", sink);
  if (!id_column) return sink.ToStatus();
  NodeTable table;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  network::NodeAttributes& a = table.attributes;
  std::vector<Column> columns = {{"population", &a.population, 0.0, 0.0, kInf},
                                 {"latitude", &a.latitude, kNaN, -90, 90},
                                 {"longitude", &a.longitude, kNaN, -180, 180},
                                 {"receptivity", &a.receptivity, 1.0, 0, kInf},
                                 {"resistance", &a.resistance, 0.0, 0.0, 1.0}};
  std::vector<std::optional<size_t>> index;
  for (Column& c : columns) {
    index.push_back(csv.ColumnIndex(c.name));
    if (index.back()) c.target->assign(n, c.fill);
  }
  const auto name_column = csv.ColumnIndex("name");
  if (name_column) table.names.assign(n, "");
  const auto territory_column = csv.ColumnIndex("territory");
  if (territory_column) table.territories.assign(n, "");
  std::vector<bool> seen(n, false);
  for (size_t row = 0; row < csv.row_count(); ++row) {
    const auto id = csv.Integer(row, *id_column, sink);
    if (!id) continue;
    const auto node = *id < 0 ? std::nullopt : graph.FindNode(static_cast<uint64_t>(*id));
    if (!node || seen[*node]) {
      sink.Add(csv.Where(row, *id_column),
               node ? fmt::format("id {} appears twice", *id)
                    : fmt::format("id {} is not a node of the graph", *id));
      continue;
    }
    seen[*node] = true;
    if (name_column) table.names[*node] = csv.text(row, *name_column);
    if (territory_column) table.territories[*node] = csv.text(row, *territory_column);
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!index[c]) continue;
      const auto value = csv.Real(row, *index[c], sink, /*required=*/false);
      if (!value) continue;
      if (!(*value >= columns[c].lo && *value <= columns[c].hi)) {
        sink.Add(csv.Where(row, *index[c]), fmt::format("expected a value in [{}, {}], found {}",
                                                        columns[c].lo, columns[c].hi, *value));
        continue;
      }
      (*columns[c].target)[*node] = *value;
    }
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  return table;
}

}  // namespace duckweed::diffusion
