// Internal: a cube packed into 128 bits (4 bits per condition: 0 = absent, value + 1 otherwise),
// for hashing in the prime implicant searches. Supports up to 32 conditions of up to 15 levels.
#ifndef DUCKWEED_SRC_QCA_PACKED_CUBE_H_
#define DUCKWEED_SRC_QCA_PACKED_CUBE_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "duckweed/qca/cube.h"

namespace duckweed::qca::internal {

inline constexpr int kMaxConditions = 32;
inline constexpr int kMaxLevels = 15;

struct PackedCube {
  uint64_t word[2] = {0, 0};

  int Get(int c) const { return static_cast<int>((word[c >> 4] >> ((c & 15) * 4)) & 15) - 1; }
  void Set(int c, int value) {
    uint64_t& w = word[c >> 4];
    int shift = (c & 15) * 4;
    w = (w & ~(uint64_t{15} << shift)) | (uint64_t(value + 1) << shift);
  }
  PackedCube Without(int c) const {
    PackedCube p = *this;
    p.word[c >> 4] &= ~(uint64_t{15} << ((c & 15) * 4));
    return p;
  }
  friend bool operator==(const PackedCube& a, const PackedCube& b) {
    return a.word[0] == b.word[0] && a.word[1] == b.word[1];
  }
};

struct PackedCubeHash {
  size_t operator()(const PackedCube& p) const {
    uint64_t h = p.word[0] * 0x9E3779B97F4A7C15ull ^ (p.word[1] + 0x632BE59BD9B4E019ull);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<size_t>(h ^ (h >> 32));
  }
};

inline PackedCube Pack(const std::vector<int>& config) {
  PackedCube p;
  for (size_t c = 0; c < config.size(); ++c) {
    if (config[c] >= 0) p.Set(static_cast<int>(c), config[c]);
  }
  return p;
}

inline Cube Unpack(const PackedCube& p, int k) {
  Cube cube;
  cube.values.resize(k);
  for (int c = 0; c < k; ++c) cube.values[c] = p.Get(c);
  return cube;
}

}  // namespace duckweed::qca::internal

#endif  // DUCKWEED_SRC_QCA_PACKED_CUBE_H_
