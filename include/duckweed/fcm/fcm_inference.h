// FCM inference: iterate A(t+1) = f(rule(W, A(t))) until a fixed point, a limit cycle or an
// iteration limit.
//
// Rules (W[i][j] = weight of cause i on effect j; sums run over causes i):
//   Kosko           A_j(t+1) = f( Σ_i W_ij A_i(t) )
//   modified Kosko  A_j(t+1) = f( Σ_i W_ij A_i(t) + A_j(t) )
//   rescaled        A_j(t+1) = f( Σ_i W_ij (2A_i(t)−1) + (2A_j(t)−1) )
// Transfer functions f: sigmoid 1/(1+e^(−λx)), tanh(λx), bivalent (x>0 → 1 else 0), trivalent
// (sign x ∈ {−1, 0, 1}). These match FCMpy's simulator and the R package `fcm`.
//
// Stopping (checked after each step t ≥ 1, in this order):
//   fixed point   max over the convergence concepts of |A(t) − A(t−1)| ≤ tolerance (FCMpy
//   'absDiff'); limit cycle   for the smallest period p in [2, max_cycle_period] with t ≥ 2p:
//                 |A(t−k) − A(t−k−p)| ≤ tolerance for k = 0..p−1 (one whole period repeats) and
//                 the step amplitude max|A(t)−A(t−1)| has not decayed by more than 1% over the
//                 last period (so a slowly damped oscillation is not called a cycle);
//   iteration limit  t = max_iterations.
// Clamped concepts are reset to their clamp value after every step (Mental Modeler) and, when
// clamp_initial_state is set, at t = 0 too (Mental Modeler does not: its A(0) is all ones).
// With keep_source_concepts, a concept with no incoming weight keeps its initial value (FCMpy's
// "stable concepts"); otherwise it follows the rule like any other concept.
//
// Thread safety: pure functions. Complexity: O(iterations · (n² + n·max_cycle_period)).
#ifndef DUCKWEED_FCM_FCM_INFERENCE_H_
#define DUCKWEED_FCM_FCM_INFERENCE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/fcm/fcm.h"

namespace duckweed::fcm {

enum class FcmRule { kKosko, kModifiedKosko, kRescaled };
enum class FcmTransfer { kSigmoid, kTanh, kBivalent, kTrivalent };

// Parses "kosko", "mkosko" (or "modified-kosko"), "rescaled"; nullopt otherwise.
std::optional<FcmRule> ParseFcmRule(std::string_view text);
// Parses "sigmoid", "tanh", "bivalent", "trivalent"; nullopt otherwise.
std::optional<FcmTransfer> ParseFcmTransfer(std::string_view text);
std::string_view FcmRuleName(FcmRule rule);
std::string_view FcmTransferName(FcmTransfer transfer);
// f(x) for the given transfer function and slope λ.
double ApplyFcmTransfer(FcmTransfer transfer, double lambda, double x);

struct FcmClamp {
  size_t concept_index = 0;
  double value = 0.0;
};

struct FcmOptions {
  FcmRule rule = FcmRule::kKosko;
  FcmTransfer transfer = FcmTransfer::kSigmoid;
  double lambda = 1.0;        // slope of sigmoid and tanh; > 0
  double tolerance = 1e-3;    // fixed-point and cycle tolerance; ≥ 0
  int max_iterations = 50;    // ≥ 1
  int max_cycle_period = 16;  // 0 or 1 disables cycle detection
  bool keep_source_concepts = true;
  bool clamp_initial_state = true;
  // Concepts whose change decides convergence (FCMpy's output concepts); empty = all.
  std::vector<size_t> convergence_concepts;
};

enum class FcmOutcome { kFixedPoint, kLimitCycle, kIterationLimit };
std::string_view FcmOutcomeName(FcmOutcome outcome);  // "fixed_point", "limit_cycle", ...

struct FcmRun {
  FcmOutcome outcome = FcmOutcome::kIterationLimit;
  int iterations = 0;  // steps taken; trajectory has iterations + 1 rows
  int period = 0;      // cycle length when outcome is kLimitCycle, 1 for a fixed point, else 0
  std::vector<std::vector<double>> trajectory;  // row t = A(t), row 0 = initial state (clamped)
  const std::vector<double>& FinalState() const { return trajectory.back(); }
};

// Runs the map from `initial` (one value per concept). Errors (InvalidInput): initial of the
// wrong size or not finite, a clamp index out of range or a clamp value not finite, λ ≤ 0,
// tolerance < 0, max_iterations < 1, a convergence concept out of range.
core::Result<FcmRun> RunFcm(const FcmMap& map, const std::vector<double>& initial,
                            const FcmOptions& options, const std::vector<FcmClamp>& clamps = {});

// The initial state for `map`: each concept's value from the map's file, else `fallback`.
std::vector<double> DefaultFcmInitial(const FcmMap& map, double fallback);

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_INFERENCE_H_
