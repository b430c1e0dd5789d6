// The store's entities as plain values. Ids are stable, human-readable strings `<scheme>:<code>`:
// `fr:62528` (INSEE commune), `fr-epci:246200364` (EPCI SIREN), `fr-dep:62`, `fr-reg:32`,
// `gn:2997577` (GeoNames id); project-typed places without an official code use `case:<slug>`.
//
// Optional numbers are std::optional: an empty CSV field / JSON null. Thread safety: values.
#ifndef DUCKWEED_STORE_ENTITIES_H_
#define DUCKWEED_STORE_ENTITIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duckweed::store {

struct Territory {
  std::string id;
  std::string name;
  std::string kind;     // commune, epci, departement, region, city, district, island, ...
  std::string country;  // ISO 3166-1 alpha-2 (FR, DE, ...), or "" when unknown
  std::optional<int64_t> population;
  std::optional<double> latitude;    // degrees, WGS84
  std::optional<double> longitude;   // degrees, WGS84
  std::vector<std::string> parents;  // direct memberships: commune -> EPCI, département, ...
  // On upsert: leave the stored memberships as they are and ignore `parents` (an import file
  // without a parents column or key). By default the listed parents replace the stored ones.
  bool keep_parents = false;
};

struct Indicator {
  std::string id;
  std::string name;
  std::string unit;
  std::string domain;
  std::string direction;  // "higher" or "lower" (is better), or "" when the source does not say
  std::string description;
  std::string source;
  std::string formula;  // "" when the indicator is observed, not computed
};

struct Observation {
  std::string territory_id;
  std::string indicator_id;
  int year = 0;
  std::string kind = "result";  // "result" or "target"
  double value = 0;
  std::string source;  // address of the page the figure comes from
  std::string note;
};

struct Initiative {
  std::string territory_id;
  std::string title;
  std::string domain;
  std::optional<int> start_year;
  std::optional<int> end_year;
  std::string involvement;  // inform | consult | co-produce | citizen-led
  std::optional<int64_t> participants;
  std::optional<double> budget;  // EUR
  std::string status;            // planned | ongoing | completed | stopped, or ""
  std::string source;
};

// A row as read from the store with its version: 1 when the row was first written, one more on
// every write of it since (an import or edit that rewrites it counts, even with the same values).
// An edit that carries the version it read cannot overwrite a change it has not seen.
template <typename T>
struct Versioned {
  T row;
  int64_t version = 0;
};

// A territory's neighbour with its great-circle distance.
struct Neighbour {
  Territory territory;
  double distance_km = 0;
};

// Validation of the closed vocabularies above.
bool IsValidTerritoryId(std::string_view id);  // <scheme>:<code>, scheme [a-z0-9-]+, code non-empty
bool IsValidDirection(std::string_view direction);      // "", higher, lower
bool IsValidObservationKind(std::string_view kind);     // result, target
bool IsValidInvolvement(std::string_view involvement);  // inform, consult, co-produce, citizen-led
bool IsValidInitiativeStatus(std::string_view status);  // "", planned, ongoing, completed, stopped

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_ENTITIES_H_
