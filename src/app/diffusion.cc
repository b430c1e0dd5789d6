#include "duckweed/app/diffusion.h"

namespace duckweed::app {

core::Result<diffusion::RunOutcome> RunDiffusion(const diffusion::RunRequest& request,
                                                 core::WorkControl* control) {
  diffusion::RunRequest r = request;
  r.options.control = control;
  if (control != nullptr) control->SetTotal(r.options.replicas);
  return diffusion::ExecuteRun(r);
}

core::Result<std::vector<diffusion::ChannelOutcome>> CompareDiffusion(
    const diffusion::CompareRequest& request, core::WorkControl* control) {
  diffusion::CompareRequest r = request;
  r.run.options.control = control;
  if (control != nullptr) control->SetTotal(r.run.options.replicas * r.channels.size());
  return diffusion::ExecuteComparison(r);
}

std::string DiffusionRecordJson(const diffusion::RunRequest& request,
                                const diffusion::RunOutcome& outcome) {
  if (outcome.calendar) {
    return diffusion::CalendarRecordJson(outcome.inputs, *request.calibrated, *outcome.calendar,
                                         outcome.timings);
  }
  return diffusion::RunRecordJson(outcome.inputs, request.spec, request.options, outcome.result,
                                  outcome.timings);
}

}  // namespace duckweed::app
