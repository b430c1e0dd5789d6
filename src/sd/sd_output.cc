#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "duckweed/core/csv.h"
#include "duckweed/core/number.h"
#include "duckweed/sd/sd_simulate.h"

namespace duckweed::sd {
std::string CsvHeader(const std::vector<std::string>& names) {
  std::string out = "time";
  for (const std::string& name : names) out += "," + core::CsvEscape(name);
  return out + "\n";
}

void AppendCsvRow(std::string& out, double time, const double* values, size_t n) {
  auto number = [&](double v) {
    if (std::isfinite(v)) {
      fmt::format_to(std::back_inserter(out), "{}", v);
    } else {
      out += core::NonFiniteSpelling(v);
    }
  };
  number(time);
  for (size_t c = 0; c < n; ++c) {
    out.push_back(',');
    number(values[c]);
  }
  out.push_back('\n');
}

std::string ResultsToCsv(const SimResults& results) {
  std::string out = CsvHeader(results.names);
  size_t cols = results.names.size();
  for (size_t r = 0; r < results.times.size(); ++r) {
    AppendCsvRow(out, results.times[r], results.values.data() + r * cols, cols);
  }
  return out;
}

}  // namespace duckweed::sd
