// Calibration of raw values into set memberships, as R QCA's calibrate().
//
// Crisp: thresholds t1 < t2 < ... give the number of thresholds at or below x (0, 1, 2, ...),
// i.e. a crisp set for one threshold and a multi-value one for several.
// Fuzzy, direct method with three anchors (exclusion e, crossover c, inclusion i), logistic:
//   u = (x − c)/(c − e) when x < c, else (x − c)/(i − c);  m = 1 / (1 + exp(−u·ln(idm/(1−idm))))
// so that m(e) = 1 − idm, m(c) = 0.5, m(i) = idm (idm = 0.95 as in R). An increasing set has
// e < c < i; a decreasing one e > c > i (the same formula then decreases).
//
// Errors (InvalidInput): thresholds not strictly increasing, anchors not strictly monotone
// (e < c < i or e > c > i), idm outside (0.5, 1), a non-finite value (naming its index).
// Thread safety: pure functions. Complexity: O(N·T).
#ifndef DUCKWEED_QCA_CALIBRATE_H_
#define DUCKWEED_QCA_CALIBRATE_H_

#include <vector>

#include "duckweed/core/result.h"

namespace duckweed::qca {

core::Result<std::vector<double>> CalibrateCrisp(const std::vector<double>& x,
                                                 const std::vector<double>& thresholds);

struct FuzzyAnchors {
  double exclusion = 0, crossover = 0, inclusion = 0;
  double idm = 0.95;  // membership at the inclusion anchor
};

core::Result<std::vector<double>> CalibrateFuzzy(const std::vector<double>& x,
                                                 const FuzzyAnchors& anchors);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_CALIBRATE_H_
