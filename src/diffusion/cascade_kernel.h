// Internal: one replica of the independent cascade (model.h, kIndependentCascade) and of the
// linear threshold model. Both are "push" processes over the frontier of nodes adopted at the
// previous step. Scratch arrays are reused across replicas; a node is "seen in this replica" when
// its stamp equals the replica's epoch, so nothing is cleared between replicas.
#ifndef DUCKWEED_SRC_DIFFUSION_CASCADE_KERNEL_H_
#define DUCKWEED_SRC_DIFFUSION_CASCADE_KERNEL_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "plan.h"

namespace duckweed::diffusion::internal {

class EpochStamps {
 public:
  explicit EpochStamps(size_t n) : stamp_(n, 0) {}
  void NextEpoch() {
    if (++epoch_ == 0) {  // wrapped: forget everything once every 2^32 replicas
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
  }
  bool Seen(network::NodeId v) const { return stamp_[v] == epoch_; }
  void Mark(network::NodeId v) { stamp_[v] = epoch_; }

 private:
  std::vector<uint32_t> stamp_;
  uint32_t epoch_ = 0;
};

struct CascadeScratch {
  explicit CascadeScratch(size_t n) : active(n), touched(n), threshold(n), weight_sum(n) {}
  EpochStamps active;
  EpochStamps touched;  // threshold model: theta and weight_sum are valid this replica
  std::vector<double> threshold;
  std::vector<double> weight_sum;
  std::vector<network::NodeId> frontier;
  std::vector<network::NodeId> next;
};

// Seeds adopt at step 0; returns the number adopted.
template <class Observer>
uint32_t PlantSeeds(const Plan& plan, EpochStamps& active, std::vector<network::NodeId>& frontier,
                    Observer& obs) {
  frontier.clear();
  for (network::NodeId s : plan.seeds) {
    active.Mark(s);
    frontier.push_back(s);
    obs.Adopt(s, 0);
  }
  const auto adopted = static_cast<uint32_t>(frontier.size());
  obs.Step(0, adopted, adopted);
  return adopted;
}

// The per-step push rule of the two models: Decide(u, arc, v) says whether v adopts at t+1.
template <class Decide, class Observer>
void RunFrontier(const Plan& plan, CascadeScratch& s, Decide&& decide, Observer& obs) {
  const auto offsets = plan.graph->offsets();
  const auto targets = plan.graph->targets();
  uint32_t adopted = PlantSeeds(plan, s.active, s.frontier, obs);
  for (uint32_t t = 0; t < plan.spec.max_steps && !s.frontier.empty(); ++t) {
    s.next.clear();
    for (network::NodeId u : s.frontier) {
      for (network::ArcIndex a = offsets[u]; a < offsets[u + 1]; ++a) {
        const network::NodeId v = targets[a];
        if (s.active.Seen(v) || !decide(a, v)) continue;
        s.active.Mark(v);
        s.next.push_back(v);
        obs.Adopt(v, t + 1);
      }
    }
    if (s.next.empty()) break;
    adopted += static_cast<uint32_t>(s.next.size());
    obs.Step(t + 1, adopted, adopted);
    s.frontier.swap(s.next);
  }
}

template <class Observer>
void RunCascadeReplica(const Plan& plan, core::Rng& rng, CascadeScratch& s, Observer& obs) {
  s.active.NextEpoch();
  Draws32 draws(rng);
  const uint32_t* threshold = plan.arc_threshold.data();
  RunFrontier(
      plan, s,
      [&](network::ArcIndex a, network::NodeId) { return Passes(draws.Next(), threshold[a]); },
      obs);
}

// Thresholds are drawn lazily, on a node's first exposure: the same law as drawing all of them
// up front, at a cost proportional to the nodes reached.
template <class Observer>
void RunThresholdReplica(const Plan& plan, core::Rng& rng, CascadeScratch& s, Observer& obs) {
  s.active.NextEpoch();
  s.touched.NextEpoch();
  const double* weight = plan.arc_weight.data();
  RunFrontier(
      plan, s,
      [&](network::ArcIndex a, network::NodeId v) {
        if (!s.touched.Seen(v)) {
          s.touched.Mark(v);
          s.threshold[v] = 1.0 - rng.Uniform();  // uniform in (0,1]
          s.weight_sum[v] = 0.0;
        }
        s.weight_sum[v] += weight[a];
        return s.weight_sum[v] >= s.threshold[v];
      },
      obs);
}

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_CASCADE_KERNEL_H_
