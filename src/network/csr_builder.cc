#include "network/csr_builder.h"

#include <algorithm>
#include <numeric>

#include "network/big_vector.h"

namespace duckweed::network::internal {
namespace {

struct Rows {
  std::vector<ArcIndex> offsets;
  std::vector<NodeId> targets;
  std::vector<float> weights;
  std::vector<uint8_t> channels;
};

// Places every arc in its row, rows in input order (a counting sort).
Rows Scatter(NodeId n, const EdgeBuffer& edges, const CsrOptions& options, CsrCounts& counts) {
  Rows rows;
  ResizeBig(rows.offsets, static_cast<size_t>(n) + 1);
  const size_t m = edges.size();
  const auto keep = [&](size_t i) {
    return !(options.drop_self_loops && edges.sources[i] == edges.targets[i]);
  };
  for (size_t i = 0; i < m; ++i) {
    if (!keep(i)) {
      ++counts.self_loops_dropped;
      continue;
    }
    ++rows.offsets[edges.sources[i] + 1];
    if (options.symmetrize && edges.sources[i] != edges.targets[i]) {
      ++rows.offsets[edges.targets[i] + 1];
    }
  }
  std::partial_sum(rows.offsets.begin(), rows.offsets.end(), rows.offsets.begin());
  ResizeBig(rows.targets, rows.offsets.back());
  if (!edges.weights.empty()) ResizeBig(rows.weights, rows.offsets.back());
  if (!edges.channels.empty()) rows.channels.resize(rows.offsets.back());
  std::vector<ArcIndex> cursor(rows.offsets.begin(), rows.offsets.end() - 1);
  const auto put = [&](NodeId from, NodeId to, size_t i) {
    const ArcIndex a = cursor[from]++;
    rows.targets[a] = to;
    if (!rows.weights.empty()) rows.weights[a] = edges.weights[i];
    if (!rows.channels.empty()) rows.channels[a] = edges.channels[i];
  };
  for (size_t i = 0; i < m; ++i) {
    if (!keep(i)) continue;
    put(edges.sources[i], edges.targets[i], i);
    if (options.symmetrize && edges.sources[i] != edges.targets[i]) {
      put(edges.targets[i], edges.sources[i], i);
    }
  }
  return rows;
}

// Sorts each row by target (stable, so the first occurrence survives) and drops repeats,
// compacting the arrays in place.
void Dedup(Rows& rows, CsrCounts& counts) {
  const size_t n = rows.offsets.size() - 1;
  const bool plain = rows.weights.empty() && rows.channels.empty();
  std::vector<uint32_t> order;
  std::vector<NodeId> t_scratch;
  std::vector<float> w_scratch;
  std::vector<uint8_t> c_scratch;
  ArcIndex write = 0;
  for (size_t u = 0; u < n; ++u) {
    const ArcIndex begin = rows.offsets[u];
    const ArcIndex end = rows.offsets[u + 1];
    rows.offsets[u] = write;
    if (plain) {
      std::sort(rows.targets.begin() + begin, rows.targets.begin() + end);
      const ArcIndex row_start = write;
      for (ArcIndex a = begin; a < end; ++a) {
        const NodeId t = rows.targets[a];
        if (write > row_start && rows.targets[write - 1] == t) continue;
        rows.targets[write++] = t;
      }
      continue;
    }
    const size_t d = end - begin;
    order.resize(d);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return rows.targets[begin + x] < rows.targets[begin + y];
    });
    t_scratch.assign(rows.targets.begin() + begin, rows.targets.begin() + end);
    if (!rows.weights.empty())
      w_scratch.assign(rows.weights.begin() + begin, rows.weights.begin() + end);
    if (!rows.channels.empty())
      c_scratch.assign(rows.channels.begin() + begin, rows.channels.begin() + end);
    for (size_t k = 0; k < d; ++k) {
      const uint32_t i = order[k];
      if (k > 0 && t_scratch[i] == t_scratch[order[k - 1]]) {
        if (!rows.channels.empty()) rows.channels[write - 1] |= c_scratch[i];
        continue;
      }
      rows.targets[write] = t_scratch[i];
      if (!rows.weights.empty()) rows.weights[write] = w_scratch[i];
      if (!rows.channels.empty()) rows.channels[write] = c_scratch[i];
      ++write;
    }
  }
  counts.duplicate_arcs_dropped += rows.targets.size() - write;
  rows.offsets[n] = write;
  rows.targets.resize(write);
  rows.targets.shrink_to_fit();
  if (!rows.weights.empty()) {
    rows.weights.resize(write);
    rows.weights.shrink_to_fit();
  }
  if (!rows.channels.empty()) {
    rows.channels.resize(write);
    rows.channels.shrink_to_fit();
  }
}

}  // namespace

Graph BuildCsr(NodeId n, const EdgeBuffer& edges, const CsrOptions& options, CsrCounts* counts) {
  CsrCounts local;
  Rows rows = Scatter(n, edges, options, local);
  if (options.dedup) Dedup(rows, local);
  if (counts != nullptr) *counts = local;
  return Graph::FromParts({.offsets = std::move(rows.offsets),
                           .targets = std::move(rows.targets),
                           .weights = std::move(rows.weights),
                           .channels = std::move(rows.channels)});
}

}  // namespace duckweed::network::internal
