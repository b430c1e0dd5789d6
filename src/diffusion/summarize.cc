#include "summarize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

namespace duckweed::diffusion::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One replica's curve inside the concatenated arrays.
struct CurveView {
  std::span<const uint32_t> adopted;
  std::span<const uint32_t> prevalence;
};

std::vector<CurveView> Views(const MonteCarloPartial& all) {
  std::vector<CurveView> views(all.curve_lengths.size());
  size_t at = 0;
  for (size_t r = 0; r < views.size(); ++r) {
    const size_t len = all.curve_lengths[r];
    views[r] = {std::span(all.adopted).subspan(at, len),
                std::span(all.prevalence).subspan(at, len)};
    at += len;
  }
  return views;
}

uint32_t ValueAt(std::span<const uint32_t> curve, size_t step) {
  return curve[std::min(step, curve.size() - 1)];
}

double Mean(const std::vector<uint32_t>& values) {
  uint64_t sum = 0;
  for (uint32_t v : values) sum += v;
  return values.empty() ? kNaN : static_cast<double>(sum) / values.size();
}

FinalSizeSummary SummarizeFinal(const std::vector<uint32_t>& sizes) {
  FinalSizeSummary s;
  s.mean = Mean(sizes);
  double squares = 0;
  for (uint32_t v : sizes) squares += (v - s.mean) * (v - s.mean);
  s.sd = sizes.size() > 1 ? std::sqrt(squares / (sizes.size() - 1)) : 0.0;
  s.stderr_mean = s.sd / std::sqrt(static_cast<double>(sizes.size()));
  std::vector<uint32_t> sorted = sizes;
  std::sort(sorted.begin(), sorted.end());
  s.min = sorted.front();
  s.max = sorted.back();
  s.q05 = SortedQuantile(sorted, 0.05);
  s.q25 = SortedQuantile(sorted, 0.25);
  s.median = SortedQuantile(sorted, 0.5);
  s.q75 = SortedQuantile(sorted, 0.75);
  s.q95 = SortedQuantile(sorted, 0.95);
  return s;
}

ReachSummary SummarizeReach(const std::vector<CurveView>& curves, double fraction,
                            uint32_t node_count) {
  ReachSummary r;
  r.fraction = fraction;
  r.target = static_cast<uint64_t>(std::ceil(fraction * node_count - 1e-9));
  std::vector<uint32_t> steps;
  for (const CurveView& c : curves) {
    // Adopted counts never decrease, so the first step at or above the target is a binary search.
    auto it = std::lower_bound(c.adopted.begin(), c.adopted.end(), r.target);
    if (it != c.adopted.end()) steps.push_back(static_cast<uint32_t>(it - c.adopted.begin()));
  }
  r.replicas_reached = steps.size();
  r.mean_step = Mean(steps);
  std::sort(steps.begin(), steps.end());
  r.median_step = steps.empty() ? kNaN : SortedQuantile(steps, 0.5);
  return r;
}

}  // namespace

double SortedQuantile(const std::vector<uint32_t>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  size_t rank = static_cast<size_t>(std::ceil(p * n - 1e-9));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

void SummarizeCurves(const MonteCarloPartial& all, const std::vector<double>& reach_fractions,
                     MonteCarloResult& result) {
  const std::vector<CurveView> curves = Views(all);
  const size_t replicas = curves.size();
  result.final_sizes.resize(replicas);
  result.durations.resize(replicas);
  size_t longest = 0;
  for (size_t r = 0; r < replicas; ++r) {
    result.final_sizes[r] = curves[r].adopted.back();
    result.durations[r] = static_cast<uint32_t>(curves[r].adopted.size() - 1);
    longest = std::max(longest, curves[r].adopted.size());
  }
  result.final_size = SummarizeFinal(result.final_sizes);
  result.curve.resize(longest);
  std::vector<uint32_t> column(replicas);
  for (size_t t = 0; t < longest; ++t) {
    StepSummary& s = result.curve[t];
    s.step = static_cast<uint32_t>(t);
    uint64_t prevalence = 0;
    for (size_t r = 0; r < replicas; ++r) {
      column[r] = ValueAt(curves[r].adopted, t);
      prevalence += ValueAt(curves[r].prevalence, t);
    }
    s.mean_prevalence = static_cast<double>(prevalence) / replicas;
    s.mean_adopted = Mean(column);
    std::sort(column.begin(), column.end());
    s.low_adopted = SortedQuantile(column, 0.025);
    s.high_adopted = SortedQuantile(column, 0.975);
  }
  result.reach.clear();
  for (double f : reach_fractions) {
    result.reach.push_back(SummarizeReach(curves, f, result.node_count));
  }
}

void SummarizeNodes(const std::vector<uint64_t>& adoptions, const std::vector<uint64_t>& time_sums,
                    MonteCarloResult& result) {
  result.adoption_probability.resize(adoptions.size());
  result.mean_adoption_step.resize(adoptions.size());
  for (size_t v = 0; v < adoptions.size(); ++v) {
    result.adoption_probability[v] = static_cast<double>(adoptions[v]) / result.replicas;
    result.mean_adoption_step[v] =
        adoptions[v] == 0 ? kNaN : static_cast<double>(time_sums[v]) / adoptions[v];
  }
}

}  // namespace duckweed::diffusion::internal
