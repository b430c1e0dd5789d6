// The case base query of `qca cases` as data: written beside the case table it built (FILE.csv ->
// FILE.csv.query.json) so that `qca FILE.csv --save-recipe NAME` stores where the cases come
// from, and read back from a stored recipe so that `transfer --recipe NAME` rebuilds the same case
// table from the store.
//
// JSON: {"case_base": "members of network 'X', country FR", "cases": 812, "dropped": 40,
//   "network": "X", "country": "FR", "min_population": 2000, "max_population": null,
//   "ids": [...], "territories": [...], "all_with_initiatives": false, "drop_missing": true,
//   "conditions": [{"name": "COORD", "spec": "member:X:coordinator", "tag": "lever"}, ...],
//   "outcome": {"name": "AMB", "spec": "attr:com2030=1"}}
// Errors: malformed JSON or a bad spec is kInvalidInput naming `source`.
// Thread safety: pure functions.
#ifndef DUCKWEED_CLI_QCA_CASES_QUERY_H_
#define DUCKWEED_CLI_QCA_CASES_QUERY_H_

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cli/qca_cases_table.h"
#include "duckweed/core/result.h"

namespace duckweed::cli {

struct CaseQuery {
  CaseTableRequest request;
  std::vector<std::pair<std::string, std::string>> tags;  // (column, lever|context)
  std::string case_base;                                  // plain words
  size_t cases = 0, dropped = 0;
};

// "members of network 'Covenant of Mayors', country FR, population 2000 to 20000".
std::string DescribeCaseBase(const CaseTableRequest& request);

nlohmann::json CaseQueryToJson(const CaseQuery& query);
core::Result<CaseQuery> CaseQueryFromJson(const std::string& text, const std::string& source);

// The tag of `column`: "lever", "context", "outcome" or "condition".
std::string TagOf(const CaseQuery& query, const std::string& column);

// The path of the query file written beside a case table.
inline std::string CaseQueryPath(const std::string& csv) { return csv + ".query.json"; }

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_QCA_CASES_QUERY_H_
