// Structural and steady-state analysis of a compiled system-dynamics model: the feedback loops of
// its causal graph with their polarity, and equilibria with their stability.
//
// Thread safety: pure functions of an immutable CompiledModel.
#ifndef DUCKWEED_DYNAMICS_SD_ANALYSIS_H_
#define DUCKWEED_DYNAMICS_SD_ANALYSIS_H_

#include <complex>
#include <map>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/dynamics/sd_simulate.h"

namespace duckweed::dynamics {

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

// A steady state of the stocks: all derivatives zero at STARTTIME with auxiliaries evaluated.
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
// values overridden by `start` (display name -> value). The Jacobian is by central differences;
// eigenvalues by Eigen. Errors: InvalidInput when `start` names something that is not a stock,
// or when the model has no stocks. O(iterations x stocks x program size + stocks^3).
core::Result<Equilibrium> FindEquilibrium(const CompiledModel& model,
                                          const std::map<std::string, double>& start,
                                          int max_iterations = 100);

}  // namespace duckweed::dynamics

#endif  // DUCKWEED_DYNAMICS_SD_ANALYSIS_H_
