// Pure numeric definitions of the XMILE builtins shared by the evaluator and the tests.
#ifndef DUCKWEED_SD_SD_BUILTINS_H_
#define DUCKWEED_SD_SD_BUILTINS_H_

#include "duckweed/sd/sd_model.h"

namespace duckweed::sd {

// A graphical function at x: linear interpolation between points; continuous clamps outside the
// x range, extrapolate extends the first and last segments, discrete holds each y until the next
// x. REQUIRES: xs sorted, xs.size() == ys.size() > 0. O(log n).
double LookupValue(const GraphicalFunction& gf, double x);

// XMILE PULSE: magnitude/DT during the DT that starts at `first`, then every `interval` when
// interval > 0.
double PulseValue(double time, double dt, double magnitude, double first, double interval);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_BUILTINS_H_
