// Use cases: a diffusion run (`duckweed diffuse run`) and a comparison of the channels of a place
// network (`duckweed diffuse compare`), step models or calendar years (--calibrated); the same
// functions run the server's diffusion jobs (POST /api/v1/jobs), which may follow and cancel them
// through a core::WorkControl (work_control.h): its total is set to the replicas to run, it
// advances by one per replica, and a cancel stops the run within one replica per thread
// (core::CancelledStatus(), nothing returned). Results do not depend on the control, the threads
// or the process: the Monte Carlo depends on its seed only (monte_carlo.h).
//
// Thread safety: reads the files named; concurrent calls are fine.
#ifndef DUCKWEED_APP_DIFFUSION_H_
#define DUCKWEED_APP_DIFFUSION_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/work_control.h"
#include "duckweed/diffusion/compare.h"
#include "duckweed/diffusion/run.h"

namespace duckweed::app {

// Errors: as diffusion::ExecuteRun; core::CancelledStatus() when `control` was cancelled.
core::Result<diffusion::RunOutcome> RunDiffusion(const diffusion::RunRequest& request,
                                                 core::WorkControl* control = nullptr);

// Errors: as diffusion::ExecuteComparison; core::CancelledStatus() when cancelled.
core::Result<std::vector<diffusion::ChannelOutcome>> CompareDiffusion(
    const diffusion::CompareRequest& request, core::WorkControl* control = nullptr);

// The run record `diffuse run --json` prints: diffusion::CalendarRecordJson for a calendar run,
// diffusion::RunRecordJson otherwise (pretty-printed JSON text).
std::string DiffusionRecordJson(const diffusion::RunRequest& request,
                                const diffusion::RunOutcome& outcome);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_DIFFUSION_H_
