#include <fmt/format.h>

#include "duckweed/dynamics/sd_simulate.h"

namespace duckweed::dynamics {
namespace {

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string ResultsToCsv(const SimResults& results) {
  std::string out = "time";
  for (const std::string& name : results.names) out += "," + CsvField(name);
  out += "\n";
  size_t cols = results.names.size();
  for (size_t r = 0; r < results.times.size(); ++r) {
    out += fmt::format("{}", results.times[r]);
    for (size_t c = 0; c < cols; ++c) out += fmt::format(",{}", results.values[r * cols + c]);
    out += "\n";
  }
  return out;
}

}  // namespace duckweed::dynamics
