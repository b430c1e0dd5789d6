// Value functions: turn an indicator's raw observation into a score in [0,1].
//
// A value function is a list of anchors (raw value -> score), strictly increasing in raw value,
// scores in [0,1]; between anchors it interpolates linearly, outside it holds the end scores.
// Linear(baseline, target) is the common case: 0 at the baseline-year value, 1 at the target,
// whichever direction the target lies in (a target below the baseline rewards decreases, e.g.
// emissions). Piecewise anchors express thresholds or diminishing returns.
//
// Thread safety: immutable values. Complexity: Apply is O(log anchors).
#ifndef DUCKWEED_SYSTEMIC_VALUE_FUNCTION_H_
#define DUCKWEED_SYSTEMIC_VALUE_FUNCTION_H_

#include <string>
#include <utility>
#include <vector>

#include "duckweed/core/result.h"

namespace duckweed::evaluate {

class ValueFunction {
 public:
  // Errors: baseline == target, non-finite values.
  static core::Result<ValueFunction> Linear(double baseline, double target);
  // Errors: fewer than 2 anchors, raw values not strictly increasing, a score outside [0,1],
  // non-finite values.
  static core::Result<ValueFunction> Piecewise(std::vector<std::pair<double, double>> anchors);
  // Parses "v1:s1;v2:s2;..." (the CSV form of Piecewise).
  static core::Result<ValueFunction> ParsePiecewise(const std::string& text);

  double Apply(double raw) const;
  const std::vector<std::pair<double, double>>& anchors() const { return anchors_; }

 private:
  std::vector<std::pair<double, double>> anchors_;
};

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_VALUE_FUNCTION_H_
