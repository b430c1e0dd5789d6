#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "duckweed/core/json.h"
#include "duckweed/core/json_preview.h"
#include "duckweed/systemic/capacity.h"

namespace duckweed::evaluate {

using core::Location;
using core::Result;
using core::Status;
using nlohmann::ordered_json;

namespace {

// Adds the file name to every diagnostic of a validation failure.
Status InFile(const Status& status, const std::string& source) {
  std::vector<core::Diagnostic> diagnostics = status.diagnostics();
  for (auto& d : diagnostics) d.where.source = source;
  return Status::FromDiagnostics(std::move(diagnostics));
}

}  // namespace

Result<TwoAdditiveCapacity> ParseCapacityJson(std::string_view text, const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(ordered_json doc, core::ParseOrderedJson(text, source));
  if (!doc.is_object() || !doc.contains("shapley") || !doc["shapley"].is_object()) {
    return Status::InvalidInput("expected an object with a \"shapley\" object of importances",
                                {source, 0, 0, "shapley"});
  }
  std::vector<std::string> names;
  std::vector<double> shapley;
  for (const auto& [name, value] : doc["shapley"].items()) {
    if (!value.is_number()) {
      return Status::InvalidInput(
          fmt::format("expected a number, found {}", core::JsonPreview(value)),
          {source, 0, 0, "shapley." + name});
    }
    names.push_back(name);
    shapley.push_back(value.get<double>());
  }
  Interactions interactions;
  if (doc.contains("interaction")) {
    if (!doc["interaction"].is_object()) {
      return Status::InvalidInput("expected an object of \"a|b\": index",
                                  {source, 0, 0, "interaction"});
    }
    for (const auto& [key, value] : doc["interaction"].items()) {
      const size_t bar = key.find('|');
      if (bar == std::string::npos || key.find('|', bar + 1) != std::string::npos) {
        return Status::InvalidInput(
            fmt::format("expected a key 'a|b' naming two criteria, found '{}'", key),
            {source, 0, 0, "interaction." + key});
      }
      if (!value.is_number()) {
        return Status::InvalidInput(
            fmt::format("expected a number, found {}", core::JsonPreview(value)),
            {source, 0, 0, "interaction." + key});
      }
      interactions.push_back({{key.substr(0, bar), key.substr(bar + 1)}, value.get<double>()});
    }
  }
  auto capacity = MakeTwoAdditive(std::move(names), std::move(shapley), interactions);
  if (!capacity.ok()) return InFile(capacity.status(), source);
  return capacity;
}

std::string CapacityToJson(const TwoAdditiveCapacity& capacity) {
  ordered_json doc;
  doc["shapley"] = ordered_json::object();
  doc["interaction"] = ordered_json::object();
  doc["mobius"] = ordered_json::object();
  const size_t n = capacity.size();
  for (size_t i = 0; i < n; ++i) {
    doc["shapley"][capacity.criteria()[i]] = capacity.shapley(i);
    doc["mobius"][capacity.criteria()[i]] = capacity.mobius_single(i);
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (capacity.interaction(i, j) == 0.0) continue;
      doc["interaction"][capacity.criteria()[i] + "|" + capacity.criteria()[j]] =
          capacity.interaction(i, j);
    }
  }
  return doc.dump(2) + "\n";
}

}  // namespace duckweed::evaluate
