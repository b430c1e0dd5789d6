#include "duckweed/diffusion/influence.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include "plan.h"
#include "replica_loop.h"

namespace duckweed::diffusion {
namespace {

using network::ArcIndex;
using network::NodeId;

// Streams of the final selection are disjoint from those of the estimation phase (the final
// RR sets are drawn afresh: Chen 2018's correction of IMM's martingale argument).
constexpr uint64_t kFinalStreams = uint64_t{1} << 62;

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

// Grows `sets` to `target` RR sets drawn from streams first_stream + index.
void Extend(RrCollection& sets, uint64_t target, uint64_t seed, uint64_t first_stream,
            const Reverse& reverse, NodeId n, bool cascade, const ExecutionPolicy& policy) {
  const uint64_t start = sets.size();
  if (target <= start) return;
  std::vector<std::vector<NodeId>> fresh(target - start);
  internal::ForEachReplica(
      policy, target - start, [&] { return RrSampler(reverse, n, cascade); },
      [&](RrSampler& sampler, uint64_t i) {
        sampler.Sample(core::Rng::ForStream(seed, first_stream + start + i), fresh[i]);
      });
  for (const auto& set : fresh) {
    sets.nodes.insert(sets.nodes.end(), set.begin(), set.end());
    sets.offsets.push_back(sets.nodes.size());
  }
}

struct Selection {
  std::vector<NodeId> seeds;
  double covered_fraction = 0;
};

// Greedy maximum coverage (ties: lower node id). O(k n + total RR set size).
Selection SelectNodes(const RrCollection& sets, NodeId n, uint32_t k) {
  std::vector<uint64_t> count(n, 0);
  for (NodeId v : sets.nodes) ++count[v];
  std::vector<uint64_t> index_offsets(n + 1, 0);
  for (NodeId v : sets.nodes) ++index_offsets[v + 1];
  for (NodeId v = 0; v < n; ++v) index_offsets[v + 1] += index_offsets[v];
  std::vector<uint64_t> fill(index_offsets.begin(), index_offsets.end() - 1);
  std::vector<uint64_t> sets_of(sets.nodes.size());
  for (uint64_t s = 0; s < sets.size(); ++s) {
    for (uint64_t i = sets.offsets[s]; i < sets.offsets[s + 1]; ++i) {
      sets_of[fill[sets.nodes[i]]++] = s;
    }
  }
  std::vector<bool> covered(sets.size(), false);
  uint64_t covered_count = 0;
  Selection out;
  for (uint32_t j = 0; j < k; ++j) {
    const auto best =
        static_cast<NodeId>(std::max_element(count.begin(), count.end()) - count.begin());
    out.seeds.push_back(best);
    for (uint64_t i = index_offsets[best]; i < index_offsets[best + 1]; ++i) {
      const uint64_t s = sets_of[i];
      if (covered[s]) continue;
      covered[s] = true;
      ++covered_count;
      for (uint64_t x = sets.offsets[s]; x < sets.offsets[s + 1]; ++x) --count[sets.nodes[x]];
    }
  }
  out.covered_fraction = sets.size() == 0 ? 0 : static_cast<double>(covered_count) / sets.size();
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
  const double dn = std::max<double>(n, 2);
  const double log_n = std::log(dn);
  const double ell = o.ell * (1 + std::numbers::ln2 / log_n);
  const double log_cnk = std::lgamma(dn + 1) - std::lgamma(o.k + 1.0) - std::lgamma(dn - o.k + 1);
  auto budget = [&](double theta) -> core::Status {
    if (theta <= static_cast<double>(o.max_rr_sets)) return core::Status::Ok();
    return core::Status::InvalidInput(
        fmt::format("IMM needs {:.0f} RR sets, above the budget of {}; raise epsilon", theta,
                    o.max_rr_sets),
        core::Location{.field = "epsilon"});
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
    Extend(sets, static_cast<uint64_t>(theta), o.seed, 0, reverse, n, cascade, o.policy);
    const Selection s = SelectNodes(sets, n, o.k);
    if (dn * s.covered_fraction >= (1 + eps1) * x) {
      lower_bound = dn * s.covered_fraction / (1 + eps1);
      break;
    }
  }
  // Phase 2: enough fresh RR sets for the (1 - 1/e - epsilon) guarantee, then the greedy choice.
  const double e1 = 1 - 1 / std::numbers::e;
  const double alpha = std::sqrt(ell * log_n + std::numbers::ln2);
  const double beta = std::sqrt(e1 * (log_cnk + ell * log_n + std::numbers::ln2));
  const double theta =
      std::ceil(2 * dn * std::pow(e1 * alpha + beta, 2) / (o.epsilon * o.epsilon) / lower_bound);
  DUCKWEED_RETURN_IF_ERROR(budget(theta));
  RrCollection final_sets;
  Extend(final_sets, static_cast<uint64_t>(theta), o.seed, kFinalStreams, reverse, n, cascade,
         o.policy);
  const Selection chosen = SelectNodes(final_sets, n, o.k);
  ImmResult result;
  result.seeds = chosen.seeds;
  result.estimated_spread = dn * chosen.covered_fraction;
  result.rr_sets = sets.size() + final_sets.size();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace duckweed::diffusion
