#include "duckweed/systemic/capacity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace duckweed::evaluate {

using core::Location;
using core::Result;
using core::Status;

namespace {
constexpr double kTolerance = 1e-9;
}  // namespace

double TwoAdditiveCapacity::mobius_single(size_t i) const {
  double sum = 0;
  for (size_t j = 0; j < size(); ++j) sum += interaction(i, j);
  return shapley_[i] - 0.5 * sum;
}

double TwoAdditiveCapacity::Mu(uint64_t subset) const {
  double mu = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (!(subset >> i & 1)) continue;
    mu += mobius_single(i);
    for (size_t j = i + 1; j < size(); ++j) {
      if (subset >> j & 1) mu += interaction(i, j);
    }
  }
  return mu;
}

int TwoAdditiveCapacity::IndexOf(const std::string& name) const {
  auto it = std::find(criteria_.begin(), criteria_.end(), name);
  return it == criteria_.end() ? -1 : static_cast<int>(it - criteria_.begin());
}

Result<TwoAdditiveCapacity> MakeTwoAdditive(std::vector<std::string> criteria,
                                            std::vector<double> shapley,
                                            const Interactions& interactions) {
  const size_t n = criteria.size();
  if (n == 0) return Status::InvalidInput("a capacity needs at least one criterion");
  if (n > 20) return Status::InvalidInput(fmt::format("at most 20 criteria, found {}", n));
  if (shapley.size() != n) return Status::Internal("shapley and criteria sizes differ");
  TwoAdditiveCapacity cap;
  cap.criteria_ = std::move(criteria);
  cap.shapley_ = std::move(shapley);
  cap.interaction_.assign(n * n, 0.0);
  std::set<std::string> seen;
  for (size_t i = 0; i < n; ++i) {
    const std::string& name = cap.criteria_[i];
    if (name.empty()) return Status::InvalidInput("empty criterion name", {"", 0, 0, "shapley"});
    if (!seen.insert(name).second) {
      return Status::InvalidInput(fmt::format("criterion '{}' listed twice", name));
    }
    if (!std::isfinite(cap.shapley_[i]) || cap.shapley_[i] < -kTolerance) {
      return Status::InvalidInput(
          fmt::format("Shapley importance must be a finite number >= 0, found {}", cap.shapley_[i]),
          {"", 0, 0, "shapley." + name});
    }
  }
  for (const auto& [pair, value] : interactions) {
    const int a = cap.IndexOf(pair.first);
    const int b = cap.IndexOf(pair.second);
    const std::string key = pair.first + "|" + pair.second;
    if (a < 0 || b < 0) {
      return Status::InvalidInput(
          fmt::format("unknown criterion '{}' (not among the Shapley importances)",
                      a < 0 ? pair.first : pair.second),
          {"", 0, 0, "interaction." + key});
    }
    if (a == b) {
      return Status::InvalidInput("a criterion cannot interact with itself",
                                  {"", 0, 0, "interaction." + key});
    }
    if (!std::isfinite(value)) {
      return Status::InvalidInput("interaction must be a finite number",
                                  {"", 0, 0, "interaction." + key});
    }
    if (cap.interaction_[a * n + b] != 0.0) {
      return Status::InvalidInput("pair listed twice", {"", 0, 0, "interaction." + key});
    }
    cap.interaction_[a * n + b] = value;
    cap.interaction_[b * n + a] = value;
  }
  const double total = std::accumulate(cap.shapley_.begin(), cap.shapley_.end(), 0.0);
  if (std::abs(total - 1.0) > kTolerance) {
    return Status::InvalidInput(fmt::format(
        "not normalised: the Shapley importances must sum to 1 (mu(N) = 1), found {:.6g}", total));
  }
  for (size_t i = 0; i < n; ++i) {
    double worst = cap.mobius_single(i);
    for (size_t j = 0; j < n; ++j) worst += std::min(0.0, cap.interaction(i, j));
    if (worst < -kTolerance) {
      return Status::InvalidInput(fmt::format(
          "not monotone at criterion '{}': m({}) + sum of its negative interactions = {:.6g} "
          "must be >= 0 (m({}) = phi - 1/2 sum_j I = {:.6g}); lower the redundancies of '{}' "
          "or raise its importance",
          cap.criteria_[i], cap.criteria_[i], worst, cap.criteria_[i], cap.mobius_single(i),
          cap.criteria_[i]));
    }
  }
  return cap;
}

double Choquet(const TwoAdditiveCapacity& capacity, std::span<const double> x) {
  const size_t n = capacity.size();
  double value = 0;
  for (size_t i = 0; i < n; ++i) {
    value += capacity.mobius_single(i) * x[i];
    for (size_t j = i + 1; j < n; ++j) value += capacity.interaction(i, j) * std::min(x[i], x[j]);
  }
  return value;
}

double StandaloneSum(const TwoAdditiveCapacity& capacity, std::span<const double> x) {
  double value = 0;
  for (size_t i = 0; i < capacity.size(); ++i) value += capacity.mobius_single(i) * x[i];
  return value;
}

double SystemicSurplus(const TwoAdditiveCapacity& capacity, std::span<const double> x) {
  const size_t n = capacity.size();
  double value = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) value += capacity.interaction(i, j) * std::min(x[i], x[j]);
  }
  return value;
}

double WeightedSum(const TwoAdditiveCapacity& capacity, std::span<const double> x) {
  double value = 0;
  for (size_t i = 0; i < capacity.size(); ++i) value += capacity.shapley(i) * x[i];
  return value;
}

}  // namespace duckweed::evaluate
