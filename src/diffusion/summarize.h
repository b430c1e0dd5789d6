// Internal: turns per-replica curves and per-node totals into the summaries of monte_carlo.h.
// Sequential and in replica order, so the numbers do not depend on how replicas were scheduled.
#ifndef DUCKWEED_SRC_DIFFUSION_SUMMARIZE_H_
#define DUCKWEED_SRC_DIFFUSION_SUMMARIZE_H_

#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "step_histograms.h"

namespace duckweed::diffusion::internal {

// Fills curve, final_size, final_size_counts, duration_counts and reach of `result` (replicas,
// node_count set) from the concatenated curves of all replicas, in replica order.
void SummarizeCurves(const MonteCarloPartial& curves, const std::vector<double>& reach_fractions,
                     MonteCarloResult& result);

// The same from the per-step histograms of all replicas (built with the targets of ReachTarget
// for `reach_fractions`, in order): equal to SummarizeCurves bit for bit.
void SummarizeHistograms(const StepHistograms& histograms,
                         const std::vector<double>& reach_fractions, MonteCarloResult& result);

// The adopted count that reaches `fraction` of the nodes: ceil(fraction * node_count).
uint64_t ReachTarget(double fraction, uint32_t node_count);

// Fills adoption_probability and mean_adoption_step from integer totals.
void SummarizeNodes(const std::vector<uint64_t>& adoptions, const std::vector<uint64_t>& time_sums,
                    MonteCarloResult& result);

// Type-1 empirical quantile (inverse of the empirical distribution function) of sorted values.
double SortedQuantile(const std::vector<uint32_t>& sorted, double p);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_SUMMARIZE_H_
