// Necessity analysis like R QCA's superSubset(relation = "necessity"): conjunctions and
// disjunctions of literals whose inclN reaches incl_cut and whose covN reaches cov_cut (both with
// R's tolerance, value + 1.49e-8 > cut).
//
// Reported: (1) every conjunction of literals on distinct conditions that passes both cut-offs;
// (2) every disjunction of two or more literals on distinct conditions that passes them and that
// is minimal: none of its literals, nor any smaller disjunction of them, reaches incl_cut.
// Order: conjunctions, then disjunctions; each by number of literals, then by condition indices
// (lexicographic), then by values (ascending). Literals: crisp/fuzzy X and ~X; multi-value X[v].
//
// Complexity: O(3^k·N) for k conditions (more for multi-value), N cases; `max_literals` bounds the
// expressions' size. Thread safety: pure function.
#ifndef DUCKWEED_QCA_NECESSITY_H_
#define DUCKWEED_QCA_NECESSITY_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/dataset.h"

namespace duckweed::qca {

struct NecessityOptions {
  double incl_cut = 1.0;
  double cov_cut = 0.0;
  int max_literals = 8;
};

struct NecessityResult {
  std::string expression;  // "DEV*STB", "~URB + IND"
  bool disjunction = false;
  double incl = 0, ron = 0, cov = 0;
};

core::Result<std::vector<NecessityResult>> SuperSubset(const Dataset& data,
                                                       const NecessityOptions& options);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_NECESSITY_H_
