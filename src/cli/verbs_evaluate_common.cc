// Helpers shared by the evaluate verbs.
#include "cli/verbs_evaluate_common.h"

#include <fmt/format.h>

#include <cmath>

#include "duckweed/core/file.h"

namespace duckweed::cli {

using core::Result;
using nlohmann::ordered_json;

Result<evaluate::TwoAdditiveCapacity> LoadCapacity(const std::string& path) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  return evaluate::ParseCapacityJson(text, path);
}

double Clean(double v) { return std::abs(v) < 5e-13 ? 0.0 : v; }

ordered_json OptionalNumber(const std::optional<double>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}
std::string Num(const std::optional<double>& v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : "n/a";
}

}  // namespace duckweed::cli
