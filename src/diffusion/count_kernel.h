// Internal: one replica of the models driven by m(v), the number of adopting/infected
// in-neighbours of v: SI, SIR, SIS, complex contagion and Bass (model.h). It is a "pull" process:
// each step, every candidate node (susceptible with m > 0; for Bass every susceptible node) makes
// one trial whose probability depends on m(v); infections and recoveries are applied together at
// the end of the step, and m is updated by pushing +1/-1 along the out-arcs of the nodes that
// changed. Cost per step: O(candidates + infected + arcs of the nodes that changed).
#ifndef DUCKWEED_SRC_DIFFUSION_COUNT_KERNEL_H_
#define DUCKWEED_SRC_DIFFUSION_COUNT_KERNEL_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "plan.h"

namespace duckweed::diffusion::internal {

struct CountScratch {
  // State bits per node; every node with a non-zero byte or count is listed in `touched` so that
  // the next replica resets only those.
  static constexpr uint8_t kInfected = 1, kRemoved = 2, kEver = 4, kCandidate = 8, kTouched = 16;
  // A node's count and state share one 8-byte cell: pushing +1 along an arc then costs one cache
  // miss, not two (that push is most of the time on large graphs).
  struct Cell {
    uint32_t count = 0;
    uint8_t state = 0;
  };
  explicit CountScratch(size_t n) : cell(n) {}
  std::vector<Cell> cell;
  std::vector<network::NodeId> touched, candidates, infected, still, newly, recovered;
  std::vector<network::NodeId> gathered;  // out-neighbours of a chunk of nodes

  void Touch(network::NodeId v) {
    if (!(cell[v].state & kTouched)) {
      cell[v].state |= kTouched;
      touched.push_back(v);
    }
  }
  void Reset() {
    for (network::NodeId v : touched) {
      cell[v] = Cell{};
    }
    touched.clear();
    candidates.clear();
    infected.clear();
  }
  void AddCandidate(network::NodeId v) {
    if (cell[v].state & (kCandidate | kInfected | kRemoved)) return;
    Touch(v);
    cell[v].state |= kCandidate;
    candidates.push_back(v);
  }
};

// The model is a template parameter so that the per-candidate rule compiles to straight code.
template <ModelKind kKind>
class CountReplica {
 public:
  CountReplica(const Plan& plan, core::Rng& rng, CountScratch& s)
      : plan_(plan), s_(s), draws_(rng) {}

  template <class Observer>
  void Run(Observer& obs) {
    s_.Reset();
    Seed(obs);
    for (uint32_t t = 0; t < plan_.spec.max_steps; ++t) {
      const uint64_t live = DecideInfections();
      DecideRecoveries();
      const bool changed = !s_.newly.empty() || !s_.recovered.empty();
      const bool pending =
          live > 0 || (!s_.infected.empty() && Recovers() && plan_.gamma_threshold > 0);
      if (!changed && !pending) break;
      Apply(t + 1, obs);
      obs.Step(t + 1, adopted_, static_cast<uint32_t>(s_.infected.size()));
    }
  }

 private:
  static constexpr bool kRecovers = kKind == ModelKind::kSir || kKind == ModelKind::kSis;
  static constexpr bool kSpontaneous = kKind == ModelKind::kBass;

  bool Recovers() const { return kRecovers; }

  template <class Observer>
  void Seed(Observer& obs) {
    adopted_ = 0;
    for (network::NodeId v : plan_.seeds) MarkInfected(v, 0, obs);
    s_.infected.assign(plan_.seeds.begin(), plan_.seeds.end());
    RaiseCounts(s_.infected);
    if constexpr (kSpontaneous) {
      for (network::NodeId v = 0; v < plan_.graph->node_count(); ++v) {
        if (plan_.Factor(v) > 0.0) s_.AddCandidate(v);
      }
    }
    obs.Step(0, adopted_, adopted_);
  }

  // Marks v infected and counts its first adoption; m is raised by RaiseCounts.
  template <class Observer>
  void MarkInfected(network::NodeId v, uint32_t t, Observer& obs) {
    s_.Touch(v);
    uint8_t& st = s_.cell[v].state;
    st = static_cast<uint8_t>((st & ~(CountScratch::kCandidate | CountScratch::kRemoved)) |
                              CountScratch::kInfected);
    if (!(st & CountScratch::kEver)) {
      st |= CountScratch::kEver;
      ++adopted_;
      obs.Adopt(v, t);
    }
  }

  // Calls f(w) for every out-arc (v, w) of the listed nodes, in order. On large graphs this is
  // most of the time, and it is bound by cache misses on cell[w]: the targets are gathered a
  // chunk at a time and their cells prefetched a few arcs ahead, so that the misses overlap
  // instead of waiting behind each other (and behind mispredicted branches in f).
  template <class F>
  void ForEachOutNeighbor(const std::vector<network::NodeId>& nodes, F&& f) {
    constexpr size_t kChunk = 2048, kArcsAhead = 16, kNodesAhead = 16;
    const network::ArcIndex* offsets = plan_.graph->offsets().data();
    const network::NodeId* targets = plan_.graph->targets().data();
    const CountScratch::Cell* cell = s_.cell.data();
    std::vector<network::NodeId>& buffer = s_.gathered;
    auto flush = [&] {
      const size_t k = buffer.size();
      for (size_t j = 0; j < std::min(k, kArcsAhead); ++j) __builtin_prefetch(&cell[buffer[j]]);
      for (size_t j = 0; j < k; ++j) {
        if (j + kArcsAhead < k) __builtin_prefetch(&cell[buffer[j + kArcsAhead]]);
        f(buffer[j]);
      }
      buffer.clear();
    };
    const size_t count = nodes.size();
    for (size_t i = 0; i < count; ++i) {
      if (i + kNodesAhead < count) __builtin_prefetch(&offsets[nodes[i + kNodesAhead]]);
      if (i + kNodesAhead / 2 < count) {
        __builtin_prefetch(&targets[offsets[nodes[i + kNodesAhead / 2]]]);
      }
      const network::NodeId v = nodes[i];
      buffer.insert(buffer.end(), targets + offsets[v], targets + offsets[v + 1]);
      if (buffer.size() >= kChunk) flush();
    }
    flush();
  }

  // Raises m along the out-arcs of the listed (newly infected) nodes; susceptible targets become
  // candidates. Touch + AddCandidate in one read of the state byte.
  void RaiseCounts(const std::vector<network::NodeId>& nodes) {
    constexpr uint8_t kBlocked =
        CountScratch::kCandidate | CountScratch::kInfected | CountScratch::kRemoved;
    CountScratch::Cell* cell = s_.cell.data();
    ForEachOutNeighbor(nodes, [&](network::NodeId w) {
      ++cell[w].count;
      const uint8_t sw = cell[w].state;
      if (sw & kBlocked) return;
      if (!(sw & CountScratch::kTouched)) s_.touched.push_back(w);
      cell[w].state = sw | CountScratch::kCandidate | CountScratch::kTouched;
      s_.candidates.push_back(w);
    });
  }

  // The listed nodes stop being infected (removed under SIR) and m drops along their out-arcs;
  // under SIS a recovered node with infected in-neighbours is a candidate again.
  void RecoverAll(const std::vector<network::NodeId>& nodes) {
    constexpr bool immune = kKind == ModelKind::kSir;
    CountScratch::Cell* cell = s_.cell.data();
    for (network::NodeId v : nodes) {
      cell[v].state = static_cast<uint8_t>((cell[v].state & ~CountScratch::kInfected) |
                                           (immune ? CountScratch::kRemoved : 0));
    }
    ForEachOutNeighbor(nodes, [&](network::NodeId w) { --cell[w].count; });
    if (immune) return;
    for (network::NodeId v : nodes) {
      if (cell[v].count > 0) s_.AddCandidate(v);
    }
  }

  // Threshold of v's trial given m = count[v]; 0 when it cannot adopt this step.
  uint32_t TrialThreshold(network::NodeId v, uint32_t m) const {
    const ModelSpec& spec = plan_.spec;
    switch (kKind) {
      case ModelKind::kSi:
      case ModelKind::kSir:
      case ModelKind::kSis:
        if (plan_.log_escape.empty()) return plan_.infection_by_count[m];
        return ToThreshold(-std::expm1(m * plan_.log_escape[v]));
      case ModelKind::kComplexContagion: {
        const bool enough = spec.threshold_count > 0
                                ? m >= spec.threshold_count
                                : m >= spec.threshold_fraction * plan_.in_degree[v];
        return enough && m > 0 ? ToThreshold(plan_.Factor(v)) : 0;
      }
      case ModelKind::kBass: {
        const uint32_t k = plan_.in_degree[v];
        const double share = k == 0 ? 0.0 : static_cast<double>(m) / k;
        return ToThreshold((spec.bass_p + spec.bass_q * share) * plan_.Factor(v) * spec.dt);
      }
      default:
        return 0;
    }
  }

  // One trial per candidate; survivors stay candidates. Returns the number of trials that could
  // have succeeded (threshold > 0), which says whether the process can still move.
  uint64_t DecideInfections() {
    uint64_t live = 0;
    s_.newly.clear();
    std::vector<network::NodeId>& candidates = s_.candidates;
    CountScratch::Cell* cell = s_.cell.data();
    size_t kept = 0;               // survivors are compacted in place, in order
    constexpr size_t kAhead = 16;  // cells of later candidates are fetched while this one waits
    const size_t count = candidates.size();
    for (size_t i = 0; i < count; ++i) {
      if (i + kAhead < count) __builtin_prefetch(&cell[candidates[i + kAhead]]);
      const network::NodeId v = candidates[i];
      const uint32_t m = cell[v].count;
      if ((cell[v].state & (CountScratch::kInfected | CountScratch::kRemoved)) ||
          (m == 0 && !kSpontaneous)) {
        cell[v].state &= static_cast<uint8_t>(~CountScratch::kCandidate);
        continue;
      }
      const uint32_t threshold = TrialThreshold(v, m);
      live += threshold > 0;
      if (threshold > 0 && Passes(draws_.Next(), threshold)) {
        s_.newly.push_back(v);
      } else {
        candidates[kept++] = v;
      }
    }
    candidates.resize(kept);
    return live;
  }

  void DecideRecoveries() {
    s_.recovered.clear();
    if (!Recovers()) return;
    s_.still.clear();
    for (network::NodeId u : s_.infected) {
      (Passes(draws_.Next(), plan_.gamma_threshold) ? s_.recovered : s_.still).push_back(u);
    }
    s_.infected.swap(s_.still);
  }

  template <class Observer>
  void Apply(uint32_t t, Observer& obs) {
    RecoverAll(s_.recovered);
    for (network::NodeId v : s_.newly) MarkInfected(v, t, obs);
    RaiseCounts(s_.newly);
    s_.infected.insert(s_.infected.end(), s_.newly.begin(), s_.newly.end());
  }

  const Plan& plan_;
  CountScratch& s_;
  Draws32 draws_;
  uint32_t adopted_ = 0;
};

template <class Observer>
void RunCountReplica(const Plan& plan, core::Rng& rng, CountScratch& s, Observer& obs) {
  switch (plan.spec.kind) {
    case ModelKind::kSi:
      return CountReplica<ModelKind::kSi>(plan, rng, s).Run(obs);
    case ModelKind::kSir:
      return CountReplica<ModelKind::kSir>(plan, rng, s).Run(obs);
    case ModelKind::kSis:
      return CountReplica<ModelKind::kSis>(plan, rng, s).Run(obs);
    case ModelKind::kComplexContagion:
      return CountReplica<ModelKind::kComplexContagion>(plan, rng, s).Run(obs);
    default:
      return CountReplica<ModelKind::kBass>(plan, rng, s).Run(obs);
  }
}

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_COUNT_KERNEL_H_
