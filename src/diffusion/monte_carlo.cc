#include "duckweed/diffusion/monte_carlo.h"

#include <fmt/format.h>

#include <chrono>

#include "cascade_kernel.h"
#include "count_kernel.h"
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

// The one replica body, whatever the model's kernel and the execution policy.
template <class Scratch, class Kernel>
MonteCarloResult RunWith(const internal::Plan& plan, const MonteCarloOptions& options,
                         Kernel kernel) {
  const size_t n = plan.graph->node_count();
  struct Worker {
    Scratch scratch;
    ReplicaTally tally;
  };
  std::vector<ReplicaCurve> curves(options.replicas);
  const auto start = std::chrono::steady_clock::now();
  auto workers = internal::ForEachReplica(
      options.policy, options.replicas,
      [&] {
        return Worker{Scratch(n), ReplicaTally(n, options.per_node)};
      },
      [&](Worker& w, uint64_t r) {
        core::Rng rng = core::Rng::ForStream(options.seed, r);
        kernel(plan, rng, w.scratch, w.tally);
        curves[r] = w.tally.TakeCurve();
      });
  MonteCarloResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.threads_used = static_cast<int>(workers.size());
  result.replicas = options.replicas;
  result.seed = options.seed;
  result.node_count = static_cast<uint32_t>(n);
  result.seeds = plan.seeds;
  internal::SummarizeCurves(curves, options.reach_fractions, result);
  if (options.per_node) {
    std::vector<uint64_t> adoptions(n, 0), time_sums(n, 0);
    for (const auto& w : workers) w->tally.MergeInto(adoptions, time_sums);
    internal::SummarizeNodes(adoptions, time_sums, result);
  }
  return result;
}

}  // namespace

core::Result<MonteCarloResult> RunMonteCarlo(const network::Graph& graph, const ModelSpec& spec,
                                             std::span<const network::NodeId> seeds,
                                             const NodeFactors& factors,
                                             const MonteCarloOptions& options) {
  DUCKWEED_RETURN_IF_ERROR(ValidateModel(spec, graph.has_weights()));
  DUCKWEED_RETURN_IF_ERROR(ValidateFactors(factors, graph.node_count()));
  if (options.replicas == 0) {
    return core::Status::InvalidInput("replicas must be at least 1",
                                      core::Location{.field = "replicas"});
  }
  for (double f : options.reach_fractions) {
    if (!(f > 0.0 && f <= 1.0)) {
      return core::Status::InvalidInput(fmt::format("expected a fraction in (0,1], found {}", f),
                                        core::Location{.field = "reach_fractions"});
    }
  }
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<network::NodeId> unique,
                            CheckSeeds(seeds, graph.node_count(), spec.kind));
  const internal::Plan plan =
      internal::Compile(graph, spec, std::move(unique), factors.Combined(graph.node_count()));
  switch (spec.kind) {
    case ModelKind::kIndependentCascade:
      return RunWith<internal::CascadeScratch>(
          plan, options, [](auto&... a) { internal::RunCascadeReplica(a...); });
    case ModelKind::kLinearThreshold:
      return RunWith<internal::CascadeScratch>(
          plan, options, [](auto&... a) { internal::RunThresholdReplica(a...); });
    default:
      return RunWith<internal::CountScratch>(plan, options,
                                             [](auto&... a) { internal::RunCountReplica(a...); });
  }
}

}  // namespace duckweed::diffusion
