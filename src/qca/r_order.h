// Internal: R QCA's order of prime implicants for the conservative and intermediate solutions.
//
// R QCA 3.25 finds those primes by Quine–McCluskey merging (C_QMC) and orders them with its
// sort_matrix(): a stable pass per condition, last to first, that puts cubes with the condition
// present first, by ascending value, and cubes without it last; then a stable sort by the number
// of literals. One quirk decides the order of equal-length terms: when every cube has the
// condition present, the pass leaves the last cube of lowest value (after a stable descending
// sort) at the end instead of among the others of that value. The result therefore depends on
// the order in which QMC ends its merging, which this file reproduces round by round: each round
// lists the new cubes by the first pair of merged cubes that produces them (pairs in
// lexicographic order of their positions), then the cubes that merged into none.
// (Facts from reading R QCA's C sources: src/QCA.c C_QMC, src/sort_matrix.c.)
//
// Complexity: O(R·n·k) hash operations for R merge rounds over n cubes of k conditions, plus
// O(k·n·log n) for the sort (R's insertion-style passes are stable sorts, done as such).
#ifndef DUCKWEED_SRC_QCA_R_ORDER_H_
#define DUCKWEED_SRC_QCA_R_ORDER_H_

#include <vector>

#include "duckweed/qca/cube.h"
#include "qca/budget.h"

namespace duckweed::qca::internal {

// Every prime implicant of the explicit set `rows` (configurations, in R's input order: truth
// table rows by row number, an intermediate solution's easy counterfactuals after them), in R's
// order. Includes primes that cover only don't-cares; the caller filters. With a `budget`, stops
// (incomplete) once it is exceeded: check budget->exceeded().
std::vector<Cube> QmcPrimesInROrder(const std::vector<int>& levels,
                                    const std::vector<std::vector<int>>& rows,
                                    Budget* budget = nullptr);

// R's sort_matrix() applied to `cubes` in their current order.
void SortLikeR(std::vector<Cube>& cubes);

}  // namespace duckweed::qca::internal

#endif  // DUCKWEED_SRC_QCA_R_ORDER_H_
