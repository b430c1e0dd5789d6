// QCA data: cases × conditions and one outcome, as set memberships.
//
// A condition is crisp (values 0/1), multi-value (integers 0..k-1, k >= 3) or fuzzy (reals in
// [0,1]); kinds may be mixed in one analysis. The kind is inferred from the column's values: all
// integers with maximum 1 → crisp, all integers with maximum >= 2 → multi-value, otherwise fuzzy.
// The outcome must be crisp or fuzzy; "~Y" names the negated outcome (1 - y).
//
// Temporal QCA (Ragin & Strand 2008, R QCA's RS data): a crisp or multi-value condition may hold
// "-" or "dc" ("don't care", e.g. 'E before A' when A never happened). Such a value is stored as
// kDontCare; the case's truth table row leaves the condition free, no literal on that condition
// covers the case (membership 0), and R's row numbering counts it as one more level.
//
// Errors (InvalidInput, one diagnostic per bad field, naming case and column): a non-numeric value,
// a fuzzy membership outside [0,1], a negative or too large multi-value level, a condition named
// twice, a condition or outcome column absent, the outcome used as a condition, no cases.
//
// Thread safety: a Dataset is an immutable value.
#ifndef DUCKWEED_QCA_DATASET_H_
#define DUCKWEED_QCA_DATASET_H_

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"

namespace duckweed::qca {

enum class SetKind { kCrisp, kMultiValue, kFuzzy };

// The stored value of a "-" / "dc" placeholder (see above): NaN, which no number read from data
// can be (non-finite input is refused).
inline constexpr double kDontCare = std::numeric_limits<double>::quiet_NaN();
inline bool IsDontCare(double value) { return std::isnan(value); }

struct Condition {
  std::string name;
  SetKind kind = SetKind::kCrisp;
  int levels = 2;          // number of values; 2 for crisp and fuzzy
  bool dont_care = false;  // some case holds the "-" placeholder (temporal QCA)
};

struct Dataset {
  std::vector<std::string> case_ids;
  std::vector<Condition> conditions;  // in the order given
  std::string outcome;                // column name, without '~'
  bool neg_out = false;
  std::vector<std::vector<double>> values;  // values[case][condition]
  std::vector<double> outcome_values;       // membership in the (possibly negated) outcome

  size_t case_count() const { return case_ids.size(); }
  size_t condition_count() const { return conditions.size(); }
  // Index of the condition named `name`, or -1.
  int ConditionIndex(const std::string& name) const;
};

struct DatasetSpec {
  std::string outcome;                  // "Y" or "~Y"
  std::vector<std::string> conditions;  // empty: every column but the case column and the outcome
  std::string case_column = "case";     // absent column: cases are numbered 1..n
  int max_levels = 64;                  // a larger integer is an error, not a multi-value level
};

// Builds a Dataset from a parsed CSV table.
core::Result<Dataset> DatasetFromCsv(const core::CsvTable& table, const DatasetSpec& spec);

// Splits "A,B , C" into {"A","B","C"}; empty input gives an empty list.
std::vector<std::string> SplitNames(const std::string& list);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_DATASET_H_
