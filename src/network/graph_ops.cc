#include "duckweed/network/graph_ops.h"

#include <algorithm>
#include <numeric>

namespace duckweed::network {

std::vector<uint32_t> InDegrees(const Graph& graph) {
  std::vector<uint32_t> in(graph.node_count(), 0);
  for (const NodeId v : graph.targets()) ++in[v];
  return in;
}

Graph Transpose(const Graph& graph) {
  const NodeId n = graph.node_count();
  Graph::Parts parts;
  parts.offsets.assign(static_cast<size_t>(n) + 1, 0);
  for (const NodeId v : graph.targets()) ++parts.offsets[v + 1];
  std::partial_sum(parts.offsets.begin(), parts.offsets.end(), parts.offsets.begin());
  parts.targets.resize(graph.arc_count());
  if (graph.has_weights()) parts.weights.resize(graph.arc_count());
  if (!graph.channels().empty()) parts.channels.resize(graph.arc_count());
  std::vector<ArcIndex> cursor(parts.offsets.begin(), parts.offsets.end() - 1);
  const auto targets = graph.targets();
  for (NodeId u = 0; u < n; ++u) {
    for (ArcIndex a = graph.ArcBegin(u); a < graph.ArcEnd(u); ++a) {
      const ArcIndex b = cursor[targets[a]]++;
      parts.targets[b] = u;
      if (!parts.weights.empty()) parts.weights[b] = graph.weights()[a];
      if (!parts.channels.empty()) parts.channels[b] = graph.channels()[a];
    }
  }
  return Graph::FromParts(std::move(parts));
}

bool IsSymmetric(const Graph& graph) {
  const Graph reverse = Transpose(graph);
  std::vector<NodeId> row_a;
  std::vector<NodeId> row_b;
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    const auto out = graph.OutNeighbors(u);
    const auto in = reverse.OutNeighbors(u);
    if (out.size() != in.size()) return false;
    row_a.assign(out.begin(), out.end());
    row_b.assign(in.begin(), in.end());
    std::sort(row_a.begin(), row_a.end());  // the transpose's rows are already sorted
    if (row_a != row_b) return false;
  }
  return true;
}

GraphSummary Summarize(const Graph& graph) {
  GraphSummary s;
  s.nodes = graph.node_count();
  s.arcs = graph.arc_count();
  s.weighted = graph.has_weights();
  s.tagged = !graph.channels().empty();
  s.symmetric = IsSymmetric(graph);
  const std::vector<uint32_t> in = InDegrees(graph);
  s.min_out_degree = s.nodes == 0 ? 0 : UINT32_MAX;
  for (NodeId u = 0; u < s.nodes; ++u) {
    const uint32_t out = graph.OutDegree(u);
    s.min_out_degree = std::min(s.min_out_degree, out);
    s.max_out_degree = std::max(s.max_out_degree, out);
    s.max_in_degree = std::max(s.max_in_degree, in[u]);
    s.isolated += out == 0 && in[u] == 0;
    for (const NodeId v : graph.OutNeighbors(u)) s.self_loops += v == u;
  }
  s.mean_out_degree = s.nodes == 0 ? 0 : static_cast<double>(s.arcs) / s.nodes;
  return s;
}

}  // namespace duckweed::network
