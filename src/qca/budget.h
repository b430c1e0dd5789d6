// Internal: a wall-clock budget for the minimiser's exponential stages (prime implicant search,
// merging, cover search), so that a problem too large for the time given ends in a clear error
// instead of running for hours. Polled from inner loops; the clock is read once per 1024 polls.
#ifndef DUCKWEED_SRC_QCA_BUDGET_H_
#define DUCKWEED_SRC_QCA_BUDGET_H_

#include <chrono>
#include <cstdint>

namespace duckweed::qca::internal {

class Budget {
 public:
  // `seconds` <= 0: unlimited.
  explicit Budget(double seconds)
      : limited_(seconds > 0),
        deadline_(std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                      std::chrono::duration<double>(limited_ ? seconds : 0))) {}

  // True once the deadline has passed (then for good).
  bool Exceeded() {
    if (exceeded_ || !limited_) return exceeded_;
    if ((++polls_ & 1023) == 0) exceeded_ = std::chrono::steady_clock::now() > deadline_;
    return exceeded_;
  }
  // Reads the clock now (between stages).
  bool CheckNow() {
    if (limited_ && !exceeded_) exceeded_ = std::chrono::steady_clock::now() > deadline_;
    return exceeded_;
  }
  bool exceeded() const { return exceeded_; }

 private:
  bool limited_;
  std::chrono::steady_clock::time_point deadline_;
  uint64_t polls_ = 0;
  bool exceeded_ = false;
};

}  // namespace duckweed::qca::internal

#endif  // DUCKWEED_SRC_QCA_BUDGET_H_
