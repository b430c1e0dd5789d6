#include "duckweed/diffusion/model.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace duckweed::diffusion {
namespace {

constexpr std::array<std::pair<ModelKind, std::string_view>, 7> kNames = {{
    {ModelKind::kIndependentCascade, "ic"},
    {ModelKind::kLinearThreshold, "lt"},
    {ModelKind::kSi, "si"},
    {ModelKind::kSir, "sir"},
    {ModelKind::kSis, "sis"},
    {ModelKind::kComplexContagion, "complex"},
    {ModelKind::kBass, "bass"},
}};

core::Status CheckUnit(double value, std::string_view field) {
  if (value >= 0.0 && value <= 1.0) return core::Status::Ok();
  return core::Status::InvalidInput(fmt::format("expected a probability in [0,1], found {}", value),
                                    core::Location{.field = std::string(field)});
}

core::Status CheckArcProbabilities(const ModelSpec& spec, bool graph_has_weights) {
  if (spec.weighted_cascade && spec.use_arc_weights) {
    return core::Status::InvalidInput("choose either the weighted cascade or the graph's weights",
                                      core::Location{.field = "weighted_cascade"});
  }
  if (spec.use_arc_weights && !graph_has_weights) {
    return core::Status::InvalidInput("arc weights requested but the graph has none",
                                      core::Location{.field = "use_arc_weights"});
  }
  return CheckUnit(spec.probability, "probability");
}

}  // namespace

std::string_view ModelName(ModelKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "?";
}

core::Result<ModelKind> ModelFromName(std::string_view name) {
  for (const auto& [kind, known] : kNames) {
    if (known == name) return kind;
  }
  return core::Status::InvalidInput(
      fmt::format("unknown model '{}'; expected one of ic, lt, si, sir, sis, complex, bass", name),
      core::Location{.field = "model"});
}

core::Status ValidateModel(const ModelSpec& spec, bool graph_has_weights) {
  if (spec.max_steps < 1) {
    return core::Status::InvalidInput("max_steps must be at least 1",
                                      core::Location{.field = "max_steps"});
  }
  switch (spec.kind) {
    case ModelKind::kIndependentCascade:
    case ModelKind::kLinearThreshold:
      return CheckArcProbabilities(spec, graph_has_weights);
    case ModelKind::kSi:
      return CheckUnit(spec.beta, "beta");
    case ModelKind::kSir:
    case ModelKind::kSis:
      DUCKWEED_RETURN_IF_ERROR(CheckUnit(spec.beta, "beta"));
      return CheckUnit(spec.gamma, "gamma");
    case ModelKind::kComplexContagion:
      return CheckUnit(spec.threshold_fraction, "threshold_fraction");
    case ModelKind::kBass:
      DUCKWEED_RETURN_IF_ERROR(CheckUnit(spec.bass_p, "bass_p"));
      DUCKWEED_RETURN_IF_ERROR(CheckUnit(spec.bass_q, "bass_q"));
      if (!(spec.dt > 0.0 && spec.dt <= 1.0)) {
        return core::Status::InvalidInput(
            fmt::format("expected a time step in (0,1], found {}", spec.dt),
            core::Location{.field = "dt"});
      }
      return core::Status::Ok();
  }
  return core::Status::Internal("unknown model kind");
}

std::string DescribeModel(const ModelSpec& spec) {
  const std::string_view name = ModelName(spec.kind);
  switch (spec.kind) {
    case ModelKind::kIndependentCascade:
    case ModelKind::kLinearThreshold:
      if (spec.weighted_cascade) return fmt::format("{}(weighted cascade)", name);
      if (spec.use_arc_weights) return fmt::format("{}(arc weights)", name);
      return fmt::format("{}(p={})", name, spec.probability);
    case ModelKind::kSi:
      return fmt::format("si(beta={})", spec.beta);
    case ModelKind::kSir:
    case ModelKind::kSis:
      return fmt::format("{}(beta={}, gamma={})", name, spec.beta, spec.gamma);
    case ModelKind::kComplexContagion:
      if (spec.threshold_count > 0) return fmt::format("complex(k={})", spec.threshold_count);
      return fmt::format("complex(theta={})", spec.threshold_fraction);
    case ModelKind::kBass:
      return fmt::format("bass(p={}, q={}, dt={})", spec.bass_p, spec.bass_q, spec.dt);
  }
  return std::string(name);
}

}  // namespace duckweed::diffusion
