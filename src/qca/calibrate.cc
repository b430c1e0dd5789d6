// Crisp and direct-method fuzzy calibration (see calibrate.h).
#include "duckweed/qca/calibrate.h"

#include <fmt/format.h>

#include <cmath>

namespace duckweed::qca {

namespace {

core::Status CheckFinite(const std::vector<double>& x) {
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      return core::Status::InvalidInput(
          fmt::format("value {} (case {}) is not a finite number", x[i], i + 1));
    }
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<std::vector<double>> CalibrateCrisp(const std::vector<double>& x,
                                                 const std::vector<double>& thresholds) {
  if (thresholds.empty()) return core::Status::InvalidInput("expected at least one threshold");
  for (size_t t = 1; t < thresholds.size(); ++t) {
    if (!(thresholds[t] > thresholds[t - 1])) {
      return core::Status::InvalidInput(
          fmt::format("thresholds must increase strictly, found {} after {}", thresholds[t],
                      thresholds[t - 1]));
    }
  }
  DUCKWEED_RETURN_IF_ERROR(CheckFinite(x));
  std::vector<double> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    int level = 0;
    for (double t : thresholds) level += x[i] >= t;
    out[i] = level;
  }
  return out;
}

core::Result<std::vector<double>> CalibrateFuzzy(const std::vector<double>& x,
                                                 const FuzzyAnchors& a) {
  const bool increasing = a.exclusion < a.crossover && a.crossover < a.inclusion;
  const bool decreasing = a.exclusion > a.crossover && a.crossover > a.inclusion;
  if (!increasing && !decreasing) {
    return core::Status::InvalidInput(fmt::format(
        "anchors in the wrong order: expected exclusion < crossover < inclusion (increasing set) "
        "or exclusion > crossover > inclusion (decreasing set), found {}, {}, {}",
        a.exclusion, a.crossover, a.inclusion));
  }
  if (!(a.idm > 0.5 && a.idm < 1)) {
    return core::Status::InvalidInput(fmt::format(
        "idm (membership at the inclusion anchor) must lie in (0.5, 1), found {}", a.idm));
  }
  DUCKWEED_RETURN_IF_ERROR(CheckFinite(x));
  const double scale = std::log(a.idm / (1 - a.idm));
  std::vector<double> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const bool below = increasing ? x[i] < a.crossover : x[i] > a.crossover;
    double u = below ? (x[i] - a.crossover) / (a.crossover - a.exclusion)
                     : (x[i] - a.crossover) / (a.inclusion - a.crossover);
    out[i] = 1.0 / (1.0 + std::exp(-u * scale));
  }
  return out;
}

}  // namespace duckweed::qca
