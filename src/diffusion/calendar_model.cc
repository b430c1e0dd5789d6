// Reading a calibrated model from `diffuse calibrate --json`, and the calendar result in words.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "duckweed/core/json.h"
#include "duckweed/diffusion/calendar.h"

namespace duckweed::diffusion {
namespace {

using core::Status;
using nlohmann::json;

Status Bad(const std::string& source, const std::string& field, const std::string& message) {
  return Status::InvalidInput(message, core::Location{.source = source, .field = field});
}

core::Result<double> NumberAt(const json& object, const char* key, const std::string& source,
                              const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) {
    return Bad(source, where + key,
               fmt::format("expected a number, found {}",
                           it == object.end() ? "nothing" : std::string(it->type_name())));
  }
  const double x = it->get<double>();
  if (!std::isfinite(x)) return Bad(source, where + key, "expected a finite number");
  return x;
}

}  // namespace

std::optional<double> CalibratedModel::Coefficient(std::string_view name) const {
  for (const Parameter& p : parameters) {
    if (p.name == name) return p.estimate;
  }
  return std::nullopt;
}

core::Result<CalibratedModel> ParseCalibratedModel(std::string_view json_text,
                                                   const std::string& source,
                                                   const std::string& model) {
  DUCKWEED_ASSIGN_OR_RETURN(const json doc, core::ParseJson(json_text, source));
  if (!doc.is_object()) {
    return Bad(source, "",
               "expected the JSON object printed by `duckweed --json diffuse calibrate`");
  }
  CalibratedModel out;
  out.source = source;
  const auto years = doc.find("fit_years");
  if (years == doc.end() || !years->is_array() || years->size() != 2 ||
      !(*years)[0].is_number_integer() || !(*years)[1].is_number_integer()) {
    return Bad(source, "fit_years", "expected [first year, fit year]");
  }
  out.first_year = (*years)[0].get<int>();
  out.fit_until = (*years)[1].get<int>();
  DUCKWEED_ASSIGN_OR_RETURN(out.memory, NumberAt(doc, "memory", source, ""));
  if (!(out.memory >= 0 && out.memory <= 1)) {
    return Bad(source, "memory", fmt::format("expected [0, 1], found {}", out.memory));
  }
  if (doc.contains("year_shock_sd")) {
    DUCKWEED_ASSIGN_OR_RETURN(out.year_shock_sd, NumberAt(doc, "year_shock_sd", source, ""));
    if (out.year_shock_sd < 0) {
      return Bad(source, "year_shock_sd",
                 fmt::format("expected >= 0, found {}", out.year_shock_sd));
    }
  }
  if (doc.contains("mean_log_population")) {
    DUCKWEED_ASSIGN_OR_RETURN(out.mean_log_population,
                              NumberAt(doc, "mean_log_population", source, ""));
  }
  out.name = model;
  if (out.name.empty()) {
    const auto best = doc.find("best_model");
    if (best == doc.end() || !best->is_string()) {
      return Bad(source, "best_model", "expected the name of the best model");
    }
    out.name = best->get<std::string>();
  }
  const auto models = doc.find("models");
  if (models == doc.end() || !models->is_array()) {
    return Bad(source, "models", "expected an array of models");
  }
  std::string names;
  for (size_t m = 0; m < models->size(); ++m) {
    const json& entry = (*models)[m];
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
      return Bad(source, fmt::format("models[{}].name", m), "expected a string");
    }
    const std::string name = entry["name"].get<std::string>();
    if (name == "bass") continue;  // aggregate: no towns, no channels
    names += (names.empty() ? "" : ", ") + name;
    if (name != out.name) continue;
    const auto params = entry.find("parameters");
    if (params == entry.end() || !params->is_array()) {
      return Bad(source, fmt::format("models[{}].parameters", m), "expected an array");
    }
    for (size_t k = 0; k < params->size(); ++k) {
      const json& p = (*params)[k];
      const std::string where = fmt::format("models[{}].parameters[{}].", m, k);
      if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) {
        return Bad(source, where + "name", "expected a string");
      }
      Parameter parameter{.name = p["name"].get<std::string>()};
      DUCKWEED_ASSIGN_OR_RETURN(parameter.estimate, NumberAt(p, "estimate", source, where));
      if (p.contains("stderr") && p["stderr"].is_number()) {
        parameter.standard_error = p["stderr"].get<double>();
      }
      out.parameters.push_back(std::move(parameter));
    }
    return out;
  }
  return Bad(source, "models",
             fmt::format("no hazard model named '{}'; the file has {}", out.name,
                         names.empty() ? "none" : names));
}

std::string DescribeReach(const CalendarResult& result, const std::string& what) {
  std::string out;
  const int until = result.years.empty() ? 0 : result.years.back().year;
  for (const YearReach& r : result.reach) {
    const double percent = 100 * r.fraction;
    const std::string share =
        fmt::format("{:.0f} % of the {} {}", percent, result.node_count, what);
    if (r.median) {
      const std::string hi = r.hi ? fmt::format("{}", *r.hi) : fmt::format("after {}", until);
      out += fmt::format("{} by {}, 90 % interval {}-{}\n", share, *r.median, *r.lo, hi);
    } else {
      const double never = 100.0 * static_cast<double>(result.replicas - r.replicas_reached) /
                           static_cast<double>(result.replicas);
      out += fmt::format("{}: not by {} in {:.0f} % of replicas\n", share, until, never);
    }
  }
  return out;
}

}  // namespace duckweed::diffusion
