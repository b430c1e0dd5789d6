// The "personnalisation" of a référentiel, as Territoires en Transitions applies it: rules attached
// to actions, written in the platform's small French DSL, adapt the référentiel to a collectivité
// from its identity (type, population, localisation) and its answers to a questionnaire about its
// legal competences.
//
//  * a `desactivation` rule that is true makes the action and its subtree non concerné;
//  * a `reduction` rule gives a factor on the action's potential (0.5, 2/12, 5/4 — above 1 raises
//    it); factors multiply down the tree, so a sous-action under a reduced action is reduced too;
//  * a `score` rule overrides the action's realised score from indicator values (`val(...)`,
//    `cible(...)`); it needs the collectivité's indicator series and targets, which this tool does
//    not hold, so score rules are read and counted but not applied.
//
// The DSL (keywords case-insensitive):
//   statement := "si" expr "alors" statement ["sinon" statement] | expr
//   expr      := and ("ou" and)* ;  and := sum ("et" sum)* ;  sum := prod (("+"|"-") prod)*
//   prod      := primary (("*"|"/") primary)*
//   primary   := number | VRAI | FAUX | "(" statement ")" | reponse(q) | reponse(q, choice)
//              | identite(key, value) | min(a, b) | max(a, b) | name
// `si` without `sinon` whose test fails gives no value (no consequence). `reponse(q, OUI)` compares
// the answer to q with OUI (binary questions are answered OUI or NON, choice questions with a
// choice id); `reponse(q)` is the answer itself (a proportion in [0,1]). `identite(type, commune)`
// compares the identity's type (also soustype, localisation); `identite(population,
// moins_de_20000)` is population < 20000, `plus_de_20000` population > 20000.
// A rule that reads a question without answer (or an identity field not given) gives no
// consequence, as on the platform; the question is listed in `unanswered`.
//
// Thread safety: pure functions on values. Complexity: linear in the rules' length.
#ifndef DUCKWEED_REFERENTIEL_PERSONNALISATION_H_
#define DUCKWEED_REFERENTIEL_PERSONNALISATION_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/referentiel/referentiel.h"

namespace duckweed::evaluate {

struct Identite {
  std::string type;          // commune, EPCI, syndicat, ... ("" = not given)
  std::string soustype;      // e.g. syndicat
  std::string localisation;  // Metropole or DOM
  std::optional<int64_t> population;
};

// "type=commune,population=6500,localisation=Metropole". Errors: an unknown key, a key without
// '=', a population that is not a non-negative integer.
core::Result<Identite> ParseIdentite(const std::string& text);

// Answers to the questionnaire: question id -> OUI / NON / a choice id / a number.
using Answers = std::map<std::string, std::string>;

// CSV with columns question_id, reponse. Errors (file:line:column): a question answered twice, an
// empty answer.
core::Result<Answers> ParseAnswers(const core::CsvTable& table);

enum class RuleKind { kDesactivation, kReduction, kScore };

// A parsed formula; opaque.
class Formula;

struct PersonnalisationRule {
  std::string action_id;
  RuleKind kind = RuleKind::kDesactivation;
  std::string text;
  std::shared_ptr<const Formula> formula;  // null for score rules (not parsed)
};

// Parses one formula. Errors: a syntax error, naming `where` and the 1-based character position.
core::Result<std::shared_ptr<const Formula>> ParseFormula(const std::string& text,
                                                          const core::Location& where);

// The rules written in the référentiel itself (expr_desactivation, expr_reduction, expr_score).
// Errors (collected): a formula that does not parse, named by action id.
core::Result<std::vector<PersonnalisationRule>> RulesFromReferentiel(const Referentiel& ref);

// A rules CSV in the platform's personnalisation_regle shape: action_id, type (desactivation,
// reduction or score), formule. Errors (collected, file:line:column): an action that is not in
// the référentiel, an unknown type, a formula that does not parse.
core::Result<std::vector<PersonnalisationRule>> RulesFromCsv(const core::CsvTable& table,
                                                             const Referentiel& ref);

struct Consequence {
  bool desactive = false;
  std::optional<double> reduction;  // factor on the potential
};

struct Personnalisation {
  std::map<int, Consequence> consequences;  // by node index
  std::set<std::string> unanswered;         // questions (or identite:<key>) rules needed
  int score_rules_not_applied = 0;
};

// Evaluates every rule. Errors (collected, named by action id): two rules of the same kind on one
// action, a desactivation that is not true/false, a reduction that is not a number >= 0, a type
// mismatch (a number where a condition is expected), a division by zero, an identity key other
// than type, soustype, localisation, population, a population value not moins_de_N / plus_de_N.
core::Result<Personnalisation> ApplyRules(const std::vector<PersonnalisationRule>& rules,
                                          const Referentiel& ref, const Identite& identite,
                                          const Answers& answers);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_REFERENTIEL_PERSONNALISATION_H_
