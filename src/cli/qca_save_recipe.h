// `qca DATA --save-recipe NAME`: a solution's terms as a stored recipe with its provenance. When
// DATA was written by `qca cases --out`, the query file beside it (qca_cases_query.h) gives the
// case base, the outcome's definition and each condition's definition and lever/context tag;
// otherwise the data file alone is the provenance and every condition is untagged.
// The date is now (UTC), or $SOURCE_DATE_EPOCH when set (reproducible outputs).
#ifndef DUCKWEED_CLI_QCA_SAVE_RECIPE_H_
#define DUCKWEED_CLI_QCA_SAVE_RECIPE_H_

#include <string>

#include "duckweed/core/result.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"
#include "duckweed/store/recipes.h"

namespace duckweed::cli {

// Errors: an unreadable or malformed query file (kInvalidInput naming it).
core::Result<store::RecipeRecord> MakeRecipeRecord(const std::string& name,
                                                   const std::string& data_file,
                                                   const qca::TruthTable& tt,
                                                   const qca::Solution& solution);

// "2026-12-05T02:30:00Z".
std::string NowUtc();

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_QCA_SAVE_RECIPE_H_
