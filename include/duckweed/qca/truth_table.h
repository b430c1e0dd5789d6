// Truth table: the configurations observed in a Dataset with their cases, sufficiency inclusion
// (inclS) and proportional reduction in inconsistency (PRI), and an output value.
//
// A case belongs to the configuration of its crisp values (fuzzy memberships above 0.5 count as 1,
// multi-value levels as they are). For a configuration with membership m_i of case i (the minimum
// over conditions of x, 1-x or [x == level]) and outcome membership y_i:
//   incl = Σ min(m, y) / Σ m,   PRI = (Σ min(m, y) − Σ min(m, y, 1−y)) / (Σ m − Σ min(m, y, 1−y)),
// summing over all cases. OUT is '?' (remainder) when n < n_cut; otherwise '1' when incl reaches
// incl_cut[0] and PRI reaches pri_cut, 'C' when two cut-offs are given and incl reaches only the
// second, else '0'. "Reaches" uses R QCA's tolerance: value + 1.49e-8 > cut (admisc::agteb).
//
// Rows are numbered like R: 1 + the configuration read as a mixed-radix number, first condition
// most significant. Only observed rows are stored; remainders are implicit (any other number).
//
// Complexity: O(N log N + R·N·k) for N cases, R observed rows, k conditions (R·N only when a
// condition is fuzzy; crisp and multi-value data take O(N·k)). Thread safety: immutable value.
#ifndef DUCKWEED_QCA_TRUTH_TABLE_H_
#define DUCKWEED_QCA_TRUTH_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/dataset.h"

namespace duckweed::qca {

// R's admisc tolerance (sqrt of machine epsilon) used when comparing a score with a cut-off.
inline constexpr double kCutTolerance = 1.490116119384765625e-8;

struct TruthTableOptions {
  std::vector<double> incl_cut = {1.0};  // one value, or two: {for OUT=1, for OUT=C}
  int n_cut = 1;
  double pri_cut = 0.0;
};

struct TruthTableRow {
  uint64_t number = 0;      // 1-based R row number
  std::vector<int> config;  // one value per condition
  int n = 0;
  double incl = 0;
  double pri = 0;
  char out = '?';          // '1', '0', 'C' or '?'
  std::vector<int> cases;  // case indices in data order
};

struct TruthTable {
  const Dataset* data = nullptr;  // not owned; must outlive the table
  TruthTableOptions options;
  std::vector<TruthTableRow> rows;  // observed rows, increasing row number

  // Row number of a configuration.
  uint64_t RowNumber(const std::vector<int>& config) const;
};

// Checks options: cut-offs in [0,1], at most two incl cut-offs with the second not above the
// first, n_cut >= 1.
core::Status ValidateTruthTableOptions(const TruthTableOptions& options);

// Builds the truth table of `data`. REQUIRES: `data` outlives the result.
core::Result<TruthTable> BuildTruthTable(const Dataset& data, const TruthTableOptions& options);

// Crisp configuration value of one case for condition `c` (fuzzy > 0.5 → 1).
int CrispValue(const Dataset& data, size_t case_index, size_t c);

// Membership of case `i` in the literal "condition c takes value v".
double LiteralMembership(const Dataset& data, size_t i, size_t c, int v);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_TRUTH_TABLE_H_
