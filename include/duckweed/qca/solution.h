// Solutions of a truth table: conservative (complex) and parsimonious models with their fit.
//
// ON = rows with OUT '1'; OFF = rows '0' and 'C' (unless 'C' is included); remainders ('?') are
// don't-cares when included (parsimonious), otherwise never covered (complex). Models come from
// Minimize() (minimizer.h) in R's order, named M1, M2, ...
//
// Fit: per model, each term's inclS, PRI, covS and covU (covS of the model minus covS of the
// other terms), and the model's inclS, PRI, covS. Solution-wide term fits cover the union of
// every model's terms, covU relative to that union (R's first covU column); covU is absent when
// the union has a single term. A term's cases are those of the OUT '1' rows it covers, by row
// number, then data order.
//
// Errors: InvalidInput when no row has OUT '1' or no cover exists.
// Thread safety: pure functions. Complexity: Minimize() plus O(T·N·k) for T terms.
#ifndef DUCKWEED_QCA_SOLUTION_H_
#define DUCKWEED_QCA_SOLUTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/cube.h"
#include "duckweed/qca/minimizer.h"
#include "duckweed/qca/truth_table.h"

namespace duckweed::qca {

struct SolveOptions {
  bool include_remainders = false;      // include "?": the parsimonious solution
  bool include_contradictions = false;  // include "C"
  bool all_sol = false;
  bool row_dom = false;
  double time_limit_s = 0;  // per minimisation (MinimizerOptions::time_limit_s); <= 0: none
  // Models beyond this many are counted (Solution::model_count) but neither fitted nor kept: a
  // noisy truth table can have 100,000 minimal models, and fitting each is what takes minutes.
  // The common terms and term_fits still cover every listed model.
  size_t max_models_kept = SIZE_MAX;
};

struct TermFit {
  Cube term;
  std::string expression;
  double incl = 0, pri = 0, cov_r = 0;
  std::optional<double> cov_u;
  std::vector<int> cases;  // case indices
};

struct Model {
  std::string name;  // "M1", ...
  std::vector<Cube> terms;
  std::string expression;
  std::vector<TermFit> fits;  // per term, covU within this model
  double incl = 0, pri = 0, cov = 0;
};

struct Solution {
  std::string kind;  // "complex", "parsimonious", "intermediate"
  std::vector<Cube> primes;
  std::vector<Model> models;
  std::vector<Cube> essential;
  std::vector<TermFit> term_fits;  // union of the models' terms, in R order
  bool multi_value = false;        // notation: A[v] when any condition is multi-value
  // Every minimal model the minimiser listed; models.size() is less when max_models_kept cut it.
  size_t model_count = 0;
  // The minimiser stopped at its cap (MinimizerOptions::max_models): more models exist. Then
  // `essential` holds the terms proven to be in every model (the sole prime implicant covering
  // some positive row) and essential_exact is false when the listed models share more terms.
  bool model_count_capped = false;
  bool essential_exact = true;
};

// The chart problem of a truth table under `options` (ON/OFF/don't-cares as above).
ChartProblem MakeChartProblem(const TruthTable& tt, const SolveOptions& options);

core::Result<Solution> Solve(const TruthTable& tt, const SolveOptions& options);

// Builds models and fits from given term lists (used by Solve and the intermediate solution).
Solution MakeSolution(const TruthTable& tt, std::string kind, std::vector<Cube> primes,
                      const std::vector<std::vector<Cube>>& models);
// The same from a minimiser's result (its models as indices into its primes), keeping and fitting
// at most `max_kept` models (the count, common terms and term_fits cover them all).
Solution MakeSolution(const TruthTable& tt, std::string kind, MinimizerResult result,
                      size_t max_kept = SIZE_MAX);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_SOLUTION_H_
