// Internal: a Monte Carlo run's summaries kept as integer histograms instead of every replica's
// curve, so memory grows with steps x nodes, not with the number of replicas (issue 10: 10^8
// replicas on a 34-node graph ended in std::bad_alloc inside the OpenMP loop).
//
// Per step t, `running` counts the replicas still running at t (t <= their duration) by their
// adopted count, `ended` the replicas whose last step is t by their final adopted count; the
// column of step t over all replicas (a finished replica counts with its final state) is
// running[t] + sum over d < t of ended[d]. Prevalence is kept as the same two kinds of sums, and
// per reach target the replicas that first reach it at each step. Every quantity is an integer,
// so histograms add up exactly in any order (threads, processes): the summaries are the ones the
// per-replica curves give, bit for bit (tested).
#ifndef DUCKWEED_SRC_DIFFUSION_STEP_HISTOGRAMS_H_
#define DUCKWEED_SRC_DIFFUSION_STEP_HISTOGRAMS_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "duckweed/core/result.h"

namespace duckweed::diffusion::internal {

class StepHistograms {
 public:
  StepHistograms() = default;
  StepHistograms(uint32_t node_count, std::vector<uint64_t> reach_targets)
      : width_(uint64_t{node_count} + 1),
        targets_(std::move(reach_targets)),
        reach_(targets_.size()),
        reached_(targets_.size(), false) {}

  // Bytes held for `steps` steps by one StepHistograms (the two histograms dominate).
  static double BytesFor(uint32_t node_count, double steps) {
    return steps * (2.0 * 4 * (node_count + 1.0) + 16);
  }
  double bytes() const { return BytesFor(static_cast<uint32_t>(width_ - 1), steps()); }

  // Observer interface (as ReplicaTally): step t of the current replica, t = 0, 1, ...
  void Step(uint32_t step, uint32_t adopted, uint32_t prevalence) {
    if (step == 0) std::fill(reached_.begin(), reached_.end(), false);
    Grow(step + uint64_t{1});
    ++running_[step * width_ + adopted];
    running_prevalence_[step] += prevalence;
    for (size_t i = 0; i < targets_.size(); ++i) {
      if (reached_[i] || adopted < targets_[i]) continue;
      reached_[i] = true;
      if (reach_[i].size() <= step) reach_[i].resize(step + 1, 0);
      ++reach_[i][step];
    }
    last_ = {step, adopted, prevalence};
  }
  // The current replica's last Step was its final state.
  void EndReplica() {
    ++ended_[last_.step * width_ + last_.adopted];
    ended_prevalence_[last_.step] += last_.prevalence;
  }

  // Adds another tally of the same node count and reach targets.
  void Add(const StepHistograms& other) {
    Grow(other.steps());
    for (size_t i = 0; i < other.running_.size(); ++i) {
      running_[i] += other.running_[i];
      ended_[i] += other.ended_[i];
    }
    for (size_t t = 0; t < other.steps(); ++t) {
      running_prevalence_[t] += other.running_prevalence_[t];
      ended_prevalence_[t] += other.ended_prevalence_[t];
    }
    for (size_t i = 0; i < reach_.size() && i < other.reach_.size(); ++i) {
      if (reach_[i].size() < other.reach_[i].size()) reach_[i].resize(other.reach_[i].size(), 0);
      for (size_t t = 0; t < other.reach_[i].size(); ++t) reach_[i][t] += other.reach_[i][t];
    }
  }

  uint64_t steps() const { return running_prevalence_.size(); }
  uint64_t width() const { return width_; }  // node_count + 1
  const uint32_t* running(uint64_t t) const { return &running_[t * width_]; }
  const uint32_t* ended(uint64_t t) const { return &ended_[t * width_]; }
  uint64_t running_prevalence(uint64_t t) const { return running_prevalence_[t]; }
  uint64_t ended_prevalence(uint64_t t) const { return ended_prevalence_[t]; }
  // Per reach target (in the order given): replicas that first reach it at each step.
  const std::vector<std::vector<uint64_t>>& reach() const { return reach_; }

  // A flat form for sending between processes, and back.
  std::vector<uint64_t> ToWords() const;
  static core::Result<StepHistograms> FromWords(const std::vector<uint64_t>& words);

 private:
  void Grow(uint64_t steps) {
    if (steps <= this->steps()) return;
    running_.resize(steps * width_, 0);
    ended_.resize(steps * width_, 0);
    running_prevalence_.resize(steps, 0);
    ended_prevalence_.resize(steps, 0);
  }

  struct Last {
    uint32_t step = 0, adopted = 0, prevalence = 0;
  };

  uint64_t width_ = 1;
  std::vector<uint64_t> targets_;
  std::vector<uint32_t> running_, ended_;  // step-major, width_ per step
  std::vector<uint64_t> running_prevalence_, ended_prevalence_;
  std::vector<std::vector<uint64_t>> reach_;
  std::vector<bool> reached_;  // of the current replica
  Last last_;
};

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_STEP_HISTOGRAMS_H_
