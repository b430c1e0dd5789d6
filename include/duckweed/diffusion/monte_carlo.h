// Monte Carlo of a diffusion model: R independent replicas from the same seeds, summarised.
//
// Reproducibility: replica r draws only from core::Rng::ForStream(seed, r), and every summary is
// computed from per-replica integers in replica order, so the result is bit-identical for any
// execution policy and any number of threads (tested: sequential vs 1, 2, 4 threads).
//
// Across processes: the replicas split into contiguous ranges [first, end), one per process
// (ReplicaRange); each process runs its range (RunMonteCarloReplicas) and returns a partial made
// of integers only (per-replica curves or per-step histograms, per-node counts); merging the
// partials in replica order (MergeMonteCarlo) gives exactly the result of one process running
// all replicas. RunMonteCarlo
// does all three when options.distributor is set; duckweed/diffusion/mpi_replicas.h provides a
// distributor over MPI (`mpirun -n 4 duckweed diffuse run ...`). This engine does not use MPI.
//
// Memory: a run keeps either every replica's curve (8 bytes per replica and step, plus about 120
// per replica) or, when that would be larger, per-step histograms of the adopted count (8 bytes
// per step, node and thread), which give the same summaries bit for bit (Summaries, below). What
// the chosen form needs at the least is estimated up front and the run refused above
// core::MemoryBudgetBytes() (InvalidInput with the figure); storage is also counted while
// running, and a run that outgrows the budget (a long SIS run) stops with the figure instead of
// exhausting memory. Nothing thrown escapes the parallel loop.
//
// Thread safety: RunMonteCarlo only reads its inputs; concurrent calls are fine (a distributor
// serialises its own collectives).
#ifndef DUCKWEED_DIFFUSION_MONTE_CARLO_H_
#define DUCKWEED_DIFFUSION_MONTE_CARLO_H_

#include <cstdint>
#include <span>
#include <utility>
#include <variant>
#include <vector>

#include "duckweed/core/progress.h"
#include "duckweed/core/result.h"
#include "duckweed/core/work_control.h"
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

class ReplicaDistributor;

// The most replicas one run accepts (counts are 32-bit in the histograms).
inline constexpr uint64_t kMaxReplicas = 100'000'000;

// How a run keeps what it summarises: kAuto picks whichever needs less memory (histograms when
// replicas x 240 > 1024 x (nodes + 1), i.e. when curves of 16 steps would outweigh 8 threads'
// histograms of 16 steps); the same for every process of a run, as it depends on the run only.
enum class Summaries { kAuto, kCurves, kHistograms };

struct MonteCarloOptions {
  uint64_t replicas = 1000;
  uint64_t seed = 1;
  ExecutionPolicy policy = Parallel{};
  bool per_node = true;  // per-node adoption probability and mean time (costs 12 bytes/node/thread)
  std::vector<double> reach_fractions = {0.1, 0.5, 0.9};  // "time to reach X% of the nodes"
  // Not owned; nullptr: this process runs every replica. Otherwise this process runs its
  // ReplicaRange and the distributor gathers every process's partial.
  ReplicaDistributor* distributor = nullptr;
  Summaries summaries = Summaries::kAuto;
  // Not owned; nullptr: none. Advanced once per replica this process runs (from any thread).
  core::Progress* progress = nullptr;
  // Not owned; nullptr: none. Advanced by one per replica run; once cancelled, the remaining
  // replicas are skipped and the run returns core::CancelledStatus() (work_control.h).
  core::WorkControl* control = nullptr;
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
  // Replicas by final size (index 0..node_count) and by duration (the last step at which
  // anything changed; index 0..longest).
  std::vector<uint64_t> final_size_counts;
  std::vector<uint64_t> duration_counts;
  std::vector<ReachSummary> reach;
  // Per node (empty unless options.per_node): fraction of replicas in which the node adopted, and
  // its mean adoption step over those replicas (NaN when it never adopted).
  std::vector<double> adoption_probability;
  std::vector<double> mean_adoption_step;
  int threads_used = 1;  // summed over processes
  int processes = 1;
  double seconds = 0;  // wall time of the replicas (excludes summarising; the slowest process)
};

// The replicas [first_replica, end_replica) of a run, as integers that merge exactly.
struct MonteCarloPartial {
  uint64_t first_replica = 0;
  uint64_t end_replica = 0;
  std::vector<uint32_t> curve_lengths;  // per replica: its duration + 1
  std::vector<uint32_t> adopted;        // the replicas' curves, concatenated in replica order
  std::vector<uint32_t> prevalence;     // same layout as `adopted`
  // Instead of the three above when the run keeps histograms: the words of the range's per-step
  // histograms (src/diffusion/step_histograms.h), which merge by addition.
  std::vector<uint64_t> histograms;
  // Per node, summed over the range (empty unless options.per_node, or when another partial
  // of the same merge already carries the totals of this one): replicas in which the node
  // adopted, and the sum of its adoption steps.
  std::vector<uint64_t> node_adoptions;
  std::vector<uint64_t> node_time_sums;
  int threads_used = 1;
  double seconds = 0;
};

// Gathers the partials of all processes (see mpi_replicas.h for the MPI one).
class ReplicaDistributor {
 public:
  virtual ~ReplicaDistributor() = default;
  virtual int rank() const = 0;  // this process, in [0, size())
  virtual int size() const = 0;  // number of processes
  // Collective: every process calls it with its own partial; each receives partials that merge
  // (MergeMonteCarlo) into the merge of all processes' partials, in rank order.
  virtual core::Result<std::vector<MonteCarloPartial>> Gather(MonteCarloPartial mine) = 0;
  // Collective: every process passes its words; each receives every process's words concatenated
  // in rank order (IMM shares its RR sets this way). The default, for distributors that do not
  // provide it, returns Internal.
  virtual core::Result<std::vector<uint32_t>> AllGatherWords(std::vector<uint32_t> mine);
};

// The contiguous share of process `rank` out of `size`: [R*rank/size, R*(rank+1)/size).
std::pair<uint64_t, uint64_t> ReplicaRange(uint64_t replicas, int rank, int size);

// Runs options.replicas replicas of `spec` on `graph` from `seeds` (duplicates ignored).
// Errors (InvalidInput): a model parameter out of range, a seed >= node_count, factors of the
// wrong size or out of range, replicas outside [1, kMaxReplicas], no seeds for a model that
// needs them (all but Bass).
// Errors also (InvalidInput): the run would need more memory than the budget (see above).
// Memory: the smaller of O(R * duration) for the curves and O(threads * duration * n) for the
// histograms, plus O(n) per thread. Time: R times one replica.
core::Result<MonteCarloResult> RunMonteCarlo(const network::Graph& graph, const ModelSpec& spec,
                                             std::span<const network::NodeId> seeds,
                                             const NodeFactors& factors,
                                             const MonteCarloOptions& options);

// Runs replicas [first, end) (0 <= first <= end <= options.replicas) with the streams of the full
// run; options.distributor is ignored. Errors: as RunMonteCarlo, and a bad range.
core::Result<MonteCarloPartial> RunMonteCarloReplicas(
    const network::Graph& graph, const ModelSpec& spec, std::span<const network::NodeId> seeds,
    const NodeFactors& factors, const MonteCarloOptions& options, uint64_t first, uint64_t end);

// Merges partials given in replica order that together cover [0, options.replicas) exactly.
// `seeds` and `node_count` as for the run. Errors (Internal): a gap, an overlap, a size mismatch.
core::Result<MonteCarloResult> MergeMonteCarlo(std::span<const MonteCarloPartial> parts,
                                               const MonteCarloOptions& options,
                                               std::span<const network::NodeId> seeds,
                                               uint32_t node_count);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_MONTE_CARLO_H_
