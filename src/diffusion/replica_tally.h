// Internal: what one worker (thread) records while running replicas. Every quantity is an
// integer, so merging workers in any order gives the same totals: this is what makes results
// independent of the thread count.
#ifndef DUCKWEED_SRC_DIFFUSION_REPLICA_TALLY_H_
#define DUCKWEED_SRC_DIFFUSION_REPLICA_TALLY_H_

#include <cstdint>
#include <vector>

#include "duckweed/network/graph.h"
#include "step_histograms.h"

namespace duckweed::diffusion::internal {

// The curve of one replica: entry t is the state after step t (0 = seeds only).
struct ReplicaCurve {
  std::vector<uint32_t> adopted;
  std::vector<uint32_t> prevalence;
};

// Thrown by ReplicaTally::Step when a replica reaches its step limit (the memory budget), and
// caught by the replica body on the same thread (never out of the parallel region).
struct StepLimitReached {
  uint64_t steps;
};

// Records each replica's curve (TakeCurve), or, when built with `histograms`, adds it to them.
// `max_steps` bounds the steps one replica may record (what this worker's share of the memory
// budget holds); past it Step throws StepLimitReached.
class ReplicaTally {
 public:
  ReplicaTally(size_t node_count, bool per_node, StepHistograms histograms = {},
               bool use_histograms = false, uint64_t max_steps = UINT64_MAX)
      : adoptions_(per_node ? node_count : 0, 0),
        time_sums_(per_node ? node_count : 0, 0),
        histograms_(std::move(histograms)),
        use_histograms_(use_histograms),
        max_steps_(max_steps) {}

  // Observer interface used by the kernels.
  void Adopt(network::NodeId v, uint32_t step) {
    if (adoptions_.empty()) return;
    ++adoptions_[v];
    time_sums_[v] += step;
  }
  void Step(uint32_t step, uint32_t adopted, uint32_t prevalence) {
    if (step >= max_steps_) throw StepLimitReached{uint64_t{step} + 1};
    if (use_histograms_) {
      histograms_.Step(step, adopted, prevalence);
      return;
    }
    curve_.adopted.push_back(adopted);
    curve_.prevalence.push_back(prevalence);
  }

  // After each replica with histograms: its last Step was its final state.
  void EndReplica() { histograms_.EndReplica(); }
  const StepHistograms& histograms() const { return histograms_; }

  // Hands over the curve recorded since the last call and starts a new one.
  ReplicaCurve TakeCurve() {
    ReplicaCurve out = std::move(curve_);
    curve_ = ReplicaCurve{};
    return out;
  }

  // Adds this worker's per-node totals into the given arrays (sized node_count or empty).
  void MergeInto(std::vector<uint64_t>& adoptions, std::vector<uint64_t>& time_sums) const {
    for (size_t v = 0; v < adoptions_.size(); ++v) {
      adoptions[v] += adoptions_[v];
      time_sums[v] += time_sums_[v];
    }
  }

 private:
  std::vector<uint32_t> adoptions_;
  std::vector<uint64_t> time_sums_;
  ReplicaCurve curve_;
  StepHistograms histograms_;
  bool use_histograms_;
  uint64_t max_steps_;
};

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_REPLICA_TALLY_H_
