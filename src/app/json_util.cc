#include "duckweed/app/json_util.h"

#include <cmath>

namespace duckweed::app {

double Clean(double v) { return std::abs(v) < 5e-13 ? 0.0 : v; }

nlohmann::ordered_json OptionalNumber(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

}  // namespace duckweed::app
