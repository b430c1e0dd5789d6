#include "step_histograms.h"

namespace duckweed::diffusion::internal {

// Layout: width, target count, steps, the targets, running, ended, running and ended prevalence,
// then per target its length and its counts.
std::vector<uint64_t> StepHistograms::ToWords() const {
  std::vector<uint64_t> w = {width_, targets_.size(), steps()};
  w.insert(w.end(), targets_.begin(), targets_.end());
  w.insert(w.end(), running_.begin(), running_.end());
  w.insert(w.end(), ended_.begin(), ended_.end());
  w.insert(w.end(), running_prevalence_.begin(), running_prevalence_.end());
  w.insert(w.end(), ended_prevalence_.begin(), ended_prevalence_.end());
  for (const auto& r : reach_) {
    w.push_back(r.size());
    w.insert(w.end(), r.begin(), r.end());
  }
  return w;
}

core::Result<StepHistograms> StepHistograms::FromWords(const std::vector<uint64_t>& w) {
  const auto bad = [] { return core::Status::Internal("malformed step histograms in a partial"); };
  if (w.size() < 3 || w[0] == 0) return bad();
  const uint64_t width = w[0], targets = w[1], steps = w[2];
  if (targets > w.size() || steps > w.size() / width) return bad();
  const uint64_t fixed = 3 + targets + 2 * steps * width + 2 * steps;
  if (fixed > w.size()) return bad();
  StepHistograms h(static_cast<uint32_t>(width - 1),
                   std::vector<uint64_t>(w.begin() + 3, w.begin() + 3 + targets));
  h.Grow(steps);
  size_t at = 3 + targets;
  for (uint64_t i = 0; i < steps * width; ++i) h.running_[i] = static_cast<uint32_t>(w[at++]);
  for (uint64_t i = 0; i < steps * width; ++i) h.ended_[i] = static_cast<uint32_t>(w[at++]);
  for (uint64_t t = 0; t < steps; ++t) h.running_prevalence_[t] = w[at++];
  for (uint64_t t = 0; t < steps; ++t) h.ended_prevalence_[t] = w[at++];
  for (auto& r : h.reach_) {
    if (at >= w.size() || w[at] > w.size() - at - 1) return bad();
    const uint64_t len = w[at++];
    r.assign(w.begin() + at, w.begin() + at + len);
    at += len;
  }
  if (at != w.size()) return bad();
  return h;
}

}  // namespace duckweed::diffusion::internal
