// Human-readable reports close to R QCA's print(), and the JSON shape other tools read:
//   {"truth_table":[{"row":22,"config":{"A":1,"B":0},"out":"1","n":3,"incl":0.9,"pri":0.8,
//                    "cases":["x"]}],
//    "solutions":{"complex"|"parsimonious"|"intermediate":{"models":[{"name":"M1",
//      "expression":"A*~B + C","terms":[{"term":"A*~B","incl":…,"pri":…,"cov_r":…,"cov_u":…,
//      "cases":[…]}],"incl":…,"pri":…,"cov":…}],"essential":[…],"model_count":N,
//      "model_count_capped":false,"common_terms":[…],"common_terms_exact":true}}}
// cov_u is null when a model has a single term. "models" holds the kept models only (at most
// SolveOptions::max_models_kept); model_count counts every listed one and common_terms (the same
// as essential) covers them all. Thread safety: pure functions.
#ifndef DUCKWEED_QCA_REPORT_H_
#define DUCKWEED_QCA_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"

namespace duckweed::qca {

// The truth table: observed rows with OUT '1', '0' or 'C' (and '?' rows when `complete`), sorted
// by inclusion then n (descending), like R's sort.by = "incl, n". At most `max_cases` case names
// per row, then "(+K more)": a large-N table prints its counts, not thousands of names.
std::string FormatTruthTable(const TruthTable& tt, bool complete, size_t max_cases = SIZE_MAX);

// One solution: each model "M1: A*~B + C <-> Y" and its table of inclS, PRI, covS, covU, cases
// (at most `max_cases` names per truth-table row, as above). When models were left out (or the
// minimiser hit its cap), three lines under the title say how many minimal models there are,
// the terms common to all, and that the data is ambiguous.
std::string FormatSolution(const TruthTable& tt, const Solution& s, size_t max_cases = SIZE_MAX);

// The JSON document above, pretty-printed with two-space indentation.
std::string AnalysisJson(const TruthTable& tt, const std::vector<Solution>& solutions,
                         bool complete);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_REPORT_H_
