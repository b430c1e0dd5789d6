// Internal: an open-addressing set of 64-bit keys (pairs packed as u * n + v), for generators
// that must avoid repeated edges. Far lighter than std::unordered_set for millions of keys.
#ifndef DUCKWEED_SRC_NETWORK_PAIR_SET_H_
#define DUCKWEED_SRC_NETWORK_PAIR_SET_H_

#include <bit>
#include <cstdint>
#include <vector>

namespace duckweed::network::internal {

class PairSet {
 public:
  // Sized for `expected` keys at load <= 1/2. Keys must differ from kEmpty/kTombstone.
  explicit PairSet(uint64_t expected)
      : slots_(std::bit_ceil(expected * 2 + 16), kEmpty), mask_(slots_.size() - 1) {}

  bool Contains(uint64_t key) const {
    for (uint64_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) return true;
      if (slots_[i] == kEmpty) return false;
    }
  }
  // False when already present.
  bool Insert(uint64_t key) {
    uint64_t free_slot = kNone;
    for (uint64_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) return false;
      if (slots_[i] == kTombstone && free_slot == kNone) free_slot = i;
      if (slots_[i] == kEmpty) {
        slots_[free_slot == kNone ? i : free_slot] = key;
        return true;
      }
    }
  }
  void Erase(uint64_t key) {
    for (uint64_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == key) {
        slots_[i] = kTombstone;
        return;
      }
      if (slots_[i] == kEmpty) return;
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static constexpr uint64_t kTombstone = ~uint64_t{0} - 1;
  static constexpr uint64_t kNone = ~uint64_t{0};
  static uint64_t Hash(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  std::vector<uint64_t> slots_;
  uint64_t mask_;
};

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_PAIR_SET_H_
