// Use case: transfer — a town's membership in each success recipe, the keys it lacks (advice),
// the context conditions it cannot act on (why a recipe may not fit), and the closest exemplars.
// Used by `duckweed transfer` and GET /api/v1/territories/{id}/transfer.
//
// Thread safety: reads the files named; a function of them.
#ifndef DUCKWEED_APP_TRANSFER_H_
#define DUCKWEED_APP_TRANSFER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/transfer/transfer.h"

namespace duckweed::app {

struct TransferRequest {
  std::string town;     // the town's id in the data's id column
  std::string recipes;  // qca's recipes file (qca/recipe.h: `duckweed qca --save-recipes`)
  std::string data;     // calibrated CSV: id column + one column per condition
  std::vector<std::string> context;  // conditions a town cannot act on
  int top = 3;                       // closest exemplars per recipe
};

struct TransferOutcome {
  std::string town;
  std::vector<evaluate::RecipeFit> fits;  // missing: advice only (context and held keys removed)
  std::vector<std::vector<evaluate::MissingKey>> differences;  // context keys, per fit
};

// A key the town already holds at this membership or more is not advice.
inline constexpr double kHeldMembership = 0.9;

// Errors: located kInvalidInput from the files, NotFound when the town has no row, kIoError.
core::Result<TransferOutcome> TransferTown(const TransferRequest& request);

// {"town", "recipes": [{"expression", "membership", "missing": [{"literal", "current", "gain"}],
//  "closest": [{"town", "membership", "distance"}], "context_differences"?: [...]}]};
// `with_context` adds each recipe's context_differences (the CLI's --json and the API).
nlohmann::ordered_json TransferJson(const TransferOutcome& outcome, bool with_context = true);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_TRANSFER_H_
