#include "plan.h"

#include <algorithm>
#include <cmath>

namespace duckweed::diffusion::internal {
namespace {

std::vector<uint32_t> InDegrees(const network::Graph& graph) {
  std::vector<uint32_t> in_degree(graph.node_count(), 0);
  for (network::NodeId v : graph.targets()) ++in_degree[v];
  return in_degree;
}

// p(u,v) before the node factor, for the cascade and threshold models.
double BaseArcProbability(const Plan& plan, network::ArcIndex arc, network::NodeId v) {
  if (plan.spec.weighted_cascade) return 1.0 / plan.in_degree[v];
  if (plan.spec.use_arc_weights) return plan.graph->weights()[arc];
  return plan.spec.probability;
}

void CompileWeights(Plan& plan) {
  const network::Graph& g = *plan.graph;
  plan.arc_weight.resize(g.arc_count());
  const auto targets = g.targets();
  for (network::ArcIndex a = 0; a < g.arc_count(); ++a) {
    plan.arc_weight[a] = ArcProbability(plan, a, targets[a]);
  }
}

void CompileCascadeLayout(Plan& plan) {
  const network::Graph& g = *plan.graph;
  const network::NodeId n = g.node_count();
  plan.cascade_offsets.resize(n + 1);
  plan.cascade_arcs.clear();
  plan.cascade_arcs.reserve(g.arc_count() + n + 8);
  const auto targets = g.targets();
  for (network::NodeId u = 0; u < n; ++u) {
    plan.cascade_offsets[u] = plan.cascade_arcs.size();
    for (network::ArcIndex a = g.ArcBegin(u); a < g.ArcEnd(u); ++a) {
      const network::NodeId v = targets[a];
      const uint64_t t = ToThreshold31(ArcProbability(plan, a, v));
      plan.cascade_arcs.push_back(v | (t << 32));
    }
    if (g.OutDegree(u) % 2 != 0) plan.cascade_arcs.push_back(n);
  }
  plan.cascade_offsets[n] = plan.cascade_arcs.size();
  // Slack for the kernel's block copies, which may read up to 7 words past a node's last arc.
  plan.cascade_arcs.insert(plan.cascade_arcs.end(), 8, n);
}

void CompileCompactLayout(Plan& plan) {
  const network::Graph& g = *plan.graph;
  const auto targets = g.targets();
  plan.threshold_by_node = ProbabilityByTarget(plan.spec);
  if (plan.threshold_by_node) {
    plan.cascade_threshold.assign(g.node_count(), 0);
    // The probability of any arc into v (v without in-arcs keeps 0: never tried).
    for (network::ArcIndex a = 0; a < g.arc_count(); ++a) {
      plan.cascade_threshold[targets[a]] = ToThreshold31(ArcProbability(plan, a, targets[a]));
    }
  } else {
    plan.cascade_threshold.resize(g.arc_count());
    for (network::ArcIndex a = 0; a < g.arc_count(); ++a) {
      plan.cascade_threshold[a] = ToThreshold31(ArcProbability(plan, a, targets[a]));
    }
  }
}

void CompileEpidemic(Plan& plan) {
  const double beta = plan.spec.beta;
  plan.gamma_threshold = ToThreshold(plan.spec.gamma);
  if (plan.factor.empty()) {
    const uint32_t max_in = plan.in_degree.empty()
                                ? 0
                                : *std::max_element(plan.in_degree.begin(), plan.in_degree.end());
    plan.infection_by_count.resize(max_in + 1);
    for (uint32_t m = 0; m <= max_in; ++m) {
      plan.infection_by_count[m] = ToThreshold(1.0 - std::pow(1.0 - beta, m));
    }
  } else {
    plan.log_escape.resize(plan.factor.size());
    for (size_t v = 0; v < plan.factor.size(); ++v) {
      plan.log_escape[v] = std::log1p(-std::min(1.0, beta * plan.factor[v]));
    }
  }
}

}  // namespace

bool ProbabilityByTarget(const ModelSpec& spec) { return !spec.use_arc_weights; }

double ArcProbability(const Plan& plan, network::ArcIndex arc, network::NodeId v) {
  return BaseArcProbability(plan, arc, v) * plan.Factor(v);
}

uint32_t ToThreshold(double p) {
  if (!(p > 0.0)) return 0;
  const double scaled = std::floor(p * 4294967296.0);
  if (scaled >= 4294967295.0) return kAlways;
  return static_cast<uint32_t>(scaled);
}

uint32_t ToThreshold31(double p) {
  constexpr double kScale = 2147483648.0;  // 2^31
  if (!(p > 0.0)) return 0;
  return p >= 1.0 ? static_cast<uint32_t>(kScale) : static_cast<uint32_t>(std::floor(p * kScale));
}

Plan Compile(const network::Graph& graph, const ModelSpec& spec, std::vector<network::NodeId> seeds,
             std::vector<double> factor, ArcLayout layout) {
  Plan plan;
  plan.graph = &graph;
  plan.spec = spec;
  plan.seeds = std::move(seeds);
  plan.factor = std::move(factor);
  plan.in_degree = InDegrees(graph);
  switch (spec.kind) {
    case ModelKind::kIndependentCascade:
      if (layout == ArcLayout::kForward) {
        layout = graph.arc_count() <= kPackedArcLimit ? ArcLayout::kPacked : ArcLayout::kCompact;
      }
      if (layout == ArcLayout::kPacked) CompileCascadeLayout(plan);
      if (layout == ArcLayout::kCompact) CompileCompactLayout(plan);
      break;
    case ModelKind::kLinearThreshold:
      CompileWeights(plan);
      break;
    case ModelKind::kSi:
    case ModelKind::kSir:
    case ModelKind::kSis:
      CompileEpidemic(plan);
      break;
    case ModelKind::kComplexContagion:
    case ModelKind::kBass:
      break;
  }
  return plan;
}

}  // namespace duckweed::diffusion::internal
