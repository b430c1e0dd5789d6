// Recipes: solution terms saved as plain values for later use (transferability, the store), with
// the cases that exemplify them. A recipe names the conditions it requires and their values
// (crisp 1/0, or a multi-value level), its fit, and its exemplar cases: the cases of the
// positive truth table rows the term covers.
//
// JSON file: {"recipes":[{"expression":"DEV*~URB","outcome":"SURV","conditions":[{"name":"DEV",
// "value":1},{"name":"URB","value":0}],"exemplars":["FI"],"incl":1,"cov_r":0.5}]}
// Writing goes through core::OutputFile (nothing half-written, links and FIFOs written through). Reading reports a
// malformed file as InvalidInput naming the file and the JSON path.
// Thread safety: pure functions.
#ifndef DUCKWEED_QCA_RECIPE_H_
#define DUCKWEED_QCA_RECIPE_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/solution.h"

namespace duckweed::qca {

struct RecipeCondition {
  std::string name;
  int value = 1;  // required value: 1 present, 0 absent, or a multi-value level
  friend bool operator==(const RecipeCondition&, const RecipeCondition&) = default;
};

struct Recipe {
  std::string expression;
  std::string outcome;  // "~Y" for a negated outcome
  std::vector<RecipeCondition> conditions;
  std::vector<std::string> exemplars;  // case ids
  double incl = 0, cov_r = 0;
  friend bool operator==(const Recipe&, const Recipe&) = default;
};

// One recipe per distinct term of the solution's models, in R's term order.
std::vector<Recipe> RecipesFromSolution(const TruthTable& tt, const Solution& solution);

std::string RecipesToJson(const std::vector<Recipe>& recipes);
core::Result<std::vector<Recipe>> RecipesFromJson(std::string_view text, const std::string& source);

core::Status WriteRecipesFile(const std::filesystem::path& path,
                              const std::vector<Recipe>& recipes);
core::Result<std::vector<Recipe>> ReadRecipesFile(const std::filesystem::path& path);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_RECIPE_H_
