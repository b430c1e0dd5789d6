// SUM, MEAN, MIN, MAX, PROD and STDDEV over a list of values: one fold shared by the tree
// evaluator and the bytecode VM, so that the two give the same bits (the tree is the oracle).
#ifndef DUCKWEED_SRC_SD_SD_REDUCE_H_
#define DUCKWEED_SRC_SD_SD_REDUCE_H_

#include <algorithm>
#include <cmath>

namespace duckweed::sd {

// `OpT` is Op or VmOp (both name the reductions kMin, kMax, kProd, kMean, kStddev; anything else
// sums). `value_at(i)` gives the i-th of `n` values. An empty list reduces to 0.
template <class OpT, class ValueAt>
double ReduceValues(OpT op, int n, ValueAt value_at) {
  if (n == 0) return 0;
  double acc = op == OpT::kProd ? 1 : op == OpT::kMin ? INFINITY : op == OpT::kMax ? -INFINITY : 0;
  double sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    double v = value_at(i);
    switch (op) {
      case OpT::kMin:
        acc = std::min(acc, v);
        break;
      case OpT::kMax:
        acc = std::max(acc, v);
        break;
      case OpT::kProd:
        acc *= v;
        break;
      default:
        acc += v;
        sum_sq += v * v;
        break;
    }
  }
  if (op == OpT::kMean) return acc / n;
  if (op == OpT::kStddev) {
    double mean = acc / n;
    return std::sqrt(std::max(0.0, sum_sq / n - mean * mean));
  }
  return acc;
}

}  // namespace duckweed::sd

#endif  // DUCKWEED_SRC_SD_SD_REDUCE_H_
