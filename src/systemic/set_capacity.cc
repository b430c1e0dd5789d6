#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "duckweed/systemic/capacity.h"

namespace duckweed::evaluate {

using core::Result;
using core::Status;

namespace {
double Factorial(int k) {
  double f = 1;
  for (int i = 2; i <= k; ++i) f *= i;
  return f;
}
}  // namespace

Result<SetCapacity> SetCapacity::Make(int n, std::vector<double> values) {
  if (n < 1 || n > 20 || values.size() != (size_t{1} << n)) {
    return Status::InvalidInput(fmt::format("a capacity on {} criteria needs 2^{} values", n, n));
  }
  if (std::abs(values[0]) > 1e-9) return Status::InvalidInput("mu(empty set) must be 0");
  if (std::abs(values.back() - 1.0) > 1e-9) return Status::InvalidInput("mu(N) must be 1");
  for (uint64_t s = 0; s < values.size(); ++s) {
    for (int i = 0; i < n; ++i) {
      if ((s >> i & 1) && values[s] < values[s & ~(uint64_t{1} << i)] - 1e-9) {
        return Status::InvalidInput(fmt::format("not monotone: mu(subset {:#x}) < mu(subset {:#x})",
                                                s, s & ~(uint64_t{1} << i)));
      }
    }
  }
  SetCapacity c;
  c.n_ = n;
  c.values_ = std::move(values);
  return c;
}

SetCapacity SetCapacity::FromTwoAdditive(const TwoAdditiveCapacity& capacity) {
  SetCapacity c;
  c.n_ = static_cast<int>(capacity.size());
  c.values_.resize(size_t{1} << c.n_);
  for (uint64_t s = 0; s < c.values_.size(); ++s) c.values_[s] = capacity.Mu(s);
  return c;
}

double SetCapacity::Shapley(int i) const {
  double phi = 0;
  const uint64_t bit = uint64_t{1} << i;
  for (uint64_t s = 0; s < values_.size(); ++s) {
    if (s & bit) continue;
    const int k = std::popcount(s);
    phi += Factorial(n_ - k - 1) * Factorial(k) / Factorial(n_) * (values_[s | bit] - values_[s]);
  }
  return phi;
}

double SetCapacity::Interaction(int i, int j) const {
  double index = 0;
  const uint64_t bi = uint64_t{1} << i, bj = uint64_t{1} << j;
  for (uint64_t s = 0; s < values_.size(); ++s) {
    if (s & (bi | bj)) continue;
    const int k = std::popcount(s);
    const double delta = values_[s | bi | bj] - values_[s | bi] - values_[s | bj] + values_[s];
    index += Factorial(n_ - k - 2) * Factorial(k) / Factorial(n_ - 1) * delta;
  }
  return index;
}

double Choquet(const SetCapacity& capacity, std::span<const double> x) {
  const int n = capacity.n();
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return x[a] < x[b]; });
  uint64_t upper = (uint64_t{1} << n) - 1;  // criteria scoring at least the current level
  double value = 0, previous = 0;
  for (int k = 0; k < n; ++k) {
    value += (x[order[k]] - previous) * capacity.Mu(upper);
    previous = x[order[k]];
    upper &= ~(uint64_t{1} << order[k]);
  }
  return value;
}

}  // namespace duckweed::evaluate
