// Transferability: how far a target town is from each recipe (a QCA solution term: a conjunction
// of conditions that leads to success), what it lacks, and which towns already exemplify it.
//
// Recipes are qca's (include/duckweed/qca/recipe.h, the file `duckweed qca --save-recipes`
// writes, read with qca::ReadRecipesFile). A recipe's literals come from its expression, the R QCA
// notation for one term: literals joined by '*', '~' for negation, NAME[v] for a multi-value
// condition (the expression is what says a condition is multi-value); they must agree with the
// recipe's conditions (1 present, 0 absent, else the level).
// Data (CSV): one row per town; an id column (case, town, name or id, else the first column) and
// one column per condition: fuzzy memberships in [0,1], or integer levels for multi-value
// conditions.
//
// Membership of a town in a recipe is the fuzzy minimum over its literals (x, 1 - x for '~',
// 1 if level == v else 0 for NAME[v]). A missing key is a literal below 1; its gain is how much the
// recipe's membership would rise if that literal alone were raised to 1. Exemplars are the
// recipe's exemplar cases when given, else the towns with membership > 0.5; the closest ones are
// those at the smallest Euclidean distance over the recipe's conditions.
//
// Thread safety: pure functions. Complexity: O(recipes x towns x conditions).
#ifndef DUCKWEED_TRANSFER_TRANSFER_H_
#define DUCKWEED_TRANSFER_TRANSFER_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/qca/recipe.h"

namespace duckweed::evaluate {

struct Literal {
  std::string condition;
  bool negated = false;
  std::optional<int> level;  // NAME[v]
  std::string ToString() const;
};

// Parses one conjunctive term such as "PART*~CAR*ENERGY[2]".
core::Result<std::vector<Literal>> ParseTerm(const std::string& expression);

// A recipe's literals: its expression parsed, checked against its conditions.
// Errors: a malformed expression, a literal that disagrees with the conditions (named).
core::Result<std::vector<Literal>> LiteralsOf(const qca::Recipe& recipe);

struct TownData {
  std::vector<std::string> conditions;
  std::vector<std::string> towns;
  std::vector<std::vector<std::optional<double>>> values;  // [town][condition]; nullopt = missing
  int IndexOfTown(const std::string& town) const;
  int IndexOfCondition(const std::string& condition) const;
};

// Errors (collected): a non-numeric value, a duplicate town.
core::Result<TownData> ParseTownData(const core::CsvTable& table);

struct MissingKey {
  Literal literal;
  double current = 0;  // the literal's membership now
  double gain = 0;     // rise of the recipe membership if this literal reached 1
};

struct Exemplar {
  std::string town;
  double membership = 0, distance = 0;
};

struct RecipeFit {
  qca::Recipe recipe;
  std::optional<double> membership;  // nullopt when a condition value of the town is missing
  std::vector<MissingKey> missing;   // by decreasing gain, then increasing current value
  std::vector<Exemplar> closest;     // up to `top` exemplars, nearest first
};

// Errors: the town is not in the data (NotFound), a recipe condition absent from the data, a
// recipe whose literals are malformed (LiteralsOf).
core::Result<std::vector<RecipeFit>> Transfer(const std::vector<qca::Recipe>& recipes,
                                              const TownData& data, const std::string& town,
                                              int top = 3);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_TRANSFER_TRANSFER_H_
