// Recipes in the store (schema 5): the solution terms of a QCA analysis kept with their provenance,
// so that `recipes list|show` and `transfer --recipe NAME` can use them later and anyone can see
// where a recipe comes from.
//
// A stored recipe holds
//   - where its cases come from: the data file, a plain description of the case base query and
//     (when built by `qca cases`) the query itself as JSON, so it can be rebuilt from the store;
//   - the outcome (its column name, "~Y" when negated) and its definition (e.g. "attr:com2030=1");
//   - the cut-offs (e.g. "incl.cut=0.7 n.cut=1 pri.cut=0") and, per condition, its definition
//     (calibration anchors or thresholds included) and its tag: lever (a town can act on it),
//     context (it cannot) or condition (untagged);
//   - the date it was mined (UTC, ISO 8601), the solution kind and expression, its consistency
//     and coverage (of the first model);
//   - its terms, in the solution's order, each with inclusion, raw coverage and exemplar cases.
//
// SaveRecipe replaces a recipe of the same name only with `replace`; otherwise an existing name
// is kInvalidInput saying so. It is one transaction: nothing is half written. Names are 1-64
// characters of [A-Za-z0-9_.-].
// Thread safety: one Store per thread.
#ifndef DUCKWEED_STORE_RECIPES_H_
#define DUCKWEED_STORE_RECIPES_H_

#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

struct RecipeConditionRecord {
  std::string name;
  std::string tag = "condition";  // condition, lever or context
  std::string definition;         // "" when unknown (a plain CSV)
  friend bool operator==(const RecipeConditionRecord&, const RecipeConditionRecord&) = default;
};

struct RecipeTermRecord {
  std::string expression;  // R QCA notation: A*~B*C[2]
  std::optional<double> incl, coverage;
  std::vector<std::string> exemplars;  // case names
  friend bool operator==(const RecipeTermRecord&, const RecipeTermRecord&) = default;
};

struct RecipeRecord {
  std::string name;
  std::string created_at;  // "2026-12-05T02:30:00Z"
  std::string data_file;
  std::string case_base;  // plain words: "members of network 'Covenant of Mayors' (...)"
  int64_t case_count = 0;
  std::string outcome;
  std::string outcome_definition;
  std::string cutoffs;
  std::string solution;    // complex, parsimonious, intermediate
  std::string expression;  // the first model
  std::optional<double> consistency, coverage;
  std::string query;  // JSON of the case base query (qca cases), "" when none
  std::vector<RecipeConditionRecord> conditions;
  std::vector<RecipeTermRecord> terms;
  friend bool operator==(const RecipeRecord&, const RecipeRecord&) = default;
};

// Errors: a bad name or tag (kUsage), an existing name without `replace` (kInvalidInput).
core::Status SaveRecipe(Store& store, const RecipeRecord& recipe, bool replace = false);
// Every recipe, by name, with conditions and terms.
core::Result<std::vector<RecipeRecord>> ListRecipes(Store& store);
// nullopt when there is no recipe of that name.
core::Result<std::optional<RecipeRecord>> GetRecipe(Store& store, const std::string& name);

// A JSON object with every field (terms and conditions as arrays); the form of `recipes show
// --json` and of the recipes.json that `export --all` writes.
std::string RecipeToJson(const RecipeRecord& recipe, int indent = 2);
// An array of RecipeToJson objects, ending with a newline.
std::string RecipesToJsonText(const std::vector<RecipeRecord>& recipes);
// The inverse (an array, or a single object); errors name `source` and the JSON path.
core::Result<std::vector<RecipeRecord>> RecipesFromJsonText(const std::string& text,
                                                            const std::string& source);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_RECIPES_H_
