// Structural and steady-state analysis of a compiled system-dynamics model: the feedback loops of
// its causal graph with their polarity, and equilibria with their stability.
//
// Thread safety: pure functions of an immutable CompiledModel.
#ifndef DUCKWEED_SD_SD_ANALYSIS_H_
#define DUCKWEED_SD_SD_ANALYSIS_H_

#include <complex>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/sd/sd_simulate.h"

namespace duckweed::sd {

// One elementary cycle of the causal graph (variable -> variable it feeds, stocks fed by their
// flows with + for inflows and - for outflows). Polarity is the product of the link polarities,
// each the sign of the partial derivative at the model's initial state, or, where that is zero
// (a flat MIN, an empty stock), at the first of ten states along the run where it is not:
// +1 reinforcing, -1 balancing, 0 when some link's sign is zero everywhere (undetermined).
struct FeedbackLoop {
  std::vector<std::string> variables;  // display names, in causal order; the first is repeated
                                       // implicitly at the end. Hidden builtin stocks appear as
                                       // "<variable>#smth1..."
  int polarity = 0;
};

// Every elementary feedback loop, each reported once (Johnson-style enumeration rooted at its
// smallest node), up to `max_loops` (the result says whether it stopped early). O((V + E) per
// loop found) after the graph is built.
struct LoopReport {
  std::vector<FeedbackLoop> loops;
  bool truncated = false;
};
LoopReport FindLoops(const CompiledModel& model, size_t max_loops = 1000);

// Short names of loops in their order: R1, R2... reinforcing, B1... balancing, U1...
// undetermined. O(loops).
std::vector<std::string> LoopIds(const std::vector<FeedbackLoop>& loops);

// A steady state of the stocks: all derivatives zero at a fixed TIME with auxiliaries evaluated.
struct Equilibrium {
  std::vector<std::string> stocks;  // display names (hidden builtin stocks by key)
  std::vector<double> values;
  bool converged = false;
  int iterations = 0;
  double residual = 0;                            // max |d stock / dt| at `values`
  std::vector<std::complex<double>> eigenvalues;  // of the Jacobian at `values`
  std::string stability;  // "stable" (all Re < 0), "unstable" (some Re > 0), "marginal"
};

// Newton's method with backtracking on the stock derivatives, from the model's initial stock
// values overridden by `start` (display name -> value), with TIME frozen at `time` (default
// STARTTIME: a STEP or RAMP policy is seen as it is then). The Jacobian is by central differences;
// eigenvalues by Eigen. Errors: InvalidInput when `start` names something that is not a stock,
// or when the model has no stocks. O(iterations x stocks x program size + stocks^3).
core::Result<Equilibrium> FindEquilibrium(const CompiledModel& model,
                                          const std::map<std::string, double>& start,
                                          std::optional<double> time = std::nullopt,
                                          int max_iterations = 100);

// Display names of the stocks below -1e-9 x max(1, max |stock|) at `eq` (rounding is not
// negative): stocks are quantities, so such a root is not a physical steady state. O(stocks).
std::vector<std::string> NegativeStocks(const Equilibrium& eq);

// One distinct root found by FindEquilibria, with where it came from.
struct FoundEquilibrium {
  Equilibrium equilibrium;                   // as solved from the first start that reached it
  bool physical = true;                      // no stock below zero (beyond rounding)
  std::vector<std::string> negative_stocks;  // display names of the stocks below zero
  std::vector<std::string> starts;           // labels of the starts that converged to it
};

struct EquilibriaReport {
  std::vector<FoundEquilibrium> roots;  // physical first, then stable before marginal before
                                        // unstable, then most starts first
  std::vector<std::string> starts;      // every start tried, in order
  int not_converged = 0;                // starts whose Newton iteration did not converge
};

// Multistart Newton: from the model's initial stocks ("initial stocks") and from the stocks of
// a default run at `run_points` evenly spaced saved times, the last one included ("run t=..."),
// with TIME frozen at `time` (default STOPTIME: the long-run system, every STEP or RAMP policy
// as it ends up; the run states are where that system is headed).
// Converged roots within a relative 1e-3 of each other are one root (the
// most accurate solve kept); non-physical ones (see
// NegativeStocks) are reported too, after the physical ones.
// Errors: InvalidInput when the model has no stocks. O(starts x Newton cost + one run).
core::Result<EquilibriaReport> FindEquilibria(const CompiledModel& model,
                                              std::optional<double> time = std::nullopt,
                                              int run_points = 8, int max_iterations = 100);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_ANALYSIS_H_
