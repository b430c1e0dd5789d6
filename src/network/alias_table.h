// Internal: Walker's alias method (Vose's construction) for O(1) draws from a discrete
// distribution given by non-negative weights.
#ifndef DUCKWEED_SRC_NETWORK_ALIAS_TABLE_H_
#define DUCKWEED_SRC_NETWORK_ALIAS_TABLE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "duckweed/core/random.h"

namespace duckweed::network::internal {

class AliasTable {
 public:
  // REQUIRES: weights non-empty, finite, >= 0, with a positive sum.
  explicit AliasTable(std::span<const double> weights);

  uint32_t Sample(core::Rng& rng) const {
    const auto i = static_cast<uint32_t>(rng.Below(prob_.size()));
    return rng.Uniform() < prob_[i] ? i : alias_[i];
  }

 private:
  std::vector<double> prob_;
  std::vector<uint32_t> alias_;
};

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_ALIAS_TABLE_H_
