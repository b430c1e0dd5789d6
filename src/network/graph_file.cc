#include "duckweed/network/graph_file.h"

#include "duckweed/network/graph_cache.h"

namespace duckweed::network {

core::Result<EdgeList> ReadGraphFile(const std::filesystem::path& path,
                                     const EdgeListOptions& options) {
  if (!IsGraphCacheFile(path)) return ReadEdgeListFile(path, options);
  DUCKWEED_ASSIGN_OR_RETURN(CachedGraph cached, ReadGraphCache(path));
  EdgeList out;
  out.graph = std::move(cached.graph);
  out.labels = std::move(cached.labels);
  return out;
}

core::Status WriteGraphFile(const std::filesystem::path& path, const Graph& graph,
                            const std::vector<uint64_t>& labels, bool undirected) {
  if (path.extension() == ".dwg") return WriteGraphCache(path, graph, labels);
  return WriteEdgeListFile(path, graph, labels, undirected);
}

}  // namespace duckweed::network
