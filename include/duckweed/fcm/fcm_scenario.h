// FCM scenarios as Mental Modeler reports them: the same map run twice from the same initial
// state, once free (baseline) and once with some concepts clamped (scenario); the result is the
// scenario's final state minus the baseline's, concept by concept. Clamped concepts are reported
// with their clamp value but are not part of the difference (Mental Modeler leaves them out).
//
// Mental Modeler parity (github mentalmodeler/mentalmodeler-scenario, scenarioGraph.js): initial
// state all ones (clamps not applied at t = 0), Kosko rule without self-memory, tolerance 1e-5,
// clamps reset after every iteration,
// no source-concept holding; MentalModelerOptions() returns those settings.
//
// Thread safety: pure functions. Complexity: two RunFcm calls.
#ifndef DUCKWEED_FCM_FCM_SCENARIO_H_
#define DUCKWEED_FCM_FCM_SCENARIO_H_

#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/fcm/fcm.h"
#include "duckweed/fcm/fcm_inference.h"

namespace duckweed::fcm {

struct FcmScenarioResult {
  FcmRun baseline;
  FcmRun scenario;
  std::vector<double> difference;  // scenario − baseline final states; 0 for clamped concepts
  std::vector<bool> clamped;       // per concept
};

// Errors: as RunFcm; also an empty clamp list (a scenario needs at least one clamp).
core::Result<FcmScenarioResult> RunFcmScenario(const FcmMap& map,
                                               const std::vector<double>& initial,
                                               const FcmOptions& options,
                                               const std::vector<FcmClamp>& clamps);

// Options reproducing Mental Modeler's scenario tool for `transfer` (sigmoid or tanh there).
FcmOptions MentalModelerOptions(FcmTransfer transfer);

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_SCENARIO_H_
