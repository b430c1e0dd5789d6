// Running the ecosystem models: an SD run with constants set and its loop dominance, an FCM
// scenario (app/ecosystem.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "duckweed/app/ecosystem.h"
#include "duckweed/fcm/fcm_inference.h"
#include "duckweed/fcm/fcm_io.h"
#include "duckweed/sd/sd_analysis.h"
#include "duckweed/sd/sd_names.h"
#include "duckweed/sd/sd_xmile.h"

namespace duckweed::app {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

ordered_json Number(double v) { return std::isfinite(v) ? ordered_json(v) : ordered_json(); }

std::string PolarityName(int polarity) {
  return polarity > 0 ? "reinforcing" : polarity < 0 ? "balancing" : "undetermined";
}

ordered_json FcmRunJson(const fcm::FcmRun& run) {
  return {{"outcome", fcm::FcmOutcomeName(run.outcome)},
          {"iterations", run.iterations},
          {"period", run.period}};
}

}  // namespace

Result<SdRunOutcome> RunSdModel(const SdRunRequest& request) {
  DUCKWEED_ASSIGN_OR_RETURN(sd::Project project, sd::ReadXmileFile(request.model));
  SdRunOutcome out;
  out.model = request.model;
  for (const SdConstant& c : FindConstants(project)) {
    for (const auto& [name, value] : request.constants) {
      if (sd::CanonicalName(name) == sd::CanonicalName(c.name)) {
        out.defaults[c.name] = c.value;
      }
    }
  }
  DUCKWEED_RETURN_IF_ERROR(SetConstants(project, request.constants));
  out.constants = FindConstants(project);
  DUCKWEED_ASSIGN_OR_RETURN(sd::CompiledModel model, sd::CompiledModel::Compile(project));
  const size_t values = model.SavedRows() * (model.OutputNames().size() + 1);
  if (values > kMaxSdValues) {
    return Status::InvalidInput(fmt::format(
        "the run would keep {} values (saved times x variables), more than the {} a request may; "
        "run it with `duckweed sd run`",
        values, kMaxSdValues));
  }
  DUCKWEED_RETURN_IF_ERROR(model.CheckMemory(sizeof(double)));
  out.results = model.Run();
  if (request.dominance) {
    out.dominance = sd::AnalyseLoopDominance(model, {}, request.max_loops);
  }
  return out;
}

ordered_json SdRunJson(const SdRunOutcome& outcome) {
  ordered_json constants = ordered_json::array();
  for (const SdConstant& c : outcome.constants) {
    auto d = outcome.defaults.find(c.name);
    constants.push_back({{"name", c.name},
                         {"value", c.value},
                         {"default", d == outcome.defaults.end() ? c.value : d->second}});
  }
  const sd::SimResults& r = outcome.results;
  ordered_json times = ordered_json::array();
  for (double t : r.times) times.push_back(Number(t));
  ordered_json columns = ordered_json::object();
  for (size_t c = 0; c < r.names.size(); ++c) {
    ordered_json column = ordered_json::array();
    for (size_t row = 0; row < r.times.size(); ++row) column.push_back(Number(r.At(row, c)));
    columns[r.names[c]] = std::move(column);
  }
  ordered_json out = {
      {"model", outcome.model}, {"constants", constants}, {"time", times}, {"columns", columns}};
  if (outcome.dominance) {
    const sd::LoopDominance& d = *outcome.dominance;
    ordered_json loops = ordered_json::array();
    for (size_t l = 0; l < d.loops.size(); ++l) {
      ordered_json scores = ordered_json::array();
      for (double s : d.relative[l]) scores.push_back(Number(s));
      loops.push_back({{"id", d.ids[l]},
                       {"polarity", PolarityName(d.loops[l].polarity)},
                       {"variables", d.loops[l].variables},
                       {"relative_score", std::move(scores)}});
    }
    ordered_json dominant = ordered_json::array();
    for (const auto& iv : d.dominant) {
      dominant.push_back({{"from", iv.from},
                          {"to", iv.to},
                          {"loop", iv.loop < 0 ? ordered_json() : ordered_json(d.ids[iv.loop])}});
    }
    out["dominance"] = {{"method", "loops that matter (relative loop score)"},
                        {"times", d.times},
                        {"truncated", d.truncated},
                        {"loops", std::move(loops)},
                        {"dominant", std::move(dominant)}};
  }
  return out;
}

Result<FcmScenarioOutcome> RunFcmScenario(const FcmScenarioRequest& request) {
  std::optional<std::filesystem::path> concepts;
  if (!request.concepts.empty()) concepts = request.concepts;
  DUCKWEED_ASSIGN_OR_RETURN(fcm::FcmMap map, fcm::ReadFcmFile(request.map, concepts));
  if (map.size() > kMaxFcmConcepts) {
    return Status::InvalidInput(
        fmt::format("the map has {} concepts, more than the {} a request "
                    "may; run it with `duckweed fcm scenario`",
                    map.size(), kMaxFcmConcepts));
  }
  auto transfer = fcm::ParseFcmTransfer(request.transfer);
  if (!transfer ||
      (*transfer != fcm::FcmTransfer::kSigmoid && *transfer != fcm::FcmTransfer::kTanh)) {
    return Status::InvalidInput(
        fmt::format("expected sigmoid or tanh, found '{}'", request.transfer),
        {"", 0, 0, "transfer"});
  }
  fcm::FcmOptions options;
  options.transfer = *transfer;
  options.tolerance = 1e-5;
  options.max_iterations = 1000;
  options.keep_source_concepts = request.keep_sources;
  const double low = *transfer == fcm::FcmTransfer::kTanh ? -1.0 : 0.0;
  core::DiagnosticSink sink;
  if (request.clamps.empty()) {
    sink.Add({"", 0, 0, "clamps"}, "expected at least one clamped concept, found none");
  }
  std::vector<fcm::FcmClamp> clamps;
  for (const auto& [name, value] : request.clamps) {
    const core::Location where{"", 0, 0, "clamps." + name};
    auto index = map.Index(name);
    if (!index) {
      sink.Add(where, fmt::format("unknown concept '{}': the map has {}", name,
                                  fmt::join(map.concepts(), ", ")));
    } else if (!(value >= low && value <= 1.0)) {
      sink.Add(where, fmt::format("expected a value in [{}, 1], the range of {}, found {}", low,
                                  request.transfer, value));
    } else {
      clamps.push_back({*index, value});
    }
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  const std::vector<double> initial = fcm::DefaultFcmInitial(map, 1.0);
  DUCKWEED_ASSIGN_OR_RETURN(auto result, fcm::RunFcmScenario(map, initial, options, clamps));
  return FcmScenarioOutcome{std::move(map), options, std::move(result)};
}

ordered_json FcmScenarioJson(const FcmScenarioOutcome& outcome) {
  const auto& names = outcome.map.concepts();
  const auto& base = outcome.result.baseline.FinalState();
  const auto& scen = outcome.result.scenario.FinalState();
  ordered_json rows = ordered_json::array();
  for (size_t i = 0; i < names.size(); ++i) {
    const bool clamped = outcome.result.clamped[i];
    rows.push_back(
        {{"concept", names[i]},
         {"baseline", base[i]},
         {"scenario", scen[i]},
         {"clamped", clamped},
         {"difference", clamped ? ordered_json() : ordered_json(outcome.result.difference[i])}});
  }
  return {{"transfer", fcm::FcmTransferName(outcome.options.transfer)},
          {"keep_sources", outcome.options.keep_source_concepts},
          {"baseline", FcmRunJson(outcome.result.baseline)},
          {"scenario", FcmRunJson(outcome.result.scenario)},
          {"concepts", std::move(rows)}};
}

}  // namespace duckweed::app
