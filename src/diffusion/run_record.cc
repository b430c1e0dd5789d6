#include "duckweed/diffusion/run_record.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "duckweed/core/csv.h"
#include "duckweed/core/number.h"
#include "run_parameters.h"

namespace duckweed::diffusion {
namespace {

using nlohmann::ordered_json;

uint64_t Label(const RunInputs& inputs, network::NodeId v) {
  return inputs.labels.empty() ? v : inputs.labels[v];
}

ordered_json Number(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr); }

ordered_json FinalSize(const FinalSizeSummary& f) {
  return {
      {"mean", f.mean}, {"stderr", f.stderr_mean}, {"sd", f.sd},   {"min", f.min}, {"q05", f.q05},
      {"q25", f.q25},   {"median", f.median},      {"q75", f.q75}, {"q95", f.q95}, {"max", f.max}};
}

// Replicas whose last change came at the max_steps-th step: they were stopped, maybe unfinished.
uint64_t CappedReplicas(const ModelSpec& spec, const MonteCarloResult& result) {
  uint64_t capped = 0;
  for (size_t d = spec.max_steps; d < result.duration_counts.size(); ++d) {
    capped += result.duration_counts[d];
  }
  return capped;
}

}  // namespace

namespace internal {

ordered_json RunParametersJson(const ModelSpec& spec, const MonteCarloOptions& options) {
  ordered_json p;
  p["model"] = ModelName(spec.kind);
  p["description"] = DescribeModel(spec);
  switch (spec.kind) {
    case ModelKind::kIndependentCascade:
    case ModelKind::kLinearThreshold:
      p["weighted_cascade"] = spec.weighted_cascade;
      p["arc_weights"] = spec.use_arc_weights;
      if (!spec.weighted_cascade && !spec.use_arc_weights) p["probability"] = spec.probability;
      break;
    case ModelKind::kSi:
      p["beta"] = spec.beta;
      break;
    case ModelKind::kSir:
    case ModelKind::kSis:
      p["beta"] = spec.beta;
      p["gamma"] = spec.gamma;
      break;
    case ModelKind::kComplexContagion:
      p["threshold_count"] = spec.threshold_count;
      p["threshold_fraction"] = spec.threshold_fraction;
      break;
    case ModelKind::kBass:
      p["bass_p"] = spec.bass_p;
      p["bass_q"] = spec.bass_q;
      p["dt"] = spec.dt;
      break;
  }
  p["max_steps"] = spec.max_steps;
  p["replicas"] = options.replicas;
  return p;
}

}  // namespace internal

std::string RunRecordJson(const RunInputs& inputs, const ModelSpec& spec,
                          const MonteCarloOptions& options, const MonteCarloResult& result,
                          const RunTimings& timings) {
  ordered_json j;
  j["command"] = "duckweed diffuse run";
  j["version"] = "0.1.0";
  j["inputs"] = {{"graph", inputs.graph_path},
                 {"undirected", inputs.undirected},
                 {"nodes", inputs.nodes},
                 {"arcs", inputs.arcs},
                 {"self_loops_dropped", inputs.self_loops_dropped},
                 {"duplicate_arcs_dropped", inputs.duplicate_arcs_dropped},
                 {"seeds_source", inputs.seeds_source}};
  j["parameters"] = internal::RunParametersJson(spec, options);
  j["seed"] = result.seed;
  j["threads"] = result.threads_used;
  j["processes"] = result.processes;
  ordered_json seeds = ordered_json::array();
  for (network::NodeId s : result.seeds) seeds.push_back(Label(inputs, s));
  j["seeds"] = seeds;
  j["final_size"] = FinalSize(result.final_size);
  j["replicas_capped"] = CappedReplicas(spec, result);
  ordered_json reach = ordered_json::array();
  for (const ReachSummary& r : result.reach) {
    reach.push_back({{"fraction", r.fraction},
                     {"target", r.target},
                     {"replicas_reached", r.replicas_reached},
                     {"mean_step", Number(r.mean_step)},
                     {"median_step", Number(r.median_step)}});
  }
  j["reach"] = reach;
  ordered_json curve = ordered_json::array();
  for (const StepSummary& s : result.curve) {
    curve.push_back({{"step", s.step},
                     {"mean", s.mean_adopted},
                     {"low", s.low_adopted},
                     {"high", s.high_adopted},
                     {"prevalence", s.mean_prevalence}});
  }
  j["curve"] = curve;
  j["timings"] = {{"read_seconds", timings.read_seconds},
                  {"simulate_seconds", timings.simulate_seconds},
                  {"total_seconds", timings.total_seconds},
                  {"microseconds_per_replica",
                   1e6 * timings.simulate_seconds / static_cast<double>(result.replicas)}};
  return j.dump(1) + "\n";
}

std::string RunTable(const RunInputs& inputs, const ModelSpec& spec, const MonteCarloResult& result,
                     const RunTimings& timings) {
  const FinalSizeSummary& f = result.final_size;
  std::string out;
  out += fmt::format("graph        {} ({} nodes, {} arcs{})\n", inputs.graph_path, inputs.nodes,
                     inputs.arcs, inputs.undirected ? ", undirected" : "");
  out += fmt::format("model        {}\n", DescribeModel(spec));
  out += fmt::format("seeds        {} ({})\n", result.seeds.size(), inputs.seeds_source);
  out += fmt::format("replicas     {} (seed {}, {} thread{}{})\n", result.replicas, result.seed,
                     result.threads_used, result.threads_used == 1 ? "" : "s",
                     result.processes == 1 ? "" : fmt::format(", {} processes", result.processes));
  if (const uint64_t capped = CappedReplicas(spec, result); capped > 0) {
    out += fmt::format("capped       {} of {} replicas still changing at --max-steps {}\n", capped,
                       result.replicas, spec.max_steps);
  }
  out += fmt::format("final size   {:.2f} ± {:.2f} (stderr)   sd {:.2f}{}\n", f.mean, f.stderr_mean,
                     f.sd, spec.kind == ModelKind::kSis ? "   (ever infected)" : "");
  out +=
      fmt::format("  quantiles  min {} | 5% {} | 25% {} | median {} | 75% {} | 95% {} | max {}\n",
                  f.min, f.q05, f.q25, f.median, f.q75, f.q95, f.max);
  for (const ReachSummary& r : result.reach) {
    out += fmt::format("reach {:>3.0f}%   ", 100 * r.fraction);
    out += r.replicas_reached == 0
               ? std::string("never reached\n")
               : fmt::format("step {:.2f} (median {}), in {} of {} replicas\n", r.mean_step,
                             r.median_step, r.replicas_reached, result.replicas);
  }
  out += fmt::format("time         {:.3f} s simulating ({:.1f} µs per replica), {:.3f} s total\n",
                     timings.simulate_seconds,
                     1e6 * timings.simulate_seconds / static_cast<double>(result.replicas),
                     timings.total_seconds);
  return out;
}

std::string CurveCsv(const MonteCarloResult& result) {
  std::string out = "step,mean_adopted,low_adopted,high_adopted,mean_prevalence\n";
  for (const StepSummary& s : result.curve) {
    out += fmt::format("{},{},{},{},{}\n", s.step, s.mean_adopted, s.low_adopted, s.high_adopted,
                       s.mean_prevalence);
  }
  return out;
}

std::string NodesCsv(const MonteCarloResult& result, const RunInputs& inputs) {
  std::string out = "id,name,adoption_probability,mean_adoption_step\n";
  for (network::NodeId v = 0; v < result.adoption_probability.size(); ++v) {
    const double t = result.mean_adoption_step[v];
    const std::string name = inputs.names.empty() ? "" : core::CsvEscape(inputs.names[v]);
    out += fmt::format("{},{},{},{}\n", Label(inputs, v), name,
                       core::FormatNumber(result.adoption_probability[v]), core::FormatNumber(t));
  }
  return out;
}

std::string AdoptionGeoJson(const MonteCarloResult& result, const RunInputs& inputs,
                            const network::NodeAttributes& attributes) {
  const std::unordered_set<network::NodeId> seeds(result.seeds.begin(), result.seeds.end());
  ordered_json features = ordered_json::array();
  for (network::NodeId v = 0; v < result.adoption_probability.size(); ++v) {
    if (v >= attributes.latitude.size() || !std::isfinite(attributes.latitude[v]) ||
        !std::isfinite(attributes.longitude[v])) {
      continue;
    }
    ordered_json properties = {{"id", Label(inputs, v)},
                               {"name", inputs.names.empty() ? std::string() : inputs.names[v]},
                               {"adoption_probability", result.adoption_probability[v]},
                               {"mean_adoption_step", Number(result.mean_adoption_step[v])},
                               {"seed", seeds.contains(v)}};
    features.push_back(
        {{"type", "Feature"},
         {"geometry",
          {{"type", "Point"}, {"coordinates", {attributes.longitude[v], attributes.latitude[v]}}}},
         {"properties", properties}});
  }
  ordered_json doc = {{"type", "FeatureCollection"}, {"features", features}};
  return doc.dump() + "\n";
}

}  // namespace duckweed::diffusion
