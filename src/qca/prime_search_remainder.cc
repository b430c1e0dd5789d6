// CCubes-like bottom-up prime implicant search with remainders as don't-cares (see minimizer.h).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "qca/prime_search.h"

namespace duckweed::qca::internal {

namespace {
constexpr uint64_t kDirectLimit = uint64_t{1} << 20;  // key spaces up to this use flat tables
}

RemainderPrimeSearch::RemainderPrimeSearch(std::vector<int> levels,
                                           const std::vector<std::vector<int>>& on,
                                           const std::vector<std::vector<int>>& off)
    : k_(static_cast<int>(levels.size())),
      levels_(std::move(levels)),
      n_on_(on.size()),
      n_off_(off.size()) {
  on_vals_.reserve(n_on_ * k_);
  for (const auto& r : on) on_vals_.insert(on_vals_.end(), r.begin(), r.end());
  off_vals_.reserve(n_off_ * k_);
  for (const auto& r : off) off_vals_.insert(off_vals_.end(), r.begin(), r.end());
  on_keys_.assign(k_ + 1, std::vector<uint64_t>(n_on_, 0));
  off_keys_.assign(k_ + 1, std::vector<uint64_t>(n_off_, 0));
  // Depth 0: the empty cube is an implicant iff OFF is empty.
  if (n_off_ == 0) previous_.insert(PackedCube{});
}

RemainderPrimeSearch::Level RemainderPrimeSearch::SearchLevel(int d) {
  level_ = Level{};
  current_.clear();
  chosen_.assign(d, 0);
  Descend(0, 0, d, 1);
  previous_.swap(current_);
  current_.clear();
  return std::move(level_);
}

void RemainderPrimeSearch::Descend(int start, int depth, int d, uint64_t space) {
  if (depth == d) {
    if ((budget_ && budget_->Exceeded()) || current_.size() > kMaxStoredCubes) {
      stopped_ = true;
      return;
    }
    Leaf(d, space);
    return;
  }
  for (int c = start; c <= k_ - (d - depth) && !stopped_; ++c) {
    chosen_[depth] = c;
    const uint64_t L = levels_[c];
    const auto& on_in = on_keys_[depth];
    auto& on_out = on_keys_[depth + 1];
    for (size_t i = 0; i < n_on_; ++i) on_out[i] = on_in[i] * L + on_vals_[i * k_ + c];
    const auto& off_in = off_keys_[depth];
    auto& off_out = off_keys_[depth + 1];
    for (size_t i = 0; i < n_off_; ++i) off_out[i] = off_in[i] * L + off_vals_[i * k_ + c];
    Descend(c + 1, depth + 1, d, space * L);
  }
}

void RemainderPrimeSearch::Leaf(int d, uint64_t space) {
  const auto& on_keys = on_keys_[d];
  const auto& off_keys = off_keys_[d];
  auto consider = [&](size_t i) {
    PackedCube cube;
    for (int j = 0; j < d; ++j) cube.Set(chosen_[j], on_vals_[i * k_ + chosen_[j]]);
    bool prime = true;
    for (int j = 0; j < d && prime; ++j) prime = !previous_.count(cube.Without(chosen_[j]));
    if (prime) level_.primes.push_back(cube);
    current_.insert(cube);
  };
  if (space <= kDirectLimit) {
    if (off_stamp_.size() < space) {
      off_stamp_.assign(space, 0);
      seen_stamp_.assign(space, 0);
      count_stamp_.assign(space, 0);
      count_.assign(space, 0);
      stamp_ = 0;
    }
    if (++stamp_ == 0) {  // wrapped: clear the tables once
      std::fill(off_stamp_.begin(), off_stamp_.end(), 0);
      std::fill(seen_stamp_.begin(), seen_stamp_.end(), 0);
      std::fill(count_stamp_.begin(), count_stamp_.end(), 0);
      stamp_ = 1;
    }
    for (size_t i = 0; i < n_off_; ++i) off_stamp_[off_keys[i]] = stamp_;
    for (size_t i = 0; i < n_on_; ++i) {
      uint64_t key = on_keys[i];
      if (off_stamp_[key] == stamp_) {
        if (count_stamp_[key] != stamp_) {
          count_stamp_[key] = stamp_;
          count_[key] = 0;
        }
        level_.max_nonimplicant_on = std::max<size_t>(level_.max_nonimplicant_on, ++count_[key]);
      } else if (seen_stamp_[key] != stamp_) {
        seen_stamp_[key] = stamp_;
        consider(i);
      }
    }
    return;
  }
  std::unordered_set<uint64_t> off(off_keys.begin(), off_keys.end());
  std::unordered_map<uint64_t, size_t> counts;
  std::unordered_set<uint64_t> seen;
  for (size_t i = 0; i < n_on_; ++i) {
    uint64_t key = on_keys[i];
    if (off.count(key)) {
      level_.max_nonimplicant_on = std::max(level_.max_nonimplicant_on, ++counts[key]);
    } else if (seen.insert(key).second) {
      consider(i);
    }
  }
}

}  // namespace duckweed::qca::internal
