#include "sd/sd_builtins.h"

#include <algorithm>
#include <cmath>

namespace duckweed::sd {

double LookupValue(const GraphicalFunction& gf, double x) {
  const auto& xs = gf.xs;
  const auto& ys = gf.ys;
  size_t n = xs.size();
  if (n == 0) return NAN;
  if (std::isnan(x)) return NAN;
  if (n == 1) return ys[0];
  if (gf.kind == GraphicalFunction::Kind::kDiscrete) {
    if (x < xs[0]) return ys[0];
    size_t i = std::upper_bound(xs.begin(), xs.end(), x) - xs.begin();
    return ys[i - 1];
  }
  size_t hi;
  if (x <= xs[0]) {
    if (gf.kind != GraphicalFunction::Kind::kExtrapolate) return ys[0];
    hi = 1;
  } else if (x >= xs[n - 1]) {
    if (gf.kind != GraphicalFunction::Kind::kExtrapolate) return ys[n - 1];
    hi = n - 1;
  } else {
    hi = std::upper_bound(xs.begin(), xs.end(), x) - xs.begin();
  }
  size_t lo = hi - 1;
  double span = xs[hi] - xs[lo];
  if (span == 0) return ys[hi];
  return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / span;
}

double PulseValue(double time, double dt, double magnitude, double first, double interval) {
  double eps = dt * 1e-6;
  if (time + eps < first) return 0;
  if (interval <= 0) return time < first + dt - eps ? magnitude / dt : 0;
  double since = std::fmod(time - first + eps, interval);
  return since < dt ? magnitude / dt : 0;
}

}  // namespace duckweed::sd
