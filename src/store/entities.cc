#include "duckweed/store/entities.h"

#include <cmath>

namespace duckweed::store {

bool IsValidTerritoryId(std::string_view id) {
  const size_t colon = id.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == id.size()) return false;
  for (size_t i = 0; i < colon; ++i) {
    const char c = id[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  for (size_t i = colon + 1; i < id.size(); ++i) {
    const auto c = static_cast<unsigned char>(id[i]);
    if (c <= ' ' || c == '|' || c == 0x7f) return false;  // '|' separates parents in CSV
  }
  return true;
}

bool IsValidDirection(std::string_view d) { return d.empty() || d == "higher" || d == "lower"; }

bool IsValidObservationKind(std::string_view k) { return k == "result" || k == "target"; }

bool IsValidInvolvement(std::string_view v) {
  return v == "inform" || v == "consult" || v == "co-produce" || v == "citizen-led";
}

bool IsValidInitiativeStatus(std::string_view s) {
  return s.empty() || s == "planned" || s == "ongoing" || s == "completed" || s == "stopped";
}

}  // namespace duckweed::store
