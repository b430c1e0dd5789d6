// Small helpers every outcome's JSON uses: optional numbers as null, floating-point dust as 0.
// Thread safety: pure functions.
#ifndef DUCKWEED_APP_JSON_UTIL_H_
#define DUCKWEED_APP_JSON_UTIL_H_

#include <nlohmann/json.hpp>
#include <optional>

namespace duckweed::app {

// Rounds away floating-point dust so that an exact tie prints as 0, not -0.0000.
double Clean(double v);
// The value, or JSON null when absent.
nlohmann::ordered_json OptionalNumber(const std::optional<double>& v);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_JSON_UTIL_H_
