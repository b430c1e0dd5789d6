// The case table of `duckweed qca cases`: one row per store territory, one column per condition
// spec (crisp 0/1, multi-value levels or fuzzy memberships, see qca_cases_spec.h) and one for the
// outcome, written as the CSV that `duckweed qca` reads.
//
// The outcome must be crisp or fuzzy: a levels spec with several thresholds is kUsage.
// Errors: an unknown territory is kNotFound naming it; a territory lacking the data of a spec is
// kInvalidInput naming the territory and the spec, unless drop_missing (then it is listed in
// `dropped`); no cases left is kInvalidInput. Thread safety: one Store per thread.
#ifndef DUCKWEED_CLI_QCA_CASES_TABLE_H_
#define DUCKWEED_CLI_QCA_CASES_TABLE_H_

#include <optional>
#include <string>
#include <vector>

#include "cli/qca_cases_spec.h"
#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {

// Which territories: `ids` (e.g. read from a file) when given, else the members of `network`, else
// every territory with an initiative, else `territories`; then only those of `country` and with a
// population in [min_population, max_population) when given (a territory without a population is
// then left out and counted in `dropped`).
struct CaseTableRequest {
  std::vector<std::string> territories;  // ids or names; ignored when all_with_initiatives
  bool all_with_initiatives = false;     // every territory with at least one initiative
  std::vector<std::string> ids;          // exact ids or names
  std::string network;
  std::string country;  // ISO alpha-2, "" = any
  std::optional<double> min_population, max_population;
  std::vector<NamedSpec> conditions;
  NamedSpec outcome;
  bool drop_missing = false;
  // A territory lacking the outcome's data keeps its row with NaN there (transfer: a town outside
  // the case base is compared on the conditions only).
  bool outcome_optional = false;
};

struct CaseTable {
  std::vector<std::string> columns;     // conditions then the outcome
  std::vector<std::string> case_names;  // territory name (id when names collide)
  std::vector<std::string> territory_ids;
  std::vector<std::vector<double>> values;  // values[case][column]
  std::vector<std::string> dropped;         // "name: spec" for each dropped territory
};

core::Result<CaseTable> BuildCaseTable(store::Store& db, const CaseTableRequest& request);

// CSV with a "case" column first, then the columns.
std::string CaseTableCsv(const CaseTable& table);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_QCA_CASES_TABLE_H_
