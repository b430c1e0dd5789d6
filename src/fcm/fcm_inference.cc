#include "duckweed/fcm/fcm_inference.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "duckweed/core/memory.h"

namespace duckweed::fcm {

using core::DiagnosticSink;
using core::Result;

std::optional<FcmRule> ParseFcmRule(std::string_view text) {
  if (text == "kosko") return FcmRule::kKosko;
  if (text == "mkosko" || text == "modified-kosko") return FcmRule::kModifiedKosko;
  if (text == "rescaled") return FcmRule::kRescaled;
  return std::nullopt;
}

std::optional<FcmTransfer> ParseFcmTransfer(std::string_view text) {
  if (text == "sigmoid") return FcmTransfer::kSigmoid;
  if (text == "tanh") return FcmTransfer::kTanh;
  if (text == "bivalent") return FcmTransfer::kBivalent;
  if (text == "trivalent") return FcmTransfer::kTrivalent;
  return std::nullopt;
}

std::string_view FcmRuleName(FcmRule rule) {
  switch (rule) {
    case FcmRule::kKosko:
      return "kosko";
    case FcmRule::kModifiedKosko:
      return "mkosko";
    case FcmRule::kRescaled:
      return "rescaled";
  }
  return "?";
}

std::string_view FcmTransferName(FcmTransfer transfer) {
  switch (transfer) {
    case FcmTransfer::kSigmoid:
      return "sigmoid";
    case FcmTransfer::kTanh:
      return "tanh";
    case FcmTransfer::kBivalent:
      return "bivalent";
    case FcmTransfer::kTrivalent:
      return "trivalent";
  }
  return "?";
}

std::string_view FcmOutcomeName(FcmOutcome outcome) {
  switch (outcome) {
    case FcmOutcome::kFixedPoint:
      return "fixed_point";
    case FcmOutcome::kLimitCycle:
      return "limit_cycle";
    case FcmOutcome::kIterationLimit:
      return "iteration_limit";
  }
  return "?";
}

double ApplyFcmTransfer(FcmTransfer transfer, double lambda, double x) {
  switch (transfer) {
    case FcmTransfer::kSigmoid:
      return 1.0 / (1.0 + std::exp(-lambda * x));
    case FcmTransfer::kTanh:
      return std::tanh(lambda * x);
    case FcmTransfer::kBivalent:
      return x > 0.0 ? 1.0 : 0.0;
    case FcmTransfer::kTrivalent:
      return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
  }
  return x;
}

std::vector<double> DefaultFcmInitial(const FcmMap& map, double fallback) {
  std::vector<double> state(map.size());
  for (size_t i = 0; i < map.size(); ++i) state[i] = map.initial(i).value_or(fallback);
  return state;
}

namespace {

Result<bool> CheckInputs(const FcmMap& map, const std::vector<double>& initial,
                         const FcmOptions& options, const std::vector<FcmClamp>& clamps) {
  DiagnosticSink sink;
  if (initial.size() != map.size()) {
    sink.Add({}, fmt::format("expected {} initial values, found {}", map.size(), initial.size()));
  }
  for (double v : initial) {
    if (!std::isfinite(v)) sink.Add({}, "initial state: expected finite values");
  }
  for (const FcmClamp& c : clamps) {
    if (c.concept_index >= map.size() || !std::isfinite(c.value)) {
      sink.Add({}, fmt::format("clamp: concept index {} out of range or value {} not finite",
                               c.concept_index, c.value));
    }
  }
  if (!(options.lambda > 0.0)) sink.Add({"", 0, 0, "lambda"}, "expected lambda > 0");
  if (!(options.tolerance >= 0.0)) sink.Add({"", 0, 0, "tolerance"}, "expected tolerance >= 0");
  if (options.max_iterations < 1)
    sink.Add({"", 0, 0, "max_iterations"}, "expected at least 1 iteration");
  // A run keeps every state (the trajectory, and cycle detection reads it).
  if (double bytes = (options.max_iterations + 1.0) * static_cast<double>(map.size()) * 8;
      !core::FitsMemory(bytes)) {
    sink.Add({"", 0, 0, "max_iterations"},
             fmt::format("a run of up to {} iterations of {} concepts keeps every state: it would "
                         "need {}; allow fewer iterations",
                         options.max_iterations, map.size(), core::MemoryNeedText(bytes)));
  }
  for (size_t c : options.convergence_concepts) {
    if (c >= map.size()) sink.Add({}, fmt::format("convergence concept {} out of range", c));
  }
  if (!sink.empty()) return sink.ToStatus();
  return true;
}

// Concepts with no incoming weight: FCMpy keeps them at their initial value.
std::vector<bool> SourceConcepts(const FcmMap& map) {
  std::vector<bool> source(map.size(), true);
  for (size_t i = 0; i < map.size(); ++i) {
    for (size_t j = 0; j < map.size(); ++j) {
      if (map.weight(i, j) != 0.0) source[j] = false;
    }
  }
  return source;
}

void Step(const FcmMap& map, const FcmOptions& options, const std::vector<bool>& keep,
          const std::vector<double>& a, std::vector<double>& next) {
  const size_t n = map.size();
  const bool rescaled = options.rule == FcmRule::kRescaled;
  std::vector<double> x(a);
  if (rescaled) {
    for (double& v : x) v = 2.0 * v - 1.0;
  }
  for (size_t j = 0; j < n; ++j) {
    if (keep[j]) {
      next[j] = a[j];
      continue;
    }
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) sum += map.weight(i, j) * x[i];
    if (options.rule != FcmRule::kKosko) sum += x[j];
    next[j] = ApplyFcmTransfer(options.transfer, options.lambda, sum);
  }
}

double MaxAbsDiff(const std::vector<double>& a, const std::vector<double>& b,
                  const std::vector<size_t>& subset) {
  double d = 0.0;
  if (subset.empty()) {
    for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(a[i] - b[i]));
  } else {
    for (size_t i : subset) d = std::max(d, std::abs(a[i] - b[i]));
  }
  return d;
}

// Smallest period p ≥ 2 whose last whole period repeats the one before and whose step amplitude
// has not decayed (see the header); 0 when none.
int DetectCycle(const std::vector<std::vector<double>>& traj, const FcmOptions& options) {
  const int t = static_cast<int>(traj.size()) - 1;
  static const std::vector<size_t> all_concepts;
  for (int p = 2; p <= options.max_cycle_period && t >= 2 * p; ++p) {
    bool repeats = true;
    for (int k = 0; k < p && repeats; ++k) {
      repeats = MaxAbsDiff(traj[t - k], traj[t - k - p], all_concepts) <= options.tolerance;
    }
    if (!repeats) continue;
    double amplitude_now = MaxAbsDiff(traj[t], traj[t - 1], all_concepts);
    double amplitude_before = MaxAbsDiff(traj[t - p], traj[t - p - 1], all_concepts);
    if (amplitude_now >= 0.99 * amplitude_before) return p;
  }
  return 0;
}

}  // namespace

Result<FcmRun> RunFcm(const FcmMap& map, const std::vector<double>& initial,
                      const FcmOptions& options, const std::vector<FcmClamp>& clamps) {
  auto checked = CheckInputs(map, initial, options, clamps);
  if (!checked.ok()) return checked.status();
  std::vector<bool> keep(map.size(), false);
  if (options.keep_source_concepts) keep = SourceConcepts(map);

  FcmRun run;
  run.trajectory.push_back(initial);
  if (options.clamp_initial_state) {
    for (const FcmClamp& c : clamps) run.trajectory[0][c.concept_index] = c.value;
  }
  std::vector<double> next(map.size());
  for (int t = 1; t <= options.max_iterations; ++t) {
    Step(map, options, keep, run.trajectory.back(), next);
    for (const FcmClamp& c : clamps) next[c.concept_index] = c.value;
    run.trajectory.push_back(next);
    run.iterations = t;
    const auto& prev = run.trajectory[t - 1];
    if (MaxAbsDiff(next, prev, options.convergence_concepts) <= options.tolerance) {
      run.outcome = FcmOutcome::kFixedPoint;
      run.period = 1;
      return run;
    }
    if (int p = DetectCycle(run.trajectory, options); p > 0) {
      run.outcome = FcmOutcome::kLimitCycle;
      run.period = p;
      return run;
    }
  }
  run.outcome = FcmOutcome::kIterationLimit;
  return run;
}

}  // namespace duckweed::fcm
