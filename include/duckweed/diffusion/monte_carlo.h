// Monte Carlo of a diffusion model: R independent replicas from the same seeds, summarised.
//
// Reproducibility: replica r draws only from core::Rng::ForStream(seed, r), and every summary is
// computed from per-replica integers in replica order, so the result is bit-identical for any
// execution policy and any number of threads (tested: sequential vs 1, 2, 4 threads).
//
// Thread safety: RunMonteCarlo only reads its inputs; concurrent calls are fine.
#ifndef DUCKWEED_DIFFUSION_MONTE_CARLO_H_
#define DUCKWEED_DIFFUSION_MONTE_CARLO_H_

#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/heterogeneity.h"
#include "duckweed/diffusion/model.h"
#include "duckweed/network/graph.h"

namespace duckweed::diffusion {

// Execution policies: the same replica body runs under either (STYLE.md practice 4).
struct Sequential {};
struct Parallel {
  int threads = 0;  // 0: OpenMP's default (OMP_NUM_THREADS or the core count)
};
using ExecutionPolicy = std::variant<Sequential, Parallel>;

struct MonteCarloOptions {
  uint64_t replicas = 1000;
  uint64_t seed = 1;
  ExecutionPolicy policy = Parallel{};
  bool per_node = true;  // per-node adoption probability and mean time (costs 12 bytes/node/thread)
  std::vector<double> reach_fractions = {0.1, 0.5, 0.9};  // "time to reach X% of the nodes"
};

// One step of the mean curve. A replica that stopped before `step` counts with its final state.
struct StepSummary {
  uint32_t step = 0;
  double mean_adopted = 0;     // nodes adopted at or before `step`
  double low_adopted = 0;      // 2.5% quantile over replicas (type-1 empirical quantile)
  double high_adopted = 0;     // 97.5% quantile
  double mean_prevalence = 0;  // nodes infected at `step` (equals adopted for progressive models)
};

struct FinalSizeSummary {
  double mean = 0;
  double stderr_mean = 0;  // sample standard deviation / sqrt(R)
  double sd = 0;
  double min = 0, q05 = 0, q25 = 0, median = 0, q75 = 0, q95 = 0, max = 0;
};

struct ReachSummary {
  double fraction = 0;  // of node_count
  uint64_t target = 0;  // ceil(fraction * node_count) nodes
  uint64_t replicas_reached = 0;
  double mean_step = 0;  // over the replicas that reached it (NaN when none did)
  double median_step = 0;
};

struct MonteCarloResult {
  uint64_t replicas = 0;
  uint64_t seed = 0;
  uint32_t node_count = 0;
  std::vector<network::NodeId> seeds;  // as used: de-duplicated, input order
  std::vector<StepSummary> curve;      // steps 0..longest replica
  FinalSizeSummary final_size;
  std::vector<uint32_t> final_sizes;  // per replica, in replica order
  std::vector<uint32_t> durations;    // per replica: the last step at which anything changed
  std::vector<ReachSummary> reach;
  // Per node (empty unless options.per_node): fraction of replicas in which the node adopted, and
  // its mean adoption step over those replicas (NaN when it never adopted).
  std::vector<double> adoption_probability;
  std::vector<double> mean_adoption_step;
  int threads_used = 1;
  double seconds = 0;  // wall time of the replicas (excludes summarising)
};

// Runs options.replicas replicas of `spec` on `graph` from `seeds` (duplicates ignored).
// Errors (InvalidInput): a model parameter out of range, a seed >= node_count, factors of the
// wrong size or out of range, zero replicas, no seeds for a model that needs them (all but Bass).
// Memory: O(R * duration) for the curves, plus O(n) per thread. Time: R times one replica.
core::Result<MonteCarloResult> RunMonteCarlo(const network::Graph& graph, const ModelSpec& spec,
                                             std::span<const network::NodeId> seeds,
                                             const NodeFactors& factors,
                                             const MonteCarloOptions& options);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_MONTE_CARLO_H_
