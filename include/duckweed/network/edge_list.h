// SNAP-style edge lists: text files of `u v` or `u v w` lines.
//
// Format accepted:
//  - blank lines and lines whose first non-blank character is `#` or `%` are skipped;
//  - other lines hold two non-negative integer node ids and an optional weight (a finite decimal
//    number), separated by spaces or tabs; LF or CRLF line ends;
//  - optionally a first data line `n m` (a node count and a line count, as in NetHEPT.txt), see
//    EdgeListOptions::header;
//  - all data lines must have the same number of fields (all weighted or none).
// Node ids: with IdMapping::kCompact (default), the distinct ids are sorted and node i is the i-th
// smallest id (so ids already dense from 0 keep their value; isolated ids vanish); `labels` maps
// back. With kIdentity, node i is id i and n = max id + 1 (or the header's n), labels empty;
// n may then be at most IdentityNodeCap(edge lines) = 16 per edge line + 2^20: a larger id (or
// header n) is bad input reported at its line and column, as it would allocate mostly empty
// nodes (a stray id of 4e9 would take 32 GB of offsets); read such files with compact ids.
// De-duplication and self-loops: with dedup, parallel edges collapse into the first one listed
// (its weight kept); for an undirected list the pair {u,v} is unordered, so `u v` and `v u` are
// the same edge. This is the preparation of ../shared/data/graphs/nethept_ic_reference.json:
// "drop self-loops and duplicate edges, treat every edge as undirected and write it in both
// directions" = {.directed = false, .drop_self_loops = true, .dedup = true}.
//
// Errors: every malformed line is reported as file:line:column with what was expected and what
// was found (up to max_diagnostics), and nothing is returned. Complexity: O(file + n + m), plus
// O(m log n) id remapping when ids are sparse, plus O(d log d) per row with dedup.
// Thread safety: free functions without shared state.
#ifndef DUCKWEED_NETWORK_EDGE_LIST_H_
#define DUCKWEED_NETWORK_EDGE_LIST_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/graph.h"

namespace duckweed::network {

enum class IdMapping { kCompact, kIdentity };
inline constexpr uint64_t kIdentityNodesPerLine = 16;
inline constexpr uint64_t kIdentityNodesFloor = uint64_t{1} << 20;
// The most nodes identity ids may give a list of `edge_lines` lines (always < 2^32).
constexpr uint64_t IdentityNodeCap(uint64_t edge_lines) {
  const uint64_t cap = kIdentityNodesPerLine * edge_lines + kIdentityNodesFloor;
  return cap < (uint64_t{1} << 32) - 1 ? cap : (uint64_t{1} << 32) - 1;
}
enum class HeaderLine {
  kAuto,  // a first data line with 2 fields followed by 3-field lines is an `n m` header
  kNone,
  kNodeAndLineCount,  // the first data line is `n m`
};
enum class WeightColumn {
  kAuto,    // use the third field when the lines have one
  kIgnore,  // read a third field but drop it
  kRequire  // every line must have a third field
};

struct EdgeListOptions {
  bool directed = true;  // false: each line is an edge stored as two arcs
  bool drop_self_loops = false;
  bool dedup = false;
  IdMapping ids = IdMapping::kCompact;
  HeaderLine header = HeaderLine::kAuto;
  WeightColumn weights = WeightColumn::kAuto;
  size_t max_diagnostics = 100;
};

struct EdgeListStats {
  uint64_t data_lines = 0;  // edge lines read (not comments, blanks or the header)
  uint64_t self_loops_dropped = 0;
  uint64_t duplicate_arcs_dropped = 0;  // arcs, so an undirected duplicate edge counts twice
  std::optional<uint64_t> header_nodes;
  std::optional<uint64_t> header_lines;
};

struct EdgeList {
  Graph graph;
  std::vector<uint64_t> labels;  // input id of each node; empty means node i is id i
  EdgeListStats stats;

  // The node of input id `label`, or nullopt when the id is not in the graph. O(log n).
  std::optional<NodeId> FindNode(uint64_t label) const;
  // The input id of node u.
  uint64_t Label(NodeId u) const { return labels.empty() ? u : labels[u]; }
};

// Parses edge-list text; `source` names it in diagnostics (usually the file path).
core::Result<EdgeList> ParseEdgeList(std::string_view text, const std::string& source,
                                     const EdgeListOptions& options = {});

// Reads and parses a file. IoError when unreadable.
core::Result<EdgeList> ReadEdgeListFile(const std::filesystem::path& path,
                                        const EdgeListOptions& options = {});

// Writes `u v [w]` lines (one per arc, or one per edge u <= v when `undirected`, which REQUIRES a
// symmetric graph), with `labels` as ids when not empty, after a `# ` comment line. Atomic.
core::Status WriteEdgeListFile(const std::filesystem::path& path, const Graph& graph,
                               const std::vector<uint64_t>& labels, bool undirected);

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_EDGE_LIST_H_
