// Systemic aggregation of domain scores: for each profile (a town, a year), the Choquet integral
// split along its 2-additive Mobius form C(x) = sum_i m_i x_i + sum_{i<j} m_ij min(x_i, x_j):
//  * stand-alone sum  = sum_i m_i x_i: what each domain is worth when achieved alone;
//  * systemic surplus = C(x) - stand-alone sum = sum_{i<j} m_ij min(x_i, x_j): what exists only
//    because domains advance together (positive when synergies dominate; at full achievement it is
//    1 - sum_i m_i);
// and, under its own name, the comparison with the Shapley-weighted sum sum_i phi_i x_i:
//  * balance = C(x) - weighted sum = -1/2 sum_{i<j} I_ij |x_i - x_j|: zero for an even profile,
//    negative (a penalty) for an unbalanced profile when synergies dominate.
//
// Thread safety: pure functions. Complexity: O(rows x n^2).
#ifndef DUCKWEED_SYSTEMIC_AGGREGATE_H_
#define DUCKWEED_SYSTEMIC_AGGREGATE_H_

#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/systemic/capacity.h"
#include "duckweed/systemic/domain_scores.h"

namespace duckweed::evaluate {

struct Aggregate {
  double choquet = 0;
  double standalone_sum = 0;  // sum_i m_i x_i
  double surplus = 0;         // choquet - standalone_sum = sum_{i<j} m_ij min(x_i, x_j)
  double weighted_sum = 0;    // sum_i phi_i x_i
  double balance = 0;         // choquet - weighted_sum
};

// REQUIRES: scores.size() == capacity.size(). Scores are usually in [0,1].
Aggregate AggregateScores(const TwoAdditiveCapacity& capacity, std::span<const double> scores);

struct AggregateRow {
  std::string label;                 // the row's label columns joined by " " (or "row N")
  int line = 0;                      // CSV line of the row
  std::optional<Aggregate> result;   // nullopt when a domain score is missing
  std::vector<std::string> missing;  // the domains without a score on that row
};

// Column names that label a row instead of scoring a domain.
bool IsLabelColumn(const std::string& name);

// Aggregates every row of a CSV whose columns are the capacity's domains (any order) plus
// optional label columns (town, territory, name, id, year, label). A row with an empty domain
// field yields a missing result, never a zero. Errors (all collected): a column that is neither a
// domain of the capacity nor a label ("unknown domain"), a domain of the capacity without a
// column, a score that is not a number or outside [0,1].
core::Result<std::vector<AggregateRow>> AggregateCsv(const TwoAdditiveCapacity& capacity,
                                                     const core::CsvTable& table);

struct YearAggregate {
  int year = 0;
  std::optional<Aggregate> result;   // nullopt when a capacity domain has no score that year
  std::vector<std::string> missing;  // the capacity's domains without a score that year
};

// The systemic trajectory: for each year of `scores`, the aggregate over the capacity's domains.
// Errors: a capacity domain that is not a domain of the taxonomy behind `scores`.
core::Result<std::vector<YearAggregate>> AggregateByYear(const TwoAdditiveCapacity& capacity,
                                                         const DomainScores& scores);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_AGGREGATE_H_
