// Internal: the .dwg payload checksum (graph_cache.h), shared by the reader, the writer and the
// fuzz target (which fixes it up so that hostile arrays reach the CSR validation).
#ifndef DUCKWEED_SRC_NETWORK_GRAPH_CACHE_CHECKSUM_H_
#define DUCKWEED_SRC_NETWORK_GRAPH_CACHE_CHECKSUM_H_

#include <array>
#include <cstdint>
#include <cstring>

namespace duckweed::network::internal {

// A 4-lane multiply-xor hash over 8-byte words: detects corruption and truncation, fast enough
// (several GB/s) not to matter next to the read itself. Each array's last partial word is
// hashed zero-padded.
class Checksum {
 public:
  void Update(const void* data, uint64_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    const uint64_t words = bytes / 8;
    uint64_t i = 0;
    for (; i + 4 <= words; i += 4) {
      for (int k = 0; k < 4; ++k) Mix(k, Load(p + 8 * (i + k)));
    }
    for (; i < words; ++i) Mix(0, Load(p + 8 * i));
    if (bytes % 8 != 0) {
      uint64_t tail = 0;
      std::memcpy(&tail, p + 8 * words, bytes % 8);
      Mix(1, tail);
    }
  }
  uint64_t Value() const {
    uint64_t h = 0;
    for (const uint64_t lane : lanes_) h = (h ^ lane) * kPrime + (h >> 31);
    return h;
  }

 private:
  static constexpr uint64_t kPrime = 0x9E3779B97F4A7C15ull;
  static uint64_t Load(const unsigned char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  void Mix(int k, uint64_t w) {
    lanes_[k] = (lanes_[k] ^ w) * kPrime;
    lanes_[k] ^= lanes_[k] >> 29;
  }
  std::array<uint64_t, 4> lanes_ = {1, 2, 3, 4};
};

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_GRAPH_CACHE_CHECKSUM_H_
