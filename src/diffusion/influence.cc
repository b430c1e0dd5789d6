#include "duckweed/diffusion/influence.h"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numbers>
#include <utility>

#include "duckweed/core/memory.h"
#include "plan.h"
#include "replica_loop.h"

namespace duckweed::diffusion {
namespace {

using network::ArcIndex;
using network::NodeId;

// Streams of the final selection are disjoint from those of the estimation phase (the final
// RR sets are drawn afresh: Chen 2018's correction of IMM's martingale argument).
constexpr uint64_t kFinalStreams = uint64_t{1} << 62;
// Streams of the pilot that measures the mean RR set size for the memory estimate: disjoint from
// both phases, so the pilot changes no result.
constexpr uint64_t kPilotStreams = uint64_t{3} << 62;

// In-arcs of every node, with the compiled probability (cascade) or weight (threshold). The
// cascade's probability of an arc u -> v is stored once per v when it depends on v only
// (weighted cascade, one probability): 4 bytes per node instead of per arc.
struct Reverse {
  std::vector<ArcIndex> offsets;
  std::vector<NodeId> sources;
  std::vector<uint32_t> threshold;
  bool threshold_by_node = false;
  std::vector<double> weight;
};

Reverse BuildReverse(const internal::Plan& plan) {
  const network::Graph& g = *plan.graph;
  const NodeId n = g.node_count();
  const bool cascade = plan.spec.kind == ModelKind::kIndependentCascade;
  Reverse r;
  r.offsets.assign(n + 1, 0);
  for (NodeId v : g.targets()) ++r.offsets[v + 1];
  for (NodeId v = 0; v < n; ++v) r.offsets[v + 1] += r.offsets[v];
  std::vector<ArcIndex> fill(r.offsets.begin(), r.offsets.end() - 1);
  r.sources.resize(g.arc_count());
  r.threshold_by_node = cascade && internal::ProbabilityByTarget(plan.spec);
  if (r.threshold_by_node) {
    r.threshold.assign(n, 0);
  } else {
    (cascade ? r.threshold.resize(g.arc_count()) : r.weight.resize(g.arc_count()));
  }
  for (NodeId u = 0; u < n; ++u) {
    for (ArcIndex a = g.ArcBegin(u); a < g.ArcEnd(u); ++a) {
      const NodeId v = g.targets()[a];
      const ArcIndex slot = fill[v]++;
      r.sources[slot] = u;
      if (r.threshold_by_node) {
        r.threshold[v] = internal::ToThreshold(internal::ArcProbability(plan, a, v));
      } else if (cascade) {
        r.threshold[slot] =
            internal::ToThreshold(internal::ArcProbability(plan, a, g.targets()[a]));
      } else {
        r.weight[slot] = plan.arc_weight[a];
      }
    }
  }
  return r;
}

// Samples one RR set per call; scratch is reused (epoch stamps, as in the cascade kernel).
class RrSampler {
 public:
  RrSampler(const Reverse& reverse, NodeId n, bool cascade)
      : reverse_(reverse), n_(n), cascade_(cascade), stamp_(n, 0) {}

  void Sample(core::Rng rng, std::vector<NodeId>& out) {
    if (++epoch_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
    out.clear();
    const auto root = static_cast<NodeId>(rng.Below(n_));
    stamp_[root] = epoch_;
    out.push_back(root);
    if (cascade_) {
      ReverseBfs(rng, out);
    } else {
      ReverseWalk(rng, out);
    }
  }

 private:
  void ReverseBfs(core::Rng& rng, std::vector<NodeId>& out) {
    internal::Draws32 draws(rng);
    for (size_t head = 0; head < out.size(); ++head) {
      const NodeId v = out[head];
      for (ArcIndex a = reverse_.offsets[v]; a < reverse_.offsets[v + 1]; ++a) {
        const NodeId u = reverse_.sources[a];
        const uint32_t threshold = reverse_.threshold[reverse_.threshold_by_node ? v : a];
        if (stamp_[u] == epoch_ || !internal::Passes(draws.Next(), threshold)) continue;
        stamp_[u] = epoch_;
        out.push_back(u);
      }
    }
  }

  void ReverseWalk(core::Rng& rng, std::vector<NodeId>& out) {
    NodeId v = out.front();
    while (true) {
      double r = rng.Uniform();
      NodeId chosen = n_;
      for (ArcIndex a = reverse_.offsets[v]; a < reverse_.offsets[v + 1]; ++a) {
        r -= reverse_.weight[a];
        if (r < 0) {
          chosen = reverse_.sources[a];
          break;
        }
      }
      if (chosen == n_ || stamp_[chosen] == epoch_) return;
      stamp_[chosen] = epoch_;
      out.push_back(chosen);
      v = chosen;
    }
  }

  const Reverse& reverse_;
  NodeId n_;
  bool cascade_;
  std::vector<uint32_t> stamp_;
  uint32_t epoch_ = 0;
};

struct RrCollection {
  std::vector<uint64_t> offsets = {0};
  std::vector<NodeId> nodes;
  uint64_t size() const { return offsets.size() - 1; }
};

// RR sets are drawn in blocks of this many, whatever the threads or processes: block b holds the
// sets first + b * kBlock .. (each from its own stream), so the collection is the same for any
// execution policy and any number of MPI ranks.
constexpr uint64_t kBlock = 512;

struct Block {
  std::vector<uint32_t> lengths;
  std::vector<NodeId> nodes;
};

int TeamSize(const ExecutionPolicy& policy) {
  if (std::holds_alternative<Sequential>(policy)) return 1;
  const int requested = std::get<Parallel>(policy).threads;
  return requested > 0 ? requested : omp_get_max_threads();
}

// Appends the blocks, in order, to `sets` (parallel copy at prefix-sum offsets).
void Append(RrCollection& sets, const std::vector<uint32_t>& lengths,
            const std::vector<NodeId>& nodes) {
  const size_t base = sets.offsets.size();
  sets.offsets.resize(base + lengths.size());
  for (size_t i = 0; i < lengths.size(); ++i) {
    sets.offsets[base + i] = sets.offsets[base + i - 1] + lengths[i];
  }
  sets.nodes.insert(sets.nodes.end(), nodes.begin(), nodes.end());
}

// Grows `sets` to `target` RR sets drawn from streams first_stream + index. Blocks run in
// parallel (one worker per thread); with a distributor each process draws a contiguous share of
// the blocks and the shares are all-gathered in rank order.
core::Status Extend(RrCollection& sets, uint64_t target, uint64_t seed, uint64_t first_stream,
                    const Reverse& reverse, NodeId n, bool cascade, const ExecutionPolicy& policy,
                    ReplicaDistributor* distributor) {
  const uint64_t start = sets.size();
  if (target <= start) return core::Status::Ok();
  const uint64_t blocks = (target - start + kBlock - 1) / kBlock;
  // Plain variables, not a structured binding: the lambda below captures them, which clang
  // before 16 (the fuzz preset) refuses for bindings.
  const std::pair<uint64_t, uint64_t> range =
      distributor ? ReplicaRange(blocks, distributor->rank(), distributor->size())
                  : std::pair<uint64_t, uint64_t>{0, blocks};
  const uint64_t first_block = range.first, end_block = range.second;
  std::vector<Block> fresh(end_block - first_block);
  internal::ForEachReplica(
      policy, fresh.size(),
      [&] {
        return std::pair{RrSampler(reverse, n, cascade), std::vector<NodeId>()};
      },
      [&](auto& worker, uint64_t b) {
        auto& [sampler, scratch] = worker;
        Block& block = fresh[b];
        const uint64_t begin = start + (first_block + b) * kBlock;
        const uint64_t end = std::min(target, begin + kBlock);
        for (uint64_t i = begin; i < end; ++i) {
          sampler.Sample(core::Rng::ForStream(seed, first_stream + i), scratch);
          block.lengths.push_back(static_cast<uint32_t>(scratch.size()));
          block.nodes.insert(block.nodes.end(), scratch.begin(), scratch.end());
        }
      });
  std::vector<uint32_t> lengths;
  std::vector<NodeId> nodes;
  size_t total_sets = 0, total_nodes = 0;
  for (const Block& b : fresh) total_sets += b.lengths.size(), total_nodes += b.nodes.size();
  lengths.reserve(total_sets);
  nodes.reserve(total_nodes);
  for (Block& b : fresh) {
    lengths.insert(lengths.end(), b.lengths.begin(), b.lengths.end());
    nodes.insert(nodes.end(), b.nodes.begin(), b.nodes.end());
    b = Block{};
  }
  if (distributor != nullptr && distributor->size() > 1) {
    DUCKWEED_ASSIGN_OR_RETURN(lengths, distributor->AllGatherWords(std::move(lengths)));
    DUCKWEED_ASSIGN_OR_RETURN(nodes, distributor->AllGatherWords(std::move(nodes)));
  }
  if (lengths.size() != target - start) {
    return core::Status::Internal(fmt::format("expected {} RR sets from the processes, found {}",
                                              target - start, lengths.size()));
  }
  Append(sets, lengths, nodes);
  return core::Status::Ok();
}

struct Selection {
  std::vector<NodeId> seeds;
  double covered_fraction = 0;
};

// Greedy maximum coverage (ties: lower node id), with `threads` threads: each counts the nodes of
// a contiguous share of the RR sets, the shares are summed per node and give each thread its
// place in the inverted index (node -> sets, in set order, as the sequential pass would fill it);
// each greedy step takes the arg max by a parallel reduction and uncovers the chosen node's sets
// in parallel (atomic decrements). The result does not depend on `threads`.
// O((k n + total RR set size) / threads + threads n).
Selection SelectNodes(const RrCollection& sets, NodeId n, uint32_t k, int threads) {
  const uint64_t set_count = sets.size();
  threads = static_cast<int>(std::clamp<uint64_t>(threads, 1, std::max<uint64_t>(set_count, 1)));
  std::vector<uint64_t> count(n, 0);
  std::vector<uint64_t> index_offsets(static_cast<size_t>(n) + 1, 0);
  std::vector<uint64_t> sets_of(sets.nodes.size());
  std::vector<std::vector<uint64_t>> place(threads);  // per thread, per node: next slot
  int team = 1;
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
#pragma omp single
    team = omp_get_num_threads();
    const uint64_t first = set_count * t / team, end = set_count * (t + 1) / team;
    std::vector<uint64_t>& mine = place[t];
    mine.assign(n, 0);
    for (uint64_t i = sets.offsets[first]; i < sets.offsets[end]; ++i) ++mine[sets.nodes[i]];
#pragma omp barrier
#pragma omp for schedule(static)
    for (int64_t v = 0; v < static_cast<int64_t>(n); ++v) {
      uint64_t total = 0;
      for (int u = 0; u < team; ++u) {
        const uint64_t c = place[u][v];
        place[u][v] = total;  // offset within the node's list, made absolute below
        total += c;
      }
      count[v] = total;
    }
#pragma omp single
    for (NodeId v = 0; v < n; ++v) index_offsets[v + 1] = index_offsets[v] + count[v];
    for (uint64_t s = first; s < end; ++s) {
      for (uint64_t i = sets.offsets[s]; i < sets.offsets[s + 1]; ++i) {
        const NodeId v = sets.nodes[i];
        sets_of[index_offsets[v] + mine[v]++] = s;
      }
    }
  }
  place.clear();
  std::vector<uint8_t> covered(set_count, 0);
  uint64_t covered_count = 0;
  Selection out;
  for (uint32_t j = 0; j < k; ++j) {
    uint64_t best_count = 0;
    NodeId best = n;
#pragma omp parallel num_threads(threads)
    {
      uint64_t local_count = 0;
      NodeId local = n;
#pragma omp for schedule(static) nowait
      for (int64_t v = 0; v < static_cast<int64_t>(n); ++v) {
        if (local == n || count[v] > local_count)
          local = static_cast<NodeId>(v), local_count = count[v];
      }
#pragma omp critical
      if (local != n &&
          (best == n || local_count > best_count || (local_count == best_count && local < best))) {
        best = local, best_count = local_count;
      }
    }
    out.seeds.push_back(best);
    uint64_t newly = 0;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 64) reduction(+ : newly)
    for (int64_t i = static_cast<int64_t>(index_offsets[best]);
         i < static_cast<int64_t>(index_offsets[best + 1]); ++i) {
      const uint64_t s = sets_of[i];
      if (covered[s]) continue;  // each set appears once in the chosen node's list
      covered[s] = 1;
      ++newly;
      for (uint64_t x = sets.offsets[s]; x < sets.offsets[s + 1]; ++x) {
        std::atomic_ref<uint64_t>(count[sets.nodes[x]]).fetch_sub(1, std::memory_order_relaxed);
      }
    }
    covered_count += newly;
  }
  out.covered_fraction = set_count == 0 ? 0 : static_cast<double>(covered_count) / set_count;
  return out;
}

core::Status Check(const network::Graph& g, const ModelSpec& spec, const NodeFactors& factors,
                   const ImmOptions& o) {
  if (spec.kind != ModelKind::kIndependentCascade && spec.kind != ModelKind::kLinearThreshold) {
    return core::Status::InvalidInput(
        fmt::format("influence maximisation supports the ic and lt models, not {}",
                    ModelName(spec.kind)),
        core::Location{.field = "model"});
  }
  DUCKWEED_RETURN_IF_ERROR(ValidateModel(spec, g.has_weights()));
  DUCKWEED_RETURN_IF_ERROR(ValidateFactors(factors, g.node_count()));
  if (o.k == 0 || o.k > g.node_count()) {
    return core::Status::InvalidInput(
        fmt::format("expected 1 <= k <= {} (the node count), found {}", g.node_count(), o.k),
        core::Location{.field = "k"});
  }
  if (!(o.epsilon > 0 && o.epsilon < 1) || !(o.ell > 0)) {
    return core::Status::InvalidInput(
        fmt::format("expected epsilon in (0,1) and ell > 0, found {} and {}", o.epsilon, o.ell),
        core::Location{.field = "epsilon"});
  }
  return core::Status::Ok();
}

// The mean RR set size, from up to 1,000 sets drawn one at a time (at most about 10^7 nodes in
// all, so the pilot itself stays small on graphs where a set is most of the graph).
double MeanRrSetSize(const Reverse& reverse, NodeId n, bool cascade, uint64_t seed) {
  RrSampler sampler(reverse, n, cascade);
  std::vector<NodeId> set;
  double total = 0;
  uint64_t drawn = 0;
  while (drawn < 1000 && total < 1e7) {
    sampler.Sample(core::Rng::ForStream(seed, kPilotStreams + drawn), set);
    total += static_cast<double>(set.size());
    ++drawn;
  }
  return total / static_cast<double>(drawn);
}

// Peak bytes of `theta` RR sets of `mean_size` nodes: offsets (8, doubled while growing), the
// nodes (4 each, doubled while growing), their per-set buffers while drawn (4 a node, 40 of
// header and allocator overhead a set), and greedy selection's inverted index (8 a node).
double RrSetBytes(double theta, double mean_size) {
  return theta * (2 * 8 + 40 + mean_size * (2 * 4 + 4 + 8));
}

}  // namespace

core::Result<ImmResult> InfluenceMaximization(const network::Graph& graph, const ModelSpec& spec,
                                              const NodeFactors& factors, const ImmOptions& o) {
  DUCKWEED_RETURN_IF_ERROR(Check(graph, spec, factors, o));
  const auto start = std::chrono::steady_clock::now();
  const internal::Plan plan = internal::Compile(
      graph, spec, {}, factors.Combined(graph.node_count()), internal::ArcLayout::kReverseOnly);
  const Reverse reverse = BuildReverse(plan);
  const bool cascade = spec.kind == ModelKind::kIndependentCascade;
  const NodeId n = graph.node_count();
  const int threads = TeamSize(o.policy);
  const double dn = std::max<double>(n, 2);
  const double log_n = std::log(dn);
  const double ell = o.ell * (1 + std::numbers::ln2 / log_n);
  const double log_cnk = std::lgamma(dn + 1) - std::lgamma(o.k + 1.0) - std::lgamma(dn - o.k + 1);
  double mean_size = -1;  // measured on first use
  auto budget = [&](double theta) -> core::Status {
    if (theta > static_cast<double>(o.max_rr_sets)) {
      return core::Status::InvalidInput(
          fmt::format("IMM needs {:.0f} RR sets, above the cap of {}; use a larger --epsilon "
                      "(the count grows as 1/epsilon^2) or fewer seeds",
                      theta, o.max_rr_sets),
          core::Location{.field = "epsilon"});
    }
    if (mean_size < 0) mean_size = MeanRrSetSize(reverse, n, cascade, o.seed);
    core::Status fits = core::CheckMemory(
        RrSetBytes(theta, mean_size),
        fmt::format("IMM's {:.0f} RR sets (about {:.3g} nodes each, from a pilot sample)", theta,
                    mean_size),
        "use a larger --epsilon (the count grows as 1/epsilon^2) or fewer seeds");
    if (fits.ok()) return fits;
    return core::Status::InvalidInput(fits.message(), core::Location{.field = "epsilon"});
  };
  // Phase 1: a lower bound on the optimum spread (Tang et al. 2015, Algorithm 2).
  const double eps1 = std::numbers::sqrt2 * o.epsilon;
  const double lambda1 = (2 + 2.0 / 3 * eps1) *
                         (log_cnk + ell * log_n + std::log(std::max(std::log2(dn), 1.0))) * dn /
                         (eps1 * eps1);
  RrCollection sets;
  double lower_bound = 1;
  for (int i = 1; i < std::log2(dn); ++i) {
    const double x = dn / std::pow(2.0, i);
    const double theta = std::ceil(lambda1 / x);
    DUCKWEED_RETURN_IF_ERROR(budget(theta));
    DUCKWEED_RETURN_IF_ERROR(Extend(sets, static_cast<uint64_t>(theta), o.seed, 0, reverse, n,
                                    cascade, o.policy, o.distributor));
    const Selection s = SelectNodes(sets, n, o.k, threads);
    if (dn * s.covered_fraction >= (1 + eps1) * x) {
      lower_bound = dn * s.covered_fraction / (1 + eps1);
      break;
    }
  }
  const uint64_t estimation_sets = sets.size();
  sets = RrCollection{};  // phase 2 draws fresh sets: free these first
  // Phase 2: enough fresh RR sets for the (1 - 1/e - epsilon) guarantee, then the greedy choice.
  const double e1 = 1 - 1 / std::numbers::e;
  const double alpha = std::sqrt(ell * log_n + std::numbers::ln2);
  const double beta = std::sqrt(e1 * (log_cnk + ell * log_n + std::numbers::ln2));
  const double theta =
      std::ceil(2 * dn * std::pow(e1 * alpha + beta, 2) / (o.epsilon * o.epsilon) / lower_bound);
  DUCKWEED_RETURN_IF_ERROR(budget(theta));
  RrCollection final_sets;
  DUCKWEED_RETURN_IF_ERROR(Extend(final_sets, static_cast<uint64_t>(theta), o.seed, kFinalStreams,
                                  reverse, n, cascade, o.policy, o.distributor));
  const Selection chosen = SelectNodes(final_sets, n, o.k, threads);
  ImmResult result;
  result.seeds = chosen.seeds;
  result.estimated_spread = dn * chosen.covered_fraction;
  result.rr_sets = estimation_sets + final_sets.size();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace duckweed::diffusion
