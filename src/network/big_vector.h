// Internal: sizing large arrays. Page faults dominate filling a fresh 50-100 MB array (more so
// in virtual machines); asking for transparent huge pages on the fresh allocation cuts their
// number by 512. Only a hint: without THP support this is a plain resize.
#ifndef DUCKWEED_SRC_NETWORK_BIG_VECTOR_H_
#define DUCKWEED_SRC_NETWORK_BIG_VECTOR_H_

#include <sys/mman.h>

#include <cstdint>
#include <vector>

namespace duckweed::network::internal {

inline void AdviseHugePages(void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (bytes < 4 * kHuge) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Reserves room for `count` elements (advised as huge pages) before the caller fills it.
template <typename T>
void ReserveBig(std::vector<T>& v, size_t count) {
  if (v.capacity() >= count) return;
  v.reserve(count);
  AdviseHugePages(v.data(), v.capacity() * sizeof(T));
}

// resize() after ReserveBig: the zero-fill then faults in huge pages.
template <typename T>
void ResizeBig(std::vector<T>& v, size_t count) {
  ReserveBig(v, count);
  v.resize(count);
}

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_BIG_VECTOR_H_
