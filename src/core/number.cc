#include "duckweed/core/number.h"

#include <fmt/format.h>

#include <cmath>

namespace duckweed::core {

std::string NonFiniteSpelling(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  return {};
}

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return NonFiniteSpelling(value);
  return fmt::format("{}", value);
}

std::string FormatFixed(double value, int decimals) {
  if (!std::isfinite(value)) return NonFiniteSpelling(value);
  return fmt::format("{:.{}f}", value, decimals);
}

}  // namespace duckweed::core
