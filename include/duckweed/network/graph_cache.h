// Binary graph cache (.dwg): the CSR arrays written raw, so a graph parsed once from text loads
// again at disk/memory speed (a 10M-arc graph in tens of milliseconds from the page cache).
//
// Layout (little-endian; the header says so and a big-endian reader refuses the file):
//   64-byte header: magic "DWGRAPH\0", format version (1), flags (weights, channels, labels),
//   node count n, arc count m, payload size in bytes, a 64-bit checksum of the payload, a byte
//   order mark;
//   payload: offsets (n+1 x u64), targets (m x u32), [weights (m x f32)], [channels (m x u8)],
//   [labels (n x u64)], each array zero-padded to a multiple of 8 bytes.
// Loading checks the magic, version, byte order, that the file size equals header + payload
// (truncation), the checksum (corruption) and the CSR invariants (Graph::Validate), so a bad
// file is an InvalidInput error naming the file and what is wrong, never a crash.
// Writing goes through core::OutputFile (atomic; links and FIFOs written through).
// Thread safety: free functions; concurrent readers of one file are fine.
#ifndef DUCKWEED_NETWORK_GRAPH_CACHE_H_
#define DUCKWEED_NETWORK_GRAPH_CACHE_H_

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/graph.h"

namespace duckweed::network {

inline constexpr uint32_t kGraphCacheVersion = 1;

struct CachedGraph {
  Graph graph;
  std::vector<uint64_t> labels;  // empty or one per node (input ids, as EdgeList::labels)
};

// REQUIRES: labels empty or one per node. O(n + m).
core::Status WriteGraphCache(const std::filesystem::path& path, const Graph& graph,
                             std::span<const uint64_t> labels = {});

// O(n + m) with one read per array.
core::Result<CachedGraph> ReadGraphCache(const std::filesystem::path& path);

// True when the file starts with the cache's magic (to choose a reader by content).
bool IsGraphCacheFile(const std::filesystem::path& path);

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_GRAPH_CACHE_H_
