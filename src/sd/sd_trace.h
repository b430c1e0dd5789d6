// Internal: a run that shows its whole state, for analyses that need more than the outputs
// (hidden builtin stocks, constants) at each saved time.
#ifndef DUCKWEED_SD_SD_TRACE_H_
#define DUCKWEED_SD_SD_TRACE_H_

#include <functional>

#include "duckweed/sd/sd_simulate.h"

namespace duckweed::sd {

// Runs like CompiledModel::Run and calls observe(slots) at each saved time, after that time's
// auxiliaries are computed; slots has program().slots.size() entries and is only valid during
// the call.
SimResults RunTraced(const CompiledModel& model, const RunOptions& options,
                     const std::function<void(const double*)>& observe);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_TRACE_H_
