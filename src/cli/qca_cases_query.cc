#include "cli/qca_cases_query.h"

#include <fmt/format.h>

#include "duckweed/core/json.h"

namespace duckweed::cli {

using nlohmann::json;

std::string DescribeCaseBase(const CaseTableRequest& r) {
  std::string out;
  if (!r.ids.empty()) {
    out = fmt::format("{} territories from a file of ids", r.ids.size());
  } else if (!r.network.empty()) {
    out = fmt::format("members of network '{}'", r.network);
  } else if (r.all_with_initiatives) {
    out = "every territory with an initiative";
  } else {
    out = fmt::format("{} listed territories", r.territories.size());
  }
  if (!r.country.empty()) out += fmt::format(", country {}", r.country);
  if (r.min_population && r.max_population) {
    out += fmt::format(", population {:.0f} to {:.0f}", *r.min_population, *r.max_population);
  } else if (r.min_population) {
    out += fmt::format(", population {:.0f} or more", *r.min_population);
  } else if (r.max_population) {
    out += fmt::format(", population under {:.0f}", *r.max_population);
  }
  return out;
}

json CaseQueryToJson(const CaseQuery& q) {
  const CaseTableRequest& r = q.request;
  json j;
  j["case_base"] = q.case_base.empty() ? DescribeCaseBase(r) : q.case_base;
  j["cases"] = q.cases;
  j["dropped"] = q.dropped;
  j["network"] = r.network;
  j["country"] = r.country;
  j["min_population"] = r.min_population ? json(*r.min_population) : json(nullptr);
  j["max_population"] = r.max_population ? json(*r.max_population) : json(nullptr);
  j["ids"] = r.ids;
  j["territories"] = r.territories;
  j["all_with_initiatives"] = r.all_with_initiatives;
  j["drop_missing"] = r.drop_missing;
  j["conditions"] = json::array();
  for (const auto& c : r.conditions) {
    j["conditions"].push_back({{"name", c.name}, {"spec", c.spec.text}, {"tag", TagOf(q, c.name)}});
  }
  j["outcome"] = {{"name", r.outcome.name}, {"spec", r.outcome.spec.text}};
  return j;
}

core::Result<CaseQuery> CaseQueryFromJson(const std::string& text, const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(json j, core::ParseJson(text, source));
  if (!j.is_object()) {
    return core::Status::InvalidInput(
        fmt::format("{}: expected the JSON object of a case base query", source));
  }
  CaseQuery q;
  try {
    CaseTableRequest& r = q.request;
    q.case_base = j.value("case_base", "");
    q.cases = j.value("cases", size_t{0});
    q.dropped = j.value("dropped", size_t{0});
    r.network = j.value("network", "");
    r.country = j.value("country", "");
    if (j.contains("min_population") && !j["min_population"].is_null())
      r.min_population = j["min_population"].get<double>();
    if (j.contains("max_population") && !j["max_population"].is_null())
      r.max_population = j["max_population"].get<double>();
    r.ids = j.value("ids", std::vector<std::string>{});
    r.territories = j.value("territories", std::vector<std::string>{});
    r.all_with_initiatives = j.value("all_with_initiatives", false);
    r.drop_missing = j.value("drop_missing", false);
    for (const auto& c : j.at("conditions")) {
      const std::string name = c.at("name").get<std::string>();
      auto named = ParseNamedSpec(name + "=" + c.at("spec").get<std::string>());
      if (!named.ok()) {
        return core::Status::InvalidInput(
            fmt::format("{}: condition '{}': {}", source, name, named.status().message()));
      }
      r.conditions.push_back(std::move(*named));
      const std::string tag = c.value("tag", "condition");
      if (tag == "lever" || tag == "context") q.tags.emplace_back(name, tag);
    }
    const json& o = j.at("outcome");
    auto outcome =
        ParseNamedSpec(o.at("name").get<std::string>() + "=" + o.at("spec").get<std::string>());
    if (!outcome.ok()) {
      return core::Status::InvalidInput(
          fmt::format("{}: outcome: {}", source, outcome.status().message()));
    }
    r.outcome = std::move(*outcome);
  } catch (const json::exception& e) {
    return core::Status::InvalidInput(
        fmt::format("{}: expected a case base query: {}", source, e.what()));
  }
  return q;
}

std::string TagOf(const CaseQuery& q, const std::string& column) {
  if (column == q.request.outcome.name) return "outcome";
  for (const auto& [name, tag] : q.tags) {
    if (name == column) return tag;
  }
  return "condition";
}

}  // namespace duckweed::cli
