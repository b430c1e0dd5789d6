// A table of places for the nodes of a graph read from an edge list: CSV with a required `id`
// column (the edge list's node ids) and optional columns `territory`, `name`, `population`,
// `latitude`, `longitude`, `receptivity`, `resistance`. It gives seeding by population or by name,
// node factors, the geographic cordon sanitaire and GeoJSON maps their data.
//
// Nodes absent from the table get population 0, receptivity 1, resistance 0, no coordinates
// (NaN) and an empty name.
// Errors (InvalidInput, file:line:column): a malformed CSV, a missing `id` column, an id that is
// not a node of the graph, a repeated id, a value out of range (population < 0, receptivity < 0,
// resistance outside [0,1], latitude outside [-90,90], longitude outside [-180,180]). All problems
// are collected before failing.
#ifndef DUCKWEED_DIFFUSION_NODE_TABLE_H_
#define DUCKWEED_DIFFUSION_NODE_TABLE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/edge_list.h"
#include "duckweed/network/node_attributes.h"

namespace duckweed::diffusion {

struct NodeTable {
  network::NodeAttributes attributes;    // columns present in the file, one value per node
  std::vector<std::string> names;        // empty when the file has no `name` column
  std::vector<std::string> territories;  // codes like fr:49002; empty without a `territory` column

  // Every node whose name is `name` (exact match), in node order; several places may share a
  // name. O(n).
  std::vector<network::NodeId> FindByName(std::string_view name) const;
  // The node whose territory code is `code`, or nullopt. O(n).
  std::optional<network::NodeId> FindByTerritory(std::string_view code) const;
};

core::Result<NodeTable> ReadNodeTable(const std::filesystem::path& path,
                                      const network::EdgeList& graph);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_NODE_TABLE_H_
