// Reproducible random streams. Every stochastic result in duckweed depends only on the run's seed
// and the inputs, never on the number of threads or processes: each unit of work (a Monte Carlo
// replica, a bootstrap sample) draws from its own stream, derived from (seed, stream index).
//
// Generator: xoshiro256** (Blackman & Vigna), state seeded through SplitMix64 from a hash of
// (seed, stream). Satisfies std::uniform_random_bit_generator, so <random> distributions work too,
// though the members below are faster and identical on every platform (std distributions are not).
//
// Thread safety: an Rng is a value; use one per thread / per stream.
#ifndef DUCKWEED_CORE_RANDOM_H_
#define DUCKWEED_CORE_RANDOM_H_

#include <cstdint>
#include <limits>

namespace duckweed::core {

class Rng {
 public:
  using result_type = uint64_t;

  // The stream `stream` of the run seeded with `seed`. Distinct (seed, stream) pairs give
  // statistically independent sequences.
  static Rng ForStream(uint64_t seed, uint64_t stream);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<uint64_t>::max(); }

  result_type operator()() { return Next(); }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform double in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with probability p (p outside [0,1] is clamped by the comparison).
  bool Bernoulli(double p) { return Uniform() < p; }

  // Uniform integer in [0, n). REQUIRES: n > 0. Lemire's nearly-divisionless method, unbiased.
  uint64_t Below(uint64_t n);

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4] = {0, 0, 0, 0};
};

// SplitMix64 step: a good 64-bit mixer, used to derive seeds.
uint64_t SplitMix64(uint64_t& state);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_RANDOM_H_
