#include "duckweed/core/utc_time.h"

namespace duckweed::core {

std::string FormatUtc(std::time_t t) {
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string UtcNow() { return FormatUtc(std::time(nullptr)); }

}  // namespace duckweed::core
