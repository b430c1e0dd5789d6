#include "network/alias_table.h"

#include <numeric>

namespace duckweed::network::internal {

AliasTable::AliasTable(std::span<const double> weights)
    : prob_(weights.size(), 1.0), alias_(weights.size()) {
  const size_t n = weights.size();
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> scaled(n);
  std::vector<uint32_t> small;
  std::vector<uint32_t> large;
  for (size_t i = 0; i < n; ++i) {
    alias_[i] = static_cast<uint32_t>(i);
    scaled[i] = weights[i] * static_cast<double>(n) / sum;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const uint32_t s = small.back();
    small.pop_back();
    const uint32_t l = large.back();
    prob_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Leftovers (rounding) keep probability 1 of themselves: only ones with weight ~1 remain.
  for (const uint32_t i : small) prob_[i] = weights[i] > 0 ? 1.0 : 0.0;
}

}  // namespace duckweed::network::internal
