// One entry point for "a graph file": a binary cache (.dwg, recognised by its magic bytes, any
// name) or a SNAP-style edge list (anything else).
#ifndef DUCKWEED_NETWORK_GRAPH_FILE_H_
#define DUCKWEED_NETWORK_GRAPH_FILE_H_

#include <filesystem>

#include "duckweed/core/result.h"
#include "duckweed/network/edge_list.h"

namespace duckweed::network {

// For a cache the parsing options are ignored (the cache holds the graph as it was prepared)
// and stats stay empty. Errors as ReadEdgeListFile / ReadGraphCache.
core::Result<EdgeList> ReadGraphFile(const std::filesystem::path& path,
                                     const EdgeListOptions& options = {});

// Writes a cache when `path` ends in .dwg, else an edge list (each edge once when
// `undirected`). Atomic either way.
core::Status WriteGraphFile(const std::filesystem::path& path, const Graph& graph,
                            const std::vector<uint64_t>& labels, bool undirected);

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_GRAPH_FILE_H_
