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
    for (network::NodeId v : plan_.seeds) Infect(v, 0, obs);
    s_.infected.assign(plan_.seeds.begin(), plan_.seeds.end());
    if constexpr (kSpontaneous) {
      for (network::NodeId v = 0; v < plan_.graph->node_count(); ++v) {
        if (plan_.Factor(v) > 0.0) s_.AddCandidate(v);
      }
    }
    obs.Step(0, adopted_, adopted_);
  }

  // Marks v infected, counts its first adoption, and raises m along its out-arcs.
  template <class Observer>
  void Infect(network::NodeId v, uint32_t t, Observer& obs) {
    s_.Touch(v);
    uint8_t& st = s_.cell[v].state;
    st = static_cast<uint8_t>((st & ~(CountScratch::kCandidate | CountScratch::kRemoved)) |
                              CountScratch::kInfected);
    if (!(st & CountScratch::kEver)) {
      st |= CountScratch::kEver;
      ++adopted_;
      obs.Adopt(v, t);
    }
    // Touch + AddCandidate in one read of the state byte: this loop is most of SI's time.
    constexpr uint8_t kBlocked =
        CountScratch::kCandidate | CountScratch::kInfected | CountScratch::kRemoved;
    CountScratch::Cell* cell = s_.cell.data();
    for (network::NodeId w : plan_.graph->OutNeighbors(v)) {
      ++cell[w].count;
      const uint8_t sw = cell[w].state;
      if (sw & kBlocked) continue;
      if (!(sw & CountScratch::kTouched)) s_.touched.push_back(w);
      cell[w].state = sw | CountScratch::kCandidate | CountScratch::kTouched;
      s_.candidates.push_back(w);
    }
  }

  void Recover(network::NodeId v) {
    constexpr bool immune = kKind == ModelKind::kSir;
    s_.cell[v].state = static_cast<uint8_t>((s_.cell[v].state & ~CountScratch::kInfected) |
                                            (immune ? CountScratch::kRemoved : 0));
    for (network::NodeId w : plan_.graph->OutNeighbors(v)) --s_.cell[w].count;
    if (!immune && s_.cell[v].count > 0) s_.AddCandidate(v);
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
    size_t kept = 0;  // survivors are compacted in place, in order
    for (size_t i = 0; i < candidates.size(); ++i) {
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
    for (network::NodeId v : s_.recovered) Recover(v);
    for (network::NodeId v : s_.newly) Infect(v, t, obs);
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
