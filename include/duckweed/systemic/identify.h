// Identification of a 2-additive capacity from examples: profiles of domain scores (towns, years)
// with an overall judgement given by evaluators, as Kappalab's least-squares approach does
// (Grabisch, Kojadinovic & Meyer 2008, "A review of methods for capacity identification in
// Choquet integral based multi-attribute utility theory", EJOR 186).
//
// Problem: the Choquet integral is linear in the Mobius masses m = (m_i, m_ij):
//   C(x) = sum_i m_i x_i + sum_{i<j} m_ij min(x_i, x_j),
// so we minimise ||A m - y||^2 + eps ||m - m0||^2 subject to sum m = 1 (normalisation) and the
// 2-additive monotonicity constraints m_i + sum_{j: m_ij<0} m_ij >= 0. The constraints are made
// linear with auxiliary variables q_ij >= max(0, -m_ij): m_i - sum_j q_ij >= 0, q_ij >= 0,
// q_ij + m_ij >= 0 (2P + n + 1 constraints instead of n 2^(n-1)). m0 is the equal-weights additive
// capacity and eps a tiny ridge (1e-9 x trace scale) that picks it among equally good fits when
// the examples do not determine every interaction.
// Solver: ADMM for convex QPs in the form of OSQP (Stellato et al. 2020), run until primal and
// dual residuals are below 1e-10 and 1e-8 (or 100000 iterations), then a projection onto the
// capacities (masses below 1e-12 dropped, singletons lifted to meet monotonicity, renormalised),
// so valid input always yields a valid capacity; rmse is that capacity's.
//
// Thread safety: pure function. Complexity: O(iterations x (n^2)^2), n <= 20 criteria.
#ifndef DUCKWEED_SYSTEMIC_IDENTIFY_H_
#define DUCKWEED_SYSTEMIC_IDENTIFY_H_

#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/systemic/capacity.h"

namespace duckweed::evaluate {

struct Example {
  std::vector<double> scores;  // one per criterion, in [0,1]
  double judgement = 0;        // overall value the model should reproduce
};

struct Identified {
  TwoAdditiveCapacity capacity;
  double rmse = 0;     // root mean squared error on the examples
  int iterations = 0;  // ADMM iterations used
  bool converged = false;
};

// Errors: fewer than 1 example, a profile of the wrong size, non-finite numbers.
core::Result<Identified> IdentifyCapacity(const std::vector<std::string>& criteria,
                                          const std::vector<Example>& examples);

// Reads examples from a CSV: every column is a criterion except label columns (town, year, ...)
// and the judgement column `judgement_column`. Errors name file:line:column.
core::Result<Identified> IdentifyCapacityFromCsv(const core::CsvTable& table,
                                                 const std::string& judgement_column);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_IDENTIFY_H_
