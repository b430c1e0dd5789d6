// Use case: a territory's profile — who it is (name, kind, country, population, coordinates), the
// territories it belongs to (EPCI, département, région, nearest first), its nearest neighbours,
// its observations with their sources, the indicators they measure, its targets and initiatives.
// Used by GET /api/v1/territories/{id} (and the dashboard's town page).
//
// Thread safety: reads the store given (one thread per store, store.h).
#ifndef DUCKWEED_APP_TERRITORY_PROFILE_H_
#define DUCKWEED_APP_TERRITORY_PROFILE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::app {

struct TerritoryProfile {
  store::Territory territory;
  std::vector<store::Territory> member_of;       // ancestors, nearest first
  std::vector<store::Neighbour> neighbours;      // nearest of the same kind, with coordinates
  std::vector<store::Observation> observations;  // kind "result", by indicator then year
  std::vector<store::Observation> targets;       // kind "target"
  std::vector<store::Indicator> indicators;      // those observed or targeted
  std::vector<store::Initiative> initiatives;
};

// `id_or_name` as store::FindTerritory takes it. Errors: NotFound naming it, kIoError.
core::Result<TerritoryProfile> LoadTerritoryProfile(store::Store& db, const std::string& id_or_name,
                                                    int neighbours = 8);

// One territory: {"id", "name", "kind", "country", "population", "latitude", "longitude",
// "parents"} (null for unknown numbers).
nlohmann::ordered_json TerritoryJson(const store::Territory& t);
nlohmann::ordered_json IndicatorJson(const store::Indicator& i);
nlohmann::ordered_json ObservationJson(const store::Observation& o);
nlohmann::ordered_json InitiativeJson(const store::Initiative& i);
// {"territory", "member_of": [...], "neighbours": [... + "distance_km"], "indicators": [...],
//  "observations": [...], "targets": [...], "initiatives": [...]}
nlohmann::ordered_json TerritoryProfileJson(const TerritoryProfile& p);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_TERRITORY_PROFILE_H_
