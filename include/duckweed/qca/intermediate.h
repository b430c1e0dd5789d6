// Intermediate solutions from directional expectations (Ragin & Sonnett; R QCA's dir.exp).
//
// For each conservative model Ci and parsimonious model Pj ("CiPj"): each complex term T and
// each term q of Pj containing T give T' = T less the literals that q lacks and whose value
// contradicts the expectation on their condition (no expectation: the literal stays). Easy
// counterfactuals are the remainders covered by some T' (all inside Pj by construction). The
// intermediate models are the minimal covers of the positive rows using only those remainders as
// don't-cares (minimizer.h, explicit don't-cares).
//
// Conjunctural expectations (R's dir.exp = c(A, ~C*D)), exactly as R QCA 3.25's C_getEC: when any
// is given, T' restarts from T for each conjunction, and when T (on the conditions q lacks)
// disagrees with the conjunction on one of its conditions, every such condition of the
// conjunction that q lacks is dropped. As in R, the last conjunction decides T' and the individual
// expectations then play no part in T'.
//
// Expectations: "A=1,B=0,C=-" (crisp/fuzzy: 1 present, 0 absent, '-' none; "A" alone is A=1);
// multi-value levels as "DEV=1;2"; a conjunction in R notation, "~LIT*IND" or "DEV[2]*URB[0]".
// Errors (InvalidInput): an unknown condition, a value outside the condition's levels, a
// condition twice in one conjunction, malformed text. Thread safety: pure functions.
// Complexity: per CiPj, the covered configurations of each T' (product of the free conditions'
// levels) plus Minimize().
#ifndef DUCKWEED_QCA_INTERMEDIATE_H_
#define DUCKWEED_QCA_INTERMEDIATE_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/solution.h"

namespace duckweed::qca {

struct DirectionalExpectations {
  std::vector<std::vector<int>> individual;  // per condition, the expected values (empty: none)
  std::vector<Cube> conjunctural;            // one cube per conjunction, in the order given
};

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
