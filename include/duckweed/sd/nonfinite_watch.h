// Finds the first non-finite value of a trajectory, for the project's NaN rule (core/number.h):
// outputs print NaN/Inf/-Inf and stderr names the first variable and time that went non-finite.
//
// Thread safety: one watch per run; not shared.
#ifndef DUCKWEED_SD_NONFINITE_WATCH_H_
#define DUCKWEED_SD_NONFINITE_WATCH_H_

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace duckweed::sd {

class NonFiniteWatch {
 public:
  // Looks at one row (time or step `at`, `n` values in column order). O(n) until the first
  // non-finite value is seen, O(1) after.
  void See(double at, const double* values, size_t n) {
    if (found_) return;
    for (size_t c = 0; c < n; ++c) {
      if (!std::isfinite(values[c])) {
        found_ = true;
        at_ = at;
        column_ = c;
        value_ = values[c];
        return;
      }
    }
  }

  bool found() const { return found_; }

  // "'Stock' is NaN from time 3 (the first value of the run that is not a finite number)", or
  // an empty string when every value was finite. `axis` names what `at` counts ("time", "step").
  std::string Message(const std::vector<std::string>& names, const std::string& axis) const;

 private:
  bool found_ = false;
  double at_ = 0;
  size_t column_ = 0;
  double value_ = 0;
};

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_NONFINITE_WATCH_H_
