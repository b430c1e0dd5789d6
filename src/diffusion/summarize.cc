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

// The type-1 quantile of values given as counts per value (index = value), `total` of them.
double CountedQuantile(const uint64_t* counts, size_t size, uint64_t total, double p) {
  uint64_t rank = static_cast<uint64_t>(std::ceil(p * static_cast<double>(total) - 1e-9));
  rank = std::clamp<uint64_t>(rank, 1, total);
  uint64_t seen = 0;
  for (size_t v = 0; v < size; ++v) {
    seen += counts[v];
    if (seen >= rank) return static_cast<double>(v);
  }
  return kNaN;
}

// From the counts of replicas per final size. The variance is computed from exact integer sums,
// (R sum v^2 - (sum v)^2) / (R (R - 1)), so it does not depend on the order of the replicas.
FinalSizeSummary SummarizeFinal(const std::vector<uint64_t>& counts) {
  FinalSizeSummary s;
  uint64_t replicas = 0, sum = 0;
  unsigned __int128 squares = 0;
  for (size_t v = 0; v < counts.size(); ++v) {
    replicas += counts[v];
    sum += counts[v] * v;
    squares += static_cast<unsigned __int128>(counts[v]) * v * v;
  }
  s.mean = static_cast<double>(sum) / static_cast<double>(replicas);
  const unsigned __int128 r = replicas;
  const unsigned __int128 numerator = r * squares - static_cast<unsigned __int128>(sum) * sum;
  s.sd = replicas > 1 ? std::sqrt(static_cast<double>(numerator) /
                                  (static_cast<double>(replicas) * (replicas - 1.0)))
                      : 0.0;
  s.stderr_mean = s.sd / std::sqrt(static_cast<double>(replicas));
  const auto q = [&](double p) {
    return CountedQuantile(counts.data(), counts.size(), replicas, p);
  };
  s.min = q(0);
  s.max = q(1);
  s.q05 = q(0.05);
  s.q25 = q(0.25);
  s.median = q(0.5);
  s.q75 = q(0.75);
  s.q95 = q(0.95);
  return s;
}

ReachSummary SummarizeReach(const std::vector<CurveView>& curves, double fraction,
                            uint32_t node_count) {
  ReachSummary r;
  r.fraction = fraction;
  r.target = ReachTarget(fraction, node_count);
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

uint64_t ReachTarget(double fraction, uint32_t node_count) {
  return static_cast<uint64_t>(std::ceil(fraction * node_count - 1e-9));
}

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
  size_t longest = 0;
  for (const CurveView& c : curves) longest = std::max(longest, c.adopted.size());
  result.final_size_counts.assign(size_t{result.node_count} + 1, 0);
  result.duration_counts.assign(longest, 0);
  for (const CurveView& c : curves) {
    ++result.final_size_counts[c.adopted.back()];
    ++result.duration_counts[c.adopted.size() - 1];
  }
  result.final_size = SummarizeFinal(result.final_size_counts);
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

void SummarizeHistograms(const StepHistograms& h, const std::vector<double>& reach_fractions,
                         MonteCarloResult& result) {
  const uint64_t width = h.width();
  const uint64_t replicas = result.replicas;
  std::vector<uint64_t> column(width, 0), ended(width, 0);  // ended: finished before step t
  uint64_t ended_prevalence = 0;
  result.curve.resize(h.steps());
  result.duration_counts.assign(h.steps(), 0);
  for (uint64_t t = 0; t < h.steps(); ++t) {
    StepSummary& s = result.curve[t];
    s.step = static_cast<uint32_t>(t);
    uint64_t sum = 0;
    for (uint64_t v = 0; v < width; ++v) {
      column[v] = h.running(t)[v] + ended[v];
      sum += column[v] * v;
    }
    s.mean_adopted = static_cast<double>(sum) / static_cast<double>(replicas);
    s.low_adopted = CountedQuantile(column.data(), width, replicas, 0.025);
    s.high_adopted = CountedQuantile(column.data(), width, replicas, 0.975);
    s.mean_prevalence = static_cast<double>(h.running_prevalence(t) + ended_prevalence) /
                        static_cast<double>(replicas);
    for (uint64_t v = 0; v < width; ++v) {
      ended[v] += h.ended(t)[v];
      result.duration_counts[t] += h.ended(t)[v];
    }
    ended_prevalence += h.ended_prevalence(t);
  }
  result.final_size_counts = ended;
  result.final_size = SummarizeFinal(result.final_size_counts);
  result.reach.clear();
  for (size_t i = 0; i < reach_fractions.size(); ++i) {
    ReachSummary r;
    r.fraction = reach_fractions[i];
    r.target = ReachTarget(r.fraction, result.node_count);
    const std::vector<uint64_t>& steps = h.reach()[i];
    uint64_t sum = 0;
    for (size_t t = 0; t < steps.size(); ++t) {
      r.replicas_reached += steps[t];
      sum += steps[t] * t;
    }
    r.mean_step = r.replicas_reached == 0
                      ? kNaN
                      : static_cast<double>(sum) / static_cast<double>(r.replicas_reached);
    r.median_step = r.replicas_reached == 0
                        ? kNaN
                        : CountedQuantile(steps.data(), steps.size(), r.replicas_reached, 0.5);
    result.reach.push_back(r);
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
