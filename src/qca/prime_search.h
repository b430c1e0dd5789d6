// Internal: the two prime implicant searches described in duckweed/qca/minimizer.h.
#ifndef DUCKWEED_SRC_QCA_PRIME_SEARCH_H_
#define DUCKWEED_SRC_QCA_PRIME_SEARCH_H_

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "qca/budget.h"
#include "qca/packed_cube.h"

namespace duckweed::qca::internal {

using CubeSet = std::unordered_set<PackedCube, PackedCubeHash>;

// Bottom-up search with unobserved configurations as don't-cares. Call SearchLevel(1), (2), ...
class RemainderPrimeSearch {
 public:
  RemainderPrimeSearch(std::vector<int> levels, const std::vector<std::vector<int>>& on,
                       const std::vector<std::vector<int>>& off);

  struct Level {
    std::vector<PackedCube> primes;  // PIs with exactly d literals
    size_t max_nonimplicant_on = 0;  // B_d: largest ON count of a non-implicant d-cube
  };
  Level SearchLevel(int d);
  int condition_count() const { return k_; }
  // Optional: SearchLevel stops early (an incomplete level) once the budget is exceeded or more
  // than kMaxStoredCubes implicants of one level would be held; check stopped() after each level.
  void set_budget(Budget* budget) { budget_ = budget; }
  bool stopped() const { return stopped_; }
  static constexpr size_t kMaxStoredCubes = 20'000'000;  // about 1 GB of hash set

 private:
  void Descend(int start, int depth, int d, uint64_t space);
  void Leaf(int d, uint64_t space);

  int k_;
  std::vector<int> levels_;
  size_t n_on_, n_off_;
  std::vector<uint8_t> on_vals_, off_vals_;                // row-major, k_ per row
  std::vector<std::vector<uint64_t>> on_keys_, off_keys_;  // per depth
  std::vector<int> chosen_;
  CubeSet previous_, current_;
  Level level_;
  // Stamp-marked direct tables for small key spaces.
  std::vector<uint32_t> off_stamp_, seen_stamp_, count_stamp_, count_;
  uint32_t stamp_ = 0;
  Budget* budget_ = nullptr;
  bool stopped_ = false;
};

}  // namespace duckweed::qca::internal

#endif  // DUCKWEED_SRC_QCA_PRIME_SEARCH_H_
