#include "duckweed/diffusion/monte_carlo.h"

#include <fmt/format.h>
#include <omp.h>

#include <atomic>
#include <chrono>
#include <new>

#include "cascade_kernel.h"
#include "count_kernel.h"
#include "duckweed/core/memory.h"
#include "plan.h"
#include "replica_loop.h"
#include "replica_tally.h"
#include "summarize.h"

namespace duckweed::diffusion {
namespace {

using internal::ReplicaCurve;
using internal::ReplicaTally;

core::Result<std::vector<network::NodeId>> CheckSeeds(std::span<const network::NodeId> seeds,
                                                      network::NodeId n, ModelKind kind) {
  std::vector<network::NodeId> unique;
  std::vector<bool> seen(n, false);
  for (network::NodeId s : seeds) {
    if (s >= n) {
      return core::Status::InvalidInput(
          fmt::format("seed {} is not a node of the graph (node ids are 0..{})", s,
                      static_cast<int64_t>(n) - 1),
          core::Location{.field = "seeds"});
    }
    if (!seen[s]) unique.push_back(s);
    seen[s] = true;
  }
  if (unique.empty() && kind != ModelKind::kBass) {
    return core::Status::InvalidInput("no seeds: this model needs at least one seed node",
                                      core::Location{.field = "seeds"});
  }
  return unique;
}

// Bytes a run keeps for its replicas' curves: about 120 per replica (the curve objects and their
// smallest allocations) and 8 per replica and step (adopted and prevalence), twice over while the
// curves are concatenated.
double CurveBytes(double replicas, double steps) { return replicas * (120 + 16 * steps); }

bool UseHistograms(const MonteCarloOptions& options, uint32_t node_count) {
  if (options.summaries != Summaries::kAuto) return options.summaries == Summaries::kHistograms;
  return static_cast<double>(options.replicas) * 240 > 1024.0 * (node_count + 1.0);
}

int ThreadCount(const ExecutionPolicy& policy) {
  if (std::holds_alternative<Sequential>(policy)) return 1;
  const int requested = std::get<Parallel>(policy).threads;
  return requested > 0 ? requested : omp_get_max_threads();
}

std::vector<uint64_t> ReachTargets(const MonteCarloOptions& options, uint32_t node_count) {
  std::vector<uint64_t> targets;
  for (double f : options.reach_fractions) targets.push_back(internal::ReachTarget(f, node_count));
  return targets;
}

// Why a run stopped early: storage past the budget, or an allocation that failed anyway.
struct Overflow {
  std::atomic<bool> stop{false};
  std::atomic<bool> bad_alloc{false};
  std::atomic<uint64_t> curve_bytes{0};
  std::atomic<uint64_t> longest{0};  // steps of the longest replica seen, finished or not

  void SawSteps(uint64_t steps) {
    uint64_t seen = longest.load();
    while (steps > seen && !longest.compare_exchange_weak(seen, steps)) {
    }
  }
};

// The error of a run stopped because its storage reached the budget (or an allocation failed).
core::Status OverflowError(const Overflow& o, bool histograms, uint64_t replicas, int threads,
                           uint32_t node_count, uint32_t max_steps) {
  const auto steps = static_cast<double>(std::max<uint64_t>(1, o.longest.load()));
  const double held = histograms ? threads * internal::StepHistograms::BytesFor(node_count, steps)
                                 : static_cast<double>(o.curve_bytes.load()) + 16 * threads * steps;
  const std::string what =
      histograms ? fmt::format(
                       "its per-step histograms ({} threads x {:.0f} steps so far x {} "
                       "nodes)",
                       threads, steps, node_count)
                 : fmt::format("its curves ({} replicas, the longest {:.0f} steps so far)",
                               replicas, steps);
  return core::Status::InvalidInput(fmt::format(
      "this run {}: {} held about {}, and this process can use {} (--max-steps {}); use fewer "
      "replicas, a smaller --max-steps or fewer threads",
      o.bad_alloc ? "ran out of memory" : "outgrew its memory budget", what,
      core::FormatBytes(held), core::FormatBytes(core::MemoryBudgetBytes()), max_steps));
}

// The one replica body, whatever the model's kernel and the execution policy: replicas
// [first, end) into a partial, keeping curves or histograms (UseHistograms). What must be held
// at the least is checked up front; while running, a replica may record at most the steps its
// worker's share of the memory budget holds (StepLimitReached), and finished curves are counted
// against the budget; past it (or if an allocation fails) every worker stops and the run is
// refused with the figure. Nothing is thrown out of the parallel loop.
template <class Scratch, class Kernel>
core::Result<MonteCarloPartial> RunWith(const internal::Plan& plan,
                                        const MonteCarloOptions& options, uint64_t first,
                                        uint64_t end, Kernel kernel) {
  const uint32_t n = plan.graph->node_count();
  const bool histograms = UseHistograms(options, n);
  const int threads = ThreadCount(options.policy);
  const double budget = core::MemoryBudgetBytes();
  const double least = histograms ? threads * internal::StepHistograms::BytesFor(n, 1)
                                  : CurveBytes(static_cast<double>(end - first), 1);
  DUCKWEED_RETURN_IF_ERROR(core::CheckMemory(
      least,
      histograms ? fmt::format("this run's per-step histograms ({} threads x {} nodes)", threads, n)
                 : fmt::format("the curves of {} replicas", end - first),
      "use fewer replicas or fewer threads"));
  // Steps one replica may record: its worker's share of the budget (curves: 16 bytes a step,
  // twice over while growing; histograms: BytesFor a step).
  const double per_step = histograms ? internal::StepHistograms::BytesFor(n, 1) : 32.0;
  const auto step_limit = static_cast<uint64_t>(std::max(1.0, budget / threads / per_step));
  struct Worker {
    Scratch scratch;
    ReplicaTally tally;
  };
  std::vector<ReplicaCurve> curves(histograms ? 0 : end - first);
  Overflow overflow;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Worker>> workers;
  try {
    workers = internal::ForEachReplica(
        options.policy, end - first,
        [&] {
          return Worker{Scratch(n), ReplicaTally(n, options.per_node,
                                                 histograms ? internal::StepHistograms(
                                                                  n, ReachTargets(options, n))
                                                            : internal::StepHistograms(),
                                                 histograms, step_limit)};
        },
        [&](Worker& w, uint64_t i) {
          if (overflow.stop.load(std::memory_order_relaxed)) return;
          if (options.control != nullptr && options.control->cancelled()) return;
          try {
            core::Rng rng = core::Rng::ForStream(options.seed, first + i);
            kernel(plan, rng, w.scratch, w.tally);
            if (options.progress != nullptr) options.progress->Advance();
            if (histograms) {
              w.tally.EndReplica();
              overflow.SawSteps(w.tally.histograms().steps());
              if (threads * w.tally.histograms().bytes() > budget) overflow.stop = true;
            } else {
              curves[i] = w.tally.TakeCurve();
              overflow.SawSteps(curves[i].adopted.size());
              const uint64_t added = 120 + 16 * curves[i].adopted.size();
              if (overflow.curve_bytes.fetch_add(added) + added > budget) overflow.stop = true;
            }
            if (options.control != nullptr) options.control->Advance();
          } catch (const internal::StepLimitReached& e) {
            overflow.SawSteps(e.steps);
            overflow.stop = true;
          } catch (const std::bad_alloc&) {
            overflow.bad_alloc = true;
            overflow.stop = true;
          }
        });
  } catch (const std::bad_alloc&) {  // a worker's scratch state could not be allocated
    overflow.bad_alloc = true;
    overflow.stop = true;
  }
  if (options.control != nullptr && options.control->cancelled()) return core::CancelledStatus();
  if (overflow.stop) {
    return OverflowError(overflow, histograms, end - first, threads, n, plan.spec.max_steps);
  }
  MonteCarloPartial part;
  part.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  part.threads_used = static_cast<int>(workers.size());
  part.first_replica = first;
  part.end_replica = end;
  if (histograms) {
    internal::StepHistograms all(n, ReachTargets(options, n));
    for (const auto& w : workers) {
      if (w) all.Add(w->tally.histograms());
    }
    part.histograms = all.ToWords();
  } else {
    part.curve_lengths.reserve(curves.size());
    size_t total = 0;
    for (const ReplicaCurve& c : curves) total += c.adopted.size();
    part.adopted.reserve(total);
    part.prevalence.reserve(total);
    for (ReplicaCurve& c : curves) {
      part.curve_lengths.push_back(static_cast<uint32_t>(c.adopted.size()));
      part.adopted.insert(part.adopted.end(), c.adopted.begin(), c.adopted.end());
      part.prevalence.insert(part.prevalence.end(), c.prevalence.begin(), c.prevalence.end());
      c = ReplicaCurve{};
    }
  }
  if (options.per_node) {
    part.node_adoptions.assign(n, 0);
    part.node_time_sums.assign(n, 0);
    for (const auto& w : workers) {
      if (w) w->tally.MergeInto(part.node_adoptions, part.node_time_sums);
    }
  }
  return part;
}

core::Status CheckOptions(const MonteCarloOptions& options) {
  if (options.replicas < 1 || options.replicas > kMaxReplicas) {
    return core::Status::InvalidInput(
        fmt::format("expected between 1 and {} replicas, found {}", kMaxReplicas, options.replicas),
        core::Location{.field = "replicas"});
  }
  for (double f : options.reach_fractions) {
    if (!(f > 0.0 && f <= 1.0)) {
      return core::Status::InvalidInput(fmt::format("expected a fraction in (0,1], found {}", f),
                                        core::Location{.field = "reach_fractions"});
    }
  }
  return core::Status::Ok();
}

core::Status CheckParts(std::span<const MonteCarloPartial> parts, const MonteCarloOptions& options,
                        uint32_t node_count) {
  uint64_t next = 0;
  const bool histograms = !parts.empty() && !parts.front().histograms.empty();
  for (const MonteCarloPartial& p : parts) {
    if (histograms) {  // histograms: no curves, every partial of the run has some
      if (p.histograms.empty() || !p.curve_lengths.empty() || p.first_replica != next ||
          p.end_replica < p.first_replica) {
        return core::Status::Internal(fmt::format(
            "partial [{}, {}) does not continue at replica {} or mixes curves and histograms",
            p.first_replica, p.end_replica, next));
      }
      next = p.end_replica;
      continue;
    }
    uint64_t steps = 0;
    for (uint32_t len : p.curve_lengths) {
      if (len == 0) return core::Status::Internal("a partial holds an empty replica curve");
      steps += len;
    }
    const bool nodes_ok = (p.node_adoptions.empty() || p.node_adoptions.size() == node_count) &&
                          p.node_time_sums.size() == p.node_adoptions.size();
    if (p.first_replica != next || p.end_replica < p.first_replica ||
        p.curve_lengths.size() != p.end_replica - p.first_replica || p.adopted.size() != steps ||
        p.prevalence.size() != steps || !nodes_ok || !p.histograms.empty()) {
      return core::Status::Internal(
          fmt::format("partial [{}, {}) does not continue at replica {} or is inconsistent",
                      p.first_replica, p.end_replica, next));
    }
    next = p.end_replica;
  }
  if (next != options.replicas) {
    return core::Status::Internal(
        fmt::format("partials cover {} of {} replicas", next, options.replicas));
  }
  return core::Status::Ok();
}

// Validates everything and compiles the plan; `unique` receives the de-duplicated seeds.
core::Result<internal::Plan> Prepare(const network::Graph& graph, const ModelSpec& spec,
                                     std::span<const network::NodeId> seeds,
                                     const NodeFactors& factors, const MonteCarloOptions& options) {
  DUCKWEED_RETURN_IF_ERROR(ValidateModel(spec, graph.has_weights()));
  DUCKWEED_RETURN_IF_ERROR(ValidateFactors(factors, graph.node_count()));
  DUCKWEED_RETURN_IF_ERROR(CheckOptions(options));
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<network::NodeId> unique,
                            CheckSeeds(seeds, graph.node_count(), spec.kind));
  return internal::Compile(graph, spec, std::move(unique), factors.Combined(graph.node_count()));
}

core::Result<MonteCarloPartial> RunPlan(const internal::Plan& plan,
                                        const MonteCarloOptions& options, uint64_t first,
                                        uint64_t end) {
  switch (plan.spec.kind) {
    case ModelKind::kIndependentCascade:
      return RunWith<internal::CascadeScratch>(
          plan, options, first, end, [](auto&... a) { internal::RunCascadeReplica(a...); });
    case ModelKind::kLinearThreshold:
      return RunWith<internal::ThresholdScratch>(
          plan, options, first, end, [](auto&... a) { internal::RunThresholdReplica(a...); });
    default:
      return RunWith<internal::CountScratch>(plan, options, first, end,
                                             [](auto&... a) { internal::RunCountReplica(a...); });
  }
}

}  // namespace

std::pair<uint64_t, uint64_t> ReplicaRange(uint64_t replicas, int rank, int size) {
  // 128-bit products: replicas * rank cannot overflow.
  const auto at = [&](int k) {
    return static_cast<uint64_t>(static_cast<unsigned __int128>(replicas) * k / size);
  };
  return {at(rank), at(rank + 1)};
}

core::Result<MonteCarloPartial> RunMonteCarloReplicas(
    const network::Graph& graph, const ModelSpec& spec, std::span<const network::NodeId> seeds,
    const NodeFactors& factors, const MonteCarloOptions& options, uint64_t first, uint64_t end) {
  if (first > end || end > options.replicas) {
    return core::Status::InvalidInput(
        fmt::format("expected a replica range within [0, {}), found [{}, {})", options.replicas,
                    first, end),
        core::Location{.field = "replicas"});
  }
  DUCKWEED_ASSIGN_OR_RETURN(const internal::Plan plan,
                            Prepare(graph, spec, seeds, factors, options));
  return RunPlan(plan, options, first, end);
}

core::Result<MonteCarloResult> MergeMonteCarlo(std::span<const MonteCarloPartial> parts,
                                               const MonteCarloOptions& options,
                                               std::span<const network::NodeId> seeds,
                                               uint32_t node_count) {
  DUCKWEED_RETURN_IF_ERROR(CheckParts(parts, options, node_count));
  MonteCarloResult result;
  result.replicas = options.replicas;
  result.seed = options.seed;
  result.node_count = node_count;
  std::vector<bool> seen(node_count, false);
  for (network::NodeId s : seeds) {
    if (s < node_count && !seen[s]) result.seeds.push_back(s);
    if (s < node_count) seen[s] = true;
  }
  result.processes = static_cast<int>(parts.size());
  result.threads_used = 0;
  // A single partial is summarised in place; several are concatenated in replica order first.
  MonteCarloPartial joined;
  const MonteCarloPartial* all = parts.size() == 1 ? &parts[0] : &joined;
  for (const MonteCarloPartial& p : parts) {
    result.threads_used += p.threads_used;
    result.seconds = std::max(result.seconds, p.seconds);
    if (all != &joined) continue;
    joined.curve_lengths.insert(joined.curve_lengths.end(), p.curve_lengths.begin(),
                                p.curve_lengths.end());
    joined.adopted.insert(joined.adopted.end(), p.adopted.begin(), p.adopted.end());
    joined.prevalence.insert(joined.prevalence.end(), p.prevalence.begin(), p.prevalence.end());
  }
  if (parts.front().histograms.empty()) {
    internal::SummarizeCurves(*all, options.reach_fractions, result);
  } else {
    internal::StepHistograms sum(node_count, ReachTargets(options, node_count));
    for (const MonteCarloPartial& p : parts) {
      DUCKWEED_ASSIGN_OR_RETURN(internal::StepHistograms h,
                                internal::StepHistograms::FromWords(p.histograms));
      if (h.width() != sum.width() || h.reach().size() != sum.reach().size()) {
        return core::Status::Internal("partials disagree on the node count or the reach targets");
      }
      sum.Add(h);
    }
    internal::SummarizeHistograms(sum, options.reach_fractions, result);
  }
  if (options.per_node) {
    std::vector<uint64_t> adoptions(node_count, 0), time_sums(node_count, 0);
    for (const MonteCarloPartial& p : parts) {
      for (size_t v = 0; v < p.node_adoptions.size(); ++v) {
        adoptions[v] += p.node_adoptions[v];
        time_sums[v] += p.node_time_sums[v];
      }
    }
    internal::SummarizeNodes(adoptions, time_sums, result);
  }
  return result;
}

core::Result<MonteCarloResult> RunMonteCarlo(const network::Graph& graph, const ModelSpec& spec,
                                             std::span<const network::NodeId> seeds,
                                             const NodeFactors& factors,
                                             const MonteCarloOptions& options) {
  DUCKWEED_ASSIGN_OR_RETURN(const internal::Plan plan,
                            Prepare(graph, spec, seeds, factors, options));
  const uint32_t n = graph.node_count();
  ReplicaDistributor* d = options.distributor;
  if (d == nullptr) {
    DUCKWEED_ASSIGN_OR_RETURN(const MonteCarloPartial all,
                              RunPlan(plan, options, 0, options.replicas));
    return MergeMonteCarlo(std::span(&all, 1), options, plan.seeds, n);
  }
  const auto [first, end] = ReplicaRange(options.replicas, d->rank(), d->size());
  // Every process must take part in the gather, so a refused range still sends an empty partial
  // (then every process reports the refusal it sees).
  core::Result<MonteCarloPartial> mine = RunPlan(plan, options, first, end);
  MonteCarloPartial sent;
  if (mine.ok()) sent = *std::move(mine);
  sent.first_replica = first;
  sent.end_replica = mine.ok() ? end : first;
  DUCKWEED_ASSIGN_OR_RETURN(const std::vector<MonteCarloPartial> parts, d->Gather(std::move(sent)));
  if (!mine.ok()) return mine.status();
  return MergeMonteCarlo(parts, options, plan.seeds, n);
}

core::Result<std::vector<uint32_t>> ReplicaDistributor::AllGatherWords(std::vector<uint32_t>) {
  return core::Status::Internal("this replica distributor cannot gather words");
}

}  // namespace duckweed::diffusion
