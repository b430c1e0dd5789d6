#include "cli/qca_cases_table.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <set>

#include "duckweed/core/csv.h"
#include "duckweed/store/table_import.h"

namespace duckweed::cli {

namespace {

core::Result<std::vector<store::Territory>> ByKeys(store::Store& db,
                                                   const std::vector<std::string>& keys) {
  std::vector<store::Territory> out;
  for (const auto& key : keys) {
    DUCKWEED_ASSIGN_OR_RETURN(auto t, db.FindTerritory(key));
    if (!t) return core::Status::NotFound(fmt::format("territory '{}' is not in the store", key));
    out.push_back(std::move(*t));
  }
  return out;
}

core::Result<std::vector<store::Territory>> SelectTerritories(store::Store& db,
                                                              const CaseTableRequest& r) {
  std::vector<store::Territory> out;
  if (!r.ids.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(out, ByKeys(db, r.ids));
  } else if (!r.network.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto ids, store::ListNetworkMembers(db, r.network));
    if (ids.empty()) {
      return core::Status::InvalidInput(fmt::format(
          "qca cases: no member of network '{}' in the store (see `import table --network`)",
          r.network));
    }
    for (const auto& id : ids) {
      DUCKWEED_ASSIGN_OR_RETURN(auto t, db.GetTerritory(id));
      if (t) out.push_back(std::move(*t));
    }
  } else if (r.all_with_initiatives) {
    DUCKWEED_ASSIGN_OR_RETURN(auto initiatives, db.ListInitiatives());
    std::set<std::string> seen;
    for (const auto& i : initiatives) {
      if (!seen.insert(i.territory_id).second) continue;
      DUCKWEED_ASSIGN_OR_RETURN(auto t, db.GetTerritory(i.territory_id));
      if (t) out.push_back(std::move(*t));
    }
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(out, ByKeys(db, r.territories));
  }
  std::erase_if(out, [&](const store::Territory& t) {
    if (!r.country.empty() && t.country != r.country) return true;
    if (!r.min_population && !r.max_population) return false;
    if (!t.population) return true;
    const double p = static_cast<double>(*t.population);
    return (r.min_population && p < *r.min_population) ||
           (r.max_population && p >= *r.max_population);
  });
  if (out.empty()) return core::Status::InvalidInput("qca cases: no territories selected");
  return out;
}

}  // namespace

core::Result<CaseTable> BuildCaseTable(store::Store& db, const CaseTableRequest& request) {
  DUCKWEED_ASSIGN_OR_RETURN(auto territories, SelectTerritories(db, request));
  if (request.outcome.spec.scale == CaseSpec::Scale::kLevels &&
      request.outcome.spec.thresholds.size() > 1) {
    return core::Status::Usage(fmt::format(
        "outcome '{}': {} thresholds make a multi-value set; the outcome must be crisp (one "
        "threshold) or fuzzy",
        request.outcome.name, request.outcome.spec.thresholds.size()));
  }
  std::vector<NamedSpec> specs = request.conditions;
  specs.push_back(request.outcome);
  CaseTable table;
  std::set<std::string> names;
  for (const auto& s : specs) {
    if (!names.insert(s.name).second) {
      return core::Status::Usage(fmt::format("column '{}' is given twice", s.name));
    }
    table.columns.push_back(s.name);
  }
  std::map<std::string, int> name_count;
  for (const auto& t : territories) ++name_count[t.name];
  for (const auto& t : territories) {
    TerritoryFacts facts{t, {}, {}};
    DUCKWEED_ASSIGN_OR_RETURN(facts.initiatives, db.ListInitiatives(t.id));
    DUCKWEED_ASSIGN_OR_RETURN(facts.observations, db.ListObservations(t.id));
    DUCKWEED_ASSIGN_OR_RETURN(facts.memberships, store::ListNetworkMemberships(db, t.id));
    DUCKWEED_ASSIGN_OR_RETURN(facts.attributes, store::ListAttributes(db, t.id));
    std::vector<double> row;
    std::string missing;
    for (size_t k = 0; k < specs.size(); ++k) {
      const auto& s = specs[k];
      std::optional<double> v = EvaluateSpec(s.spec, facts);
      if (!v && request.outcome_optional && k + 1 == specs.size()) v = std::nan("");
      if (!v) {
        missing = s.spec.text;
        break;
      }
      row.push_back(*v);
    }
    if (!missing.empty()) {
      if (!request.drop_missing) {
        return core::Status::InvalidInput(fmt::format(
            "territory '{}' ({}): no data for spec '{}' (use --missing drop to leave it out)",
            t.name, t.id, missing));
      }
      table.dropped.push_back(fmt::format("{} ({}): {}", t.name, t.id, missing));
      continue;
    }
    table.case_names.push_back(name_count[t.name] > 1 || t.name.empty() ? t.id : t.name);
    table.territory_ids.push_back(t.id);
    table.values.push_back(std::move(row));
  }
  if (table.values.empty()) {
    return core::Status::InvalidInput("qca cases: every selected territory lacks data");
  }
  return table;
}

std::string CaseTableCsv(const CaseTable& table) {
  std::string out = "case";
  for (const auto& c : table.columns) {
    out += ',';
    out += core::CsvEscape(c);
  }
  out += "\n";
  for (size_t i = 0; i < table.values.size(); ++i) {
    out += core::CsvEscape(table.case_names[i]);
    for (double v : table.values[i]) out += fmt::format(",{}", v);  // shortest exact form
    out += "\n";
  }
  return out;
}

}  // namespace duckweed::cli
