// `transfer TOWN --recipe NAME`: a stored recipe applied to a town. The recipe's case base query
// (qca_cases_query.h) is run again on the store, so the town is compared with the very cases the
// recipe was mined from, and with their up-to-date data.
//
// For each term of the recipe: the town's membership (fuzzy minimum over the literals), the
// advice (lever literals below 0.5 only, and bundles of two or three of them, ranked by the gain
// in the town's membership: transfer/lever_advice.h), the levers it already holds, the context
// literals it does not meet (why this recipe may not fit), and the exemplars that share its
// context: cases of the term whose every context condition of the recipe falls on the same side
// as the town's (crisp and multi-value: the same value; fuzzy: both above 0.5 or both not), and as
// a baseline the cases sharing its context outside the term, with how many have the outcome.
// Text output: terms that fit the town's context first; only bundles that raise the membership
// are advice (a lever whose raise changes nothing, because another key or the context keeps the
// minimum down, is not); a closing "In short:" sentence names the best lever advice or says that
// no term was seen in the town's context. --json: every term in the recipe's order, every bundle.
// Errors: no such recipe (kNotFound), a recipe without a case base query (kUsage: mined from a
// plain CSV, use --recipes FILE --data FILE), the town unknown or lacking data (named).
#ifndef DUCKWEED_CLI_TRANSFER_RECIPE_H_
#define DUCKWEED_CLI_TRANSFER_RECIPE_H_

#include <string>

#include "cli/cli_context.h"
#include "duckweed/core/status.h"
#include "duckweed/transfer/transfer.h"

namespace duckweed::cli {

// A literal's membership for a case-table value: x, 1 - x for '~', 1 if level == v else 0 for
// NAME[v] (then negated when '~').
double LiteralValue(const evaluate::Literal& lit, double raw);

core::Status RunTransferRecipe(const CliContext& ctx, const std::string& town,
                               const std::string& recipe, int top, bool json);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_TRANSFER_RECIPE_H_
