// Recipes from solution terms, and their JSON file form.
#include "duckweed/qca/recipe.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "duckweed/core/file.h"
#include "duckweed/core/json.h"

namespace duckweed::qca {

namespace {
using nlohmann::json;
}

std::vector<Recipe> RecipesFromSolution(const TruthTable& tt, const Solution& s) {
  const Dataset& d = *tt.data;
  std::vector<Recipe> out;
  for (const TermFit& f : s.term_fits) {
    Recipe r;
    r.expression = f.expression;
    r.outcome = (d.neg_out ? "~" : "") + d.outcome;
    for (size_t c = 0; c < f.term.values.size(); ++c) {
      if (f.term.values[c] != Cube::kAbsent) {
        r.conditions.push_back({d.conditions[c].name, f.term.values[c]});
      }
    }
    for (int i : f.cases) r.exemplars.push_back(d.case_ids[i]);
    r.incl = f.incl;
    r.cov_r = f.cov_r;
    out.push_back(std::move(r));
  }
  return out;
}

std::string RecipesToJson(const std::vector<Recipe>& recipes) {
  json list = json::array();
  for (const auto& r : recipes) {
    json conds = json::array();
    for (const auto& c : r.conditions) conds.push_back({{"name", c.name}, {"value", c.value}});
    list.push_back({{"expression", r.expression},
                    {"outcome", r.outcome},
                    {"conditions", conds},
                    {"exemplars", r.exemplars},
                    {"incl", r.incl},
                    {"cov_r", r.cov_r}});
  }
  return json{{"recipes", list}}.dump(2);
}

core::Result<std::vector<Recipe>> RecipesFromJson(std::string_view text,
                                                  const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(json doc, core::ParseJson(text, source));
  if (!doc.is_object() || !doc.contains("recipes") || !doc["recipes"].is_array()) {
    return core::Status::InvalidInput("expected an object with a \"recipes\" array",
                                      {source, 0, 0, "recipes"});
  }
  std::vector<Recipe> out;
  core::DiagnosticSink sink;
  for (size_t i = 0; i < doc["recipes"].size(); ++i) {
    const json& j = doc["recipes"][i];
    const std::string where = fmt::format("recipes[{}]", i);
    try {
      Recipe r;
      r.expression = j.at("expression").get<std::string>();
      r.outcome = j.at("outcome").get<std::string>();
      for (const auto& c : j.at("conditions")) {
        r.conditions.push_back({c.at("name").get<std::string>(), c.at("value").get<int>()});
      }
      r.exemplars = j.at("exemplars").get<std::vector<std::string>>();
      r.incl = j.value("incl", 0.0);
      r.cov_r = j.value("cov_r", 0.0);
      out.push_back(std::move(r));
    } catch (const json::exception& e) {
      sink.Add({source, 0, 0, where}, fmt::format("unexpected JSON shape: {}", e.what()));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

core::Status WriteRecipesFile(const std::filesystem::path& path,
                              const std::vector<Recipe>& recipes) {
  return core::WriteFileAtomic(path, RecipesToJson(recipes) + "\n");
}

core::Result<std::vector<Recipe>> ReadRecipesFile(const std::filesystem::path& path) {
  DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(path));
  return RecipesFromJson(text, path.string());
}

}  // namespace duckweed::qca
