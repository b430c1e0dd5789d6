#include "duckweed/network/generators.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "duckweed/core/memory.h"
#include "duckweed/core/random.h"
#include "network/csr_builder.h"
#include "network/pair_set.h"

namespace duckweed::network {
namespace {

using core::Rng;
using internal::BuildCsr;
using internal::EdgeBuffer;

core::Status BadParameter(const char* name, const std::string& message) {
  core::Location where;
  where.source = "generator";
  where.field = name;
  return core::Status::InvalidInput(message, where);
}

uint64_t PairCount(NodeId n, bool directed) {
  const uint64_t nn = n;
  return directed ? nn * (nn == 0 ? 0 : nn - 1) : nn * (nn == 0 ? 0 : nn - 1) / 2;
}

// Pair index k -> (u, v): undirected pairs are ordered (1,0), (2,0), (2,1), (3,0), ...; directed
// pairs are u-major over v != u.
void DecodePair(uint64_t k, NodeId n, bool directed, NodeId& u, NodeId& v) {
  if (directed) {
    u = static_cast<NodeId>(k / (n - 1));
    const auto j = static_cast<NodeId>(k % (n - 1));
    v = j < u ? j : j + 1;
    return;
  }
  auto row = static_cast<uint64_t>((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(k))) / 2.0);
  while (row * (row - 1) / 2 > k) --row;
  while ((row + 1) * row / 2 <= k) ++row;
  u = static_cast<NodeId>(row);
  v = static_cast<NodeId>(k - row * (row - 1) / 2);
}

Graph Build(NodeId n, const EdgeBuffer& edges, bool directed) {
  return BuildCsr(n, edges, {.symmetrize = !directed});
}

// Peak bytes of the CSR graph itself: offsets and a cursor per node, a target per arc.
double CsrBytes(double nodes, double arcs) { return 16 * (nodes + 1) + 4 * arcs; }

// Bytes of a PairSet sized for `keys` (slots: the power of two at or above 2 keys + 16).
double PairSetBytes(double keys) { return 8 * std::exp2(std::ceil(std::log2(2 * keys + 16))); }

core::Status CheckGeneratorMemory(double bytes, const std::string& what) {
  return core::CheckMemory(bytes, "generating " + what,
                           "use fewer nodes or edges (or set DUCKWEED_MEMORY_BUDGET)");
}

}  // namespace

core::Result<Graph> ErdosRenyiGnp(NodeId n, double p, uint64_t seed, bool directed) {
  if (!(p >= 0 && p <= 1)) return BadParameter("p", fmt::format("expected in [0, 1], found {}", p));
  const uint64_t pairs = PairCount(n, directed);
  const double expected = p * static_cast<double>(pairs);
  DUCKWEED_RETURN_IF_ERROR(CheckGeneratorMemory(
      8.4 * expected + CsrBytes(n, directed ? expected : 2 * expected),
      fmt::format("G(n, p) with n = {} and p = {} (about {:.3g} edges)", n, p, expected)));
  Rng rng = Rng::ForStream(seed, 0);
  EdgeBuffer edges;
  edges.sources.reserve(static_cast<size_t>(expected * 1.05) + 16);
  edges.targets.reserve(edges.sources.capacity());
  if (p > 0) {
    const double log_q = std::log1p(-p);  // -inf when p == 1: every skip is 0
    const auto max_skip = static_cast<double>(pairs);
    for (uint64_t k = 0;;) {
      const double skip = p == 1 ? 0.0 : std::floor(std::log1p(-rng.Uniform()) / log_q);
      if (skip >= max_skip - static_cast<double>(k)) break;
      k += static_cast<uint64_t>(skip);
      if (k >= pairs) break;
      NodeId u, v;
      DecodePair(k, n, directed, u, v);
      edges.Add(u, v);
      ++k;
    }
  }
  return Build(n, edges, directed);
}

core::Result<Graph> ErdosRenyiGnm(NodeId n, uint64_t m, uint64_t seed, bool directed) {
  const uint64_t pairs = PairCount(n, directed);
  if (m > pairs) {
    return BadParameter(
        "m", fmt::format("expected at most {} edges for {} nodes, found {}", pairs, n, m));
  }
  const auto edges_d = static_cast<double>(m);
  DUCKWEED_RETURN_IF_ERROR(CheckGeneratorMemory(
      PairSetBytes(edges_d) + 8 * edges_d + CsrBytes(n, directed ? edges_d : 2 * edges_d),
      fmt::format("G(n, m) with n = {} and m = {}", n, m)));
  Rng rng = Rng::ForStream(seed, 0);
  internal::PairSet chosen(m);
  EdgeBuffer edges;
  edges.sources.reserve(m);
  edges.targets.reserve(m);
  for (uint64_t j = pairs - m; j < pairs; ++j) {  // Floyd: exactly uniform m-subsets
    uint64_t t = rng.Below(j + 1);
    if (!chosen.Insert(t)) {
      t = j;
      chosen.Insert(t);
    }
    NodeId u, v;
    DecodePair(t, n, directed, u, v);
    edges.Add(u, v);
  }
  return Build(n, edges, directed);
}

core::Result<Graph> BarabasiAlbert(NodeId n, uint32_t m, uint64_t seed) {
  if (m < 1 || m >= n) {
    return BadParameter("m", fmt::format("expected 1 <= m < n = {}, found {}", n, m));
  }
  const uint64_t edge_count = uint64_t{m} * (n - m);
  const auto edges_d = static_cast<double>(edge_count);
  DUCKWEED_RETURN_IF_ERROR(CheckGeneratorMemory(
      16 * edges_d + CsrBytes(n, 2 * edges_d),
      fmt::format("a Barabási–Albert graph with n = {} and m = {} ({} edges)", n, m, edge_count)));
  Rng rng = Rng::ForStream(seed, 0);
  EdgeBuffer edges;
  edges.sources.reserve(edge_count);
  edges.targets.reserve(edge_count);
  std::vector<NodeId> endpoints;  // each node once per unit of degree
  endpoints.reserve(2 * edge_count);
  for (NodeId v = 0; v < m; ++v) {
    edges.Add(m, v);
    endpoints.push_back(m);
    endpoints.push_back(v);
  }
  std::vector<NodeId> picks;
  for (NodeId t = m + 1; t < n; ++t) {
    picks.clear();
    while (picks.size() < m) {
      const NodeId v = endpoints[rng.Below(endpoints.size())];
      if (std::find(picks.begin(), picks.end(), v) == picks.end()) picks.push_back(v);
    }
    for (const NodeId v : picks) {
      edges.Add(t, v);
      endpoints.push_back(t);
      endpoints.push_back(v);
    }
  }
  return Build(n, edges, false);
}

core::Result<Graph> WattsStrogatz(NodeId n, uint32_t k, double beta, uint64_t seed) {
  if (k % 2 != 0 || k < 2 || k >= n) {
    return BadParameter("k",
                        fmt::format("expected an even k with 2 <= k < n = {}, found {}", n, k));
  }
  if (!(beta >= 0 && beta <= 1)) {
    return BadParameter("beta", fmt::format("expected in [0, 1], found {}", beta));
  }
  const uint64_t half = k / 2;
  const uint64_t edge_count = uint64_t{n} * half;
  const auto edges_d = static_cast<double>(edge_count);
  DUCKWEED_RETURN_IF_ERROR(CheckGeneratorMemory(
      PairSetBytes(2 * edges_d) + 8 * edges_d + 4.0 * n + CsrBytes(n, 2 * edges_d),
      fmt::format("a Watts–Strogatz graph with n = {} and k = {} ({} edges)", n, k, edge_count)));
  Rng rng = Rng::ForStream(seed, 0);
  const auto key = [n](NodeId u, NodeId v) {
    return u < v ? uint64_t{u} * n + v : uint64_t{v} * n + u;
  };
  internal::PairSet present(2 * edge_count);
  EdgeBuffer edges;
  edges.sources.resize(edge_count);
  edges.targets.resize(edge_count);
  std::vector<uint32_t> degree(n, k);
  for (uint64_t j = 1; j <= half; ++j) {
    for (NodeId u = 0; u < n; ++u) {
      const uint64_t e = (j - 1) * n + u;
      edges.sources[e] = u;
      edges.targets[e] = static_cast<NodeId>((u + j) % n);
      present.Insert(key(u, edges.targets[e]));
    }
  }
  for (uint64_t j = 1; j <= half; ++j) {
    for (NodeId u = 0; u < n; ++u) {
      if (!rng.Bernoulli(beta) || degree[u] >= n - 1) continue;
      NodeId w;
      do {
        w = static_cast<NodeId>(rng.Below(n));
      } while (w == u || present.Contains(key(u, w)));
      const uint64_t e = (j - 1) * n + u;
      const NodeId old = edges.targets[e];
      present.Erase(key(u, old));
      present.Insert(key(u, w));
      --degree[old];
      ++degree[w];
      edges.targets[e] = w;
    }
  }
  return Build(n, edges, false);
}

core::Result<Graph> Rmat(const RmatOptions& o, uint64_t seed) {
  if (o.scale < 1 || o.scale > 30) {
    return BadParameter("scale", fmt::format("expected 1..30, found {}", o.scale));
  }
  const double d = 1.0 - o.a - o.b - o.c;
  if (!(o.a >= 0 && o.b >= 0 && o.c >= 0 && d >= -1e-12)) {
    return BadParameter("a,b,c", fmt::format("expected non-negative a, b, c with a + b + c <= 1, "
                                             "found {}, {}, {}",
                                             o.a, o.b, o.c));
  }
  const auto edges_d = static_cast<double>(o.edges);
  DUCKWEED_RETURN_IF_ERROR(CheckGeneratorMemory(
      8 * edges_d + CsrBytes(std::exp2(o.scale), o.directed ? edges_d : 2 * edges_d),
      fmt::format("an R-MAT graph with scale {} ({} nodes) and {} edges", o.scale,
                  uint64_t{1} << o.scale, o.edges)));
  Rng rng = Rng::ForStream(seed, 0);
  EdgeBuffer edges;
  edges.sources.reserve(o.edges);
  edges.targets.reserve(o.edges);
  const double ab = o.a + o.b;
  const double abc = ab + o.c;
  for (uint64_t e = 0; e < o.edges; ++e) {
    NodeId u = 0, v = 0;
    for (uint32_t bit = 0; bit < o.scale; ++bit) {
      const double r = rng.Uniform();
      const NodeId mask = NodeId{1} << bit;
      if (r >= o.a && r < ab) {
        v |= mask;
      } else if (r >= ab && r < abc) {
        u |= mask;
      } else if (r >= abc) {
        u |= mask;
        v |= mask;
      }
    }
    edges.Add(u, v);
  }
  const auto n = static_cast<NodeId>(uint64_t{1} << o.scale);
  return BuildCsr(n, edges,
                  {.symmetrize = !o.directed, .drop_self_loops = o.simple, .dedup = o.simple});
}

}  // namespace duckweed::network
