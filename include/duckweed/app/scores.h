// Domain scores per year and the systemic score (Choquet over a 2-additive capacity), from files,
// and their JSON (`evaluate scores --json`, the `scores` part of a town's evaluation).
// Thread safety: functions of their arguments; they read the files named.
#ifndef DUCKWEED_APP_SCORES_H_
#define DUCKWEED_APP_SCORES_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/systemic/aggregate.h"
#include "duckweed/systemic/capacity.h"
#include "duckweed/systemic/domain_scores.h"

namespace duckweed::app {

// The capacity JSON at `path`. Errors: kIoError (unreadable), kInvalidInput located in the file.
core::Result<evaluate::TwoAdditiveCapacity> LoadCapacity(const std::string& path);

struct TownScores {
  evaluate::DomainScores scores;
  std::optional<evaluate::TwoAdditiveCapacity> capacity;
  std::vector<evaluate::YearAggregate> systemic;  // empty without a capacity
};

// Domain scores from an indicator specification CSV and an observation CSV; with a capacity path,
// the systemic score per year too. Errors: located kInvalidInput from the files.
core::Result<TownScores> LoadTownScores(const std::string& indicators,
                                        const std::string& observations,
                                        const std::string& capacity_path, int carry_forward);

// The systemic score per year of `scores` under the capacity at `capacity_path` (diagnostics
// located in that file).
core::Result<std::vector<evaluate::YearAggregate>> AggregateYears(
    const evaluate::TwoAdditiveCapacity& capacity, const evaluate::DomainScores& scores,
    const std::string& capacity_path);

// {"years": [...], "domains": {id: {"declared", "years": {year: {"score", "indicators"}}}},
//  "systemic": [{"year", "choquet", "standalone_sum", "surplus", "weighted_sum", "balance",
//  "missing"}]}
nlohmann::ordered_json ScoresJson(const TownScores& town);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_SCORES_H_
