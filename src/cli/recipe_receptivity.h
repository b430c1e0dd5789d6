// `diffuse run|compare --receptivity-recipe NAME`: each node's membership in a stored recipe, for
// diffusion::RecipeReceptivity (diffusion/run.h writes how it scales adoption).
//
// The recipe's case base query (qca_cases_query.h) is run again on the store, as `transfer
// --recipe` does, but for the territories of the node table's `territory` column instead of its
// case base (and without its country and population filters): each node's membership is the
// largest of the recipe's terms' memberships, a term's being the minimum over its literals
// (LiteralValue). With `context_only`, only the literals of conditions tagged "context" count (a
// term without one is met, 1): how well a town's situation fits the recipe, whatever levers it
// has pulled yet, since the levers are what spreads. The outcome is not needed. A node whose
// territory is not in the store, or lacks the data of one of the recipe's conditions, has no
// membership: it gets the default, the mean membership of the nodes that have one unless
// `default_membership` is given. Sentence() says so.
//
// Errors: the store of --db (else $DUCKWEED_DB, else the default) does not exist (NotFound: pass
// --db; an empty store is not created); no recipe of that name (NotFound); a recipe without a
// case base query (Usage); a node table that cannot be read or has no territory column; no node
// with a membership (InvalidInput); a default outside [0,1] (InvalidInput).
// Thread safety: opens its own store; one call per thread.
#ifndef DUCKWEED_CLI_RECIPE_RECEPTIVITY_H_
#define DUCKWEED_CLI_RECIPE_RECEPTIVITY_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/cli_context.h"
#include "duckweed/core/result.h"
#include "duckweed/diffusion/run.h"

namespace duckweed::cli {

struct ReceptivityReport {
  diffusion::RecipeReceptivity receptivity;
  std::string store;       // the store read
  std::string expression;  // the recipe's expression
  size_t nodes = 0;        // rows of the node table
  size_t with_data = 0;    // of them, with a membership
  double mean = 0;         // mean membership of those
  double held = 0;         // fraction of those with membership > 0.5
  bool default_given = false;
  bool context_only = false;

  // "receptivity: recipe NAME (EXPR), membership of 812 of 34969 nodes from the store (mean
  // 0.31); the 34157 without data get 0.31 (their mean; --receptivity-default)".
  std::string Sentence() const;
  nlohmann::ordered_json Json() const;
};

core::Result<ReceptivityReport> RecipeReceptivityOfNodes(const CliContext& ctx,
                                                         const std::string& recipe,
                                                         const std::string& nodes_csv,
                                                         std::optional<double> default_membership,
                                                         bool context_only = false);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_RECIPE_RECEPTIVITY_H_
