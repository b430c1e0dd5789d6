// Intermediate solutions from directional expectations (Ragin & Sonnett; R QCA's dir.exp).
//
// For each conservative model Ci and parsimonious model Pj ("CiPj"): each complex term T and
// each term q of Pj containing T give T' = T less the literals that q lacks and whose value
// contradicts the expectation on their condition (no expectation: the literal stays). Easy
// counterfactuals are the remainders covered by some T' (all inside Pj by construction). The
// intermediate models are the minimal covers of the positive rows using only those remainders as
// don't-cares (minimizer.h, explicit don't-cares).
//
// Expectations: "A=1,B=0,C=-" (crisp/fuzzy: 1 present, 0 absent, '-' none); multi-value levels
// as "DEV=1;2". Errors (InvalidInput): an unknown condition, a value outside the condition's
// levels, malformed text. Thread safety: pure functions. Complexity: per CiPj, the covered
// configurations of each T' (product of the free conditions' levels) plus Minimize().
#ifndef DUCKWEED_QCA_INTERMEDIATE_H_
#define DUCKWEED_QCA_INTERMEDIATE_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/solution.h"

namespace duckweed::qca {

// Per condition, the expected values (empty: no expectation).
using DirectionalExpectations = std::vector<std::vector<int>>;

core::Result<DirectionalExpectations> ParseDirectionalExpectations(const Dataset& data,
                                                                   const std::string& text);

struct IntermediateSolution {
  std::string name;  // "C1P1", ...
  Solution solution;
  std::vector<uint64_t> easy_counterfactuals;  // R row numbers, ascending
};

core::Result<std::vector<IntermediateSolution>> SolveIntermediate(
    const TruthTable& tt, const SolveOptions& options, const DirectionalExpectations& expected);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_INTERMEDIATE_H_
