// Quine–McCluskey merging over an explicit set of configurations (see minimizer.h).
#include <algorithm>

#include "qca/prime_search.h"

namespace duckweed::qca::internal {

std::vector<PackedCube> ExplicitPrimes(const std::vector<int>& levels,
                                       const std::vector<std::vector<int>>& on,
                                       const std::vector<std::vector<int>>& dc) {
  const int k = static_cast<int>(levels.size());
  CubeSet current;
  for (const auto& r : on) current.insert(Pack(r));
  for (const auto& r : dc) current.insert(Pack(r));
  CubeSet on_set;
  for (const auto& r : on) on_set.insert(Pack(r));
  std::vector<PackedCube> primes;
  while (!current.empty()) {
    CubeSet next;
    for (const PackedCube& cube : current) {
      bool merged = false;
      for (int c = 0; c < k; ++c) {
        if (cube.Get(c) < 0) continue;
        PackedCube variant = cube;
        bool all = true;
        for (int v = 0; v < levels[c] && all; ++v) {
          variant.Set(c, v);
          all = current.count(variant) > 0;
        }
        if (all) {
          merged = true;
          next.insert(cube.Without(c));
        }
      }
      if (!merged) primes.push_back(cube);
    }
    current.swap(next);
  }
  // Keep the primes covering at least one ON configuration.
  std::vector<PackedCube> kept;
  for (const PackedCube& p : primes) {
    for (const auto& r : on) {
      bool covers = true;
      for (int c = 0; c < k && covers; ++c) covers = p.Get(c) < 0 || p.Get(c) == r[c];
      if (covers) {
        kept.push_back(p);
        break;
      }
    }
  }
  return kept;
}

}  // namespace duckweed::qca::internal
