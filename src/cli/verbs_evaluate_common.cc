// Helpers shared by the evaluate verbs.
#include "cli/verbs_evaluate_common.h"

#include <fmt/format.h>

#include <cmath>

#include "duckweed/core/file.h"

namespace duckweed::cli {

using core::Result;
using nlohmann::ordered_json;

std::string Num(const std::optional<double>& v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : "n/a";
}

}  // namespace duckweed::cli
