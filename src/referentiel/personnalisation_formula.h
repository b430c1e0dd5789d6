// Internal: the personnalisation DSL's syntax tree and its evaluation (see personnalisation.h).
#ifndef DUCKWEED_REFERENTIEL_PERSONNALISATION_FORMULA_H_
#define DUCKWEED_REFERENTIEL_PERSONNALISATION_FORMULA_H_

#include <memory>
#include <string>
#include <vector>

#include "duckweed/referentiel/personnalisation.h"

namespace duckweed::evaluate {

// A value: none (a `si` whose test failed, or a missing answer), a truth value, a number, or a
// name (an answer's or a choice's text).
struct FormulaValue {
  enum class Kind { kNone, kBool, kNumber, kText } kind = Kind::kNone;
  bool truth = false;
  double number = 0;
  std::string text;
};

class Formula {
 public:
  enum class Op { kIf, kOr, kAnd, kAdd, kSub, kMul, kDiv, kNumber, kBool, kName, kCall };
  Op op = Op::kNumber;
  double number = 0;
  bool truth = false;
  std::string name;  // kName: the name; kCall: the function
  int position = 0;  // 1-based character where it starts
  std::vector<std::unique_ptr<Formula>> args;
};

// What an evaluation reads, and what it learns: the questions (or identity fields) it needed and
// did not have, and the first error.
struct FormulaContext {
  const Identite* identite = nullptr;
  const Answers* answers = nullptr;
  std::string missing;  // set when an answer was needed and absent: the value is none
  std::string error;    // set on a type error and the like
};

FormulaValue EvaluateFormula(const Formula& f, FormulaContext& ctx);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_REFERENTIEL_PERSONNALISATION_FORMULA_H_
