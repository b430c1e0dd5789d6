#include "duckweed/fcm/fcm_scenario.h"

namespace duckweed::fcm {

using core::Result;
using core::Status;

Result<FcmScenarioResult> RunFcmScenario(const FcmMap& map, const std::vector<double>& initial,
                                         const FcmOptions& options,
                                         const std::vector<FcmClamp>& clamps) {
  if (clamps.empty()) {
    return Status::InvalidInput("a scenario needs at least one clamped concept (C=value)");
  }
  DUCKWEED_ASSIGN_OR_RETURN(FcmRun baseline, RunFcm(map, initial, options));
  DUCKWEED_ASSIGN_OR_RETURN(FcmRun scenario, RunFcm(map, initial, options, clamps));
  FcmScenarioResult result;
  result.clamped.assign(map.size(), false);
  for (const FcmClamp& c : clamps) result.clamped[c.concept_index] = true;
  result.difference.resize(map.size());
  for (size_t i = 0; i < map.size(); ++i) {
    result.difference[i] =
        result.clamped[i] ? 0.0 : scenario.FinalState()[i] - baseline.FinalState()[i];
  }
  result.baseline = std::move(baseline);
  result.scenario = std::move(scenario);
  return result;
}

FcmOptions MentalModelerOptions(FcmTransfer transfer) {
  FcmOptions options;
  options.rule = FcmRule::kKosko;
  options.transfer = transfer;
  options.lambda = 1.0;
  options.tolerance = 1e-5;
  options.max_iterations = 1000;
  options.max_cycle_period = 16;
  options.keep_source_concepts = false;
  options.clamp_initial_state = false;
  return options;
}

}  // namespace duckweed::fcm
