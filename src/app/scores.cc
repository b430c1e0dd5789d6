#include "duckweed/app/scores.h"

#include "duckweed/app/json_util.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/systemic/taxonomy.h"

namespace duckweed::app {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

Result<evaluate::TwoAdditiveCapacity> LoadCapacity(const std::string& path) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  return evaluate::ParseCapacityJson(text, path);
}

Result<std::vector<evaluate::YearAggregate>> AggregateYears(
    const evaluate::TwoAdditiveCapacity& capacity, const evaluate::DomainScores& scores,
    const std::string& capacity_path) {
  auto by_year = evaluate::AggregateByYear(capacity, scores);
  if (!by_year.ok()) {
    auto d = by_year.status().diagnostics();
    for (auto& one : d) one.where.source = capacity_path;
    return Status::FromDiagnostics(std::move(d));
  }
  return std::move(by_year).value();
}

Result<TownScores> LoadTownScores(const std::string& indicators, const std::string& observations,
                                  const std::string& capacity_path, int carry_forward) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(indicators));
  DUCKWEED_ASSIGN_OR_RETURN(auto specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
  DUCKWEED_ASSIGN_OR_RETURN(auto obs_table, core::ReadCsvFile(observations));
  DUCKWEED_ASSIGN_OR_RETURN(auto obs, evaluate::ParseObservations(obs_table));
  TownScores town;
  DUCKWEED_ASSIGN_OR_RETURN(town.scores,
                            evaluate::ComputeDomainScores(specs, obs, taxonomy, {carry_forward}));
  if (!capacity_path.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(town.capacity, LoadCapacity(capacity_path));
    DUCKWEED_ASSIGN_OR_RETURN(town.systemic,
                              AggregateYears(*town.capacity, town.scores, capacity_path));
  }
  return town;
}

ordered_json ScoresJson(const TownScores& town) {
  ordered_json out;
  out["years"] = town.scores.years;
  out["domains"] = ordered_json::object();
  for (size_t d = 0; d < town.scores.domains.size(); ++d) {
    ordered_json per_year = ordered_json::object();
    for (size_t y = 0; y < town.scores.years.size(); ++y) {
      per_year[std::to_string(town.scores.years[y])] = {
          {"score", OptionalNumber(town.scores.score[d][y])},
          {"indicators", town.scores.used[d][y]}};
    }
    out["domains"][town.scores.domains[d]] = {{"declared", town.scores.declared[d]},
                                              {"years", per_year}};
  }
  out["systemic"] = ordered_json::array();
  for (const auto& ya : town.systemic) {
    auto field = [&](double evaluate::Aggregate::*f) {
      return OptionalNumber(ya.result ? std::optional((*ya.result).*f) : std::nullopt);
    };
    out["systemic"].push_back({{"year", ya.year},
                               {"choquet", field(&evaluate::Aggregate::choquet)},
                               {"standalone_sum", field(&evaluate::Aggregate::standalone_sum)},
                               {"surplus", field(&evaluate::Aggregate::surplus)},
                               {"weighted_sum", field(&evaluate::Aggregate::weighted_sum)},
                               {"balance", field(&evaluate::Aggregate::balance)},
                               {"missing", ya.missing}});
  }
  return out;
}

}  // namespace duckweed::app
