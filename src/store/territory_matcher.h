// Internal: an in-memory index of the store's places by (name, country), for matching the rows of
// an imported table to territories (see duckweed/store/table_import.h for the rules).
#ifndef DUCKWEED_STORE_TERRITORY_MATCHER_H_
#define DUCKWEED_STORE_TERRITORY_MATCHER_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store::internal {

struct PlaceEntry {
  std::string id;
  std::string name;
  std::string country;
  std::optional<double> latitude, longitude;
};

struct MatchResult {
  enum Kind { kMatched, kNone, kAmbiguous } kind = kNone;
  std::string id;                      // when matched
  std::vector<PlaceEntry> candidates;  // when ambiguous
};

class TerritoryMatcher {
 public:
  // Loads every territory except EPCI, départements and régions, dropping GeoNames places that are
  // the same place as an INSEE commune (same_place: territory_id gn:..., other_id fr:...).
  static core::Result<TerritoryMatcher> Load(Store& store);
  bool Exists(const std::string& id) const { return ids_.count(id) > 0; }
  // Name (ASCII case-insensitive) within `country` ("" = any country); with coordinates, only
  // places within max_km count and the nearest wins.
  MatchResult Match(const std::string& name, const std::string& country,
                    std::optional<double> latitude, std::optional<double> longitude,
                    double max_km) const;
  // Adds a territory created by the import, so later rows can match it.
  void Add(PlaceEntry entry);

 private:
  static std::string Key(const std::string& name, const std::string& country);
  std::vector<PlaceEntry> places_;
  std::unordered_map<std::string, std::vector<size_t>> by_key_;   // name|country
  std::unordered_map<std::string, std::vector<size_t>> by_name_;  // name only
  std::unordered_set<std::string> ids_;                           // every territory id
};

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_TERRITORY_MATCHER_H_
