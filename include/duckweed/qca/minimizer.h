// Exact Boolean minimisation for QCA: prime implicants, then every minimal cover of the positive
// configurations (the prime implicant chart), for crisp and multi-value conditions alike.
//
// Problem: ON = configurations to explain, OFF = configurations that no term may cover, and
// either explicit don't-cares DC (conservative/complex solution: a term may cover only ON ∪ DC)
// or every unobserved configuration as a don't-care (parsimonious: a term may cover anything not
// in OFF). A literal fixes one condition to one value; a term (cube) is a conjunction of literals.
//
// Algorithm.
//  1. Prime implicants (PIs).
//   - Remainders as don't-cares (CCubes-like, bottom-up by depth d = number of literals): for each
//     set S of d conditions (depth-first over combinations, projecting each row incrementally to
//     a mixed-radix key), a key seen in ON but not in OFF is an implicant; it is prime iff none of
//     its d-1-literal sub-cubes is an implicant (looked up in the previous level's hash set).
//     Every PI covers some ON row r and is a minimal set of r's literals that no OFF row matches,
//     so the enumeration by increasing d finds each PI exactly once: exact.
//     Early stop, still exact for minimal covers: every PI deeper than d has each d-literal
//     sub-cube a non-implicant, so it covers at most B_d = the largest ON count of a
//     non-implicant d-cube. With m = a cover size reachable from the PIs found so far (greedy)
//     and U(s) the most rows s of them cover together (exact for s <= 3, else the sum of the s
//     largest), a cover of size <= m with j >= 1 deeper PIs covers at most U(s) + (m-s)·B_d
//     rows for some s <= m-j; when that is below |ON| for every j and s, every minimal cover
//     consists of PIs already found, and the search stops.
//     `all_sol` (irredundant covers of any size) always searches to full depth.
//   - Explicit don't-cares (Quine–McCluskey merging on hash sets, round by round as R's C_QMC,
//     src/qca/r_order.h): start from ON ∪ DC; cubes equal but for condition c, one per level of
//     c, merge into the cube with c free; cubes that merge into none are prime. Exact by
//     construction; ON rows may themselves leave a condition free (temporal '-' data).
//  2. Covers: exact set cover by depth-first branch and bound on the chart (PIs × ON rows as
//     bitsets): branch on the uncovered row with fewest candidate PIs, forbid earlier siblings in
//     later branches (each cover is produced once), prune when s remaining PIs of the largest
//     remaining coverage cannot cover what is left. Sizes m = 1, 2, ... until covers exist; all
//     covers of that size are the minimal models. `row_dom` first removes PIs whose coverage is
//     a strict subset of another's. `all_sol` lists every
//     irredundant cover.
//  Ordering (R QCA): PIs by TermLess with remainders as don't-cares (R's CCubes order); with
//  explicit don't-cares, R's QMC order (src/qca/r_order.h: merge order, then R's sort, whose
//  tie-breaking differs from TermLess); a model's terms by PI order; models by size, then by
//  their PI index vectors lexicographically. `essential` = PIs present in every model.
//
// Complexity: PIs: Σ_{d<=D} C(k,d)·(|ON|+|OFF|) for the remainder search stopping at depth D;
// O(|ON ∪ DC|·k·L) per merge level for explicit don't-cares. Covers: exponential in the worst
// case (set cover is NP-hard) but pruned; |PIs|·|ON|/64 words per node.
//
// Limits: at most 32 conditions with at most 15 levels each (InvalidInput otherwise). Huge
// problems end in InvalidInput "problem too large: ..." (naming the stage, the limit and the
// problem's size) instead of running out of time or memory: when `time_limit_s` (> 0) has passed,
// or when more than 20 million implicants of one size would be held by the remainder search
// (about 1 GB).
// Thread safety: pure functions.
#ifndef DUCKWEED_QCA_MINIMIZER_H_
#define DUCKWEED_QCA_MINIMIZER_H_

#include <cstddef>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/cube.h"

namespace duckweed::qca {

struct ChartProblem {
  std::vector<int> levels;            // per condition
  std::vector<std::vector<int>> on;   // configurations to explain
  std::vector<std::vector<int>> off;  // configurations never covered
  std::vector<std::vector<int>> dc;   // explicit don't-cares (unused when remainders_dc)
  bool remainders_dc = false;         // unobserved configurations are don't-cares
  // R's input order for explicit problems (it decides the order of equal-length terms): ON and
  // DC together by row number (false), or ON by row number then DC as given (true: the easy
  // counterfactuals of an intermediate solution).
  bool dc_follows_on = false;
};

struct MinimizerOptions {
  bool all_sol = false;
  bool row_dom = false;
  bool full_depth = false;     // disable the exact early stop (for tests)
  size_t max_models = 100000;  // a safety cap on listed models
  double time_limit_s = 0;     // wall-clock limit of the whole minimisation; <= 0: none
};

struct MinimizerResult {
  std::vector<Cube> primes;              // R order; every PI unless the search stopped early
  std::vector<std::vector<int>> models;  // indices into primes, ascending; R order
  std::vector<int> essential;            // PIs in every model, ascending
  int depth_searched = 0;
  bool all_primes = true;  // false when the exact early stop cut the search
  bool truncated = false;  // true when max_models models were listed (more exist)
};

// Minimises `problem`. Errors: InvalidInput when no cover exists (an ON row no PI covers can only
// happen with contradictory input), or beyond the limits above.
core::Result<MinimizerResult> Minimize(const ChartProblem& problem,
                                       const MinimizerOptions& options = {});

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_MINIMIZER_H_
