#include "duckweed/core/random.h"

namespace duckweed::core {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Rng Rng::ForStream(uint64_t seed, uint64_t stream) {
  // Mix seed and stream through two SplitMix64 rounds so that neighbouring (seed, stream) pairs
  // land far apart in state space.
  uint64_t mix = seed;
  uint64_t key = SplitMix64(mix) ^ (stream * 0xD1B54A32D192ED03ULL);
  Rng rng;
  for (uint64_t& word : rng.s_) word = SplitMix64(key);
  if ((rng.s_[0] | rng.s_[1] | rng.s_[2] | rng.s_[3]) == 0) rng.s_[0] = 1;  // all-zero is absorbing
  return rng;
}

uint64_t Rng::Below(uint64_t n) {
  __uint128_t m = static_cast<__uint128_t>(Next()) * n;
  auto low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<__uint128_t>(Next()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

}  // namespace duckweed::core
