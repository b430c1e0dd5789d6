// Use case: observed adoption — when the members of a network (the Covenant of Mayors signatories
// of the store, `import table --network`) joined it, year by year, with their places for a map.
// Used by GET /api/v1/networks/{name}/adoptions.
//
// Thread safety: reads the store given (one thread per store, store.h).
#ifndef DUCKWEED_APP_ADOPTION_H_
#define DUCKWEED_APP_ADOPTION_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::app {

struct AdoptionRequest {
  std::string network;  // as imported ("Covenant of Mayors")
  std::string country;  // ISO 3166-1 alpha-2; "" = every country
  // With a country: the places of that country (its communes, else its cities) as a faint
  // background, coordinates rounded to 0.01 degree.
  bool background = true;
};

struct Adopter {
  std::string id, name, country;
  std::optional<double> latitude, longitude;
  std::optional<int> year;  // the earliest join year of its memberships; nullopt: not dated
  std::string channel;      // of that earliest membership: direct | coordinator | supporter
};

struct AdoptionYear {
  int year = 0;
  int joined = 0;      // members whose first join is that year
  int cumulative = 0;  // members joined by the end of that year
};

struct AdoptionOutcome {
  std::string network, country;
  std::vector<Adopter> adopters;    // by year (undated last), then id
  std::vector<AdoptionYear> years;  // first to last dated year, every year present
  int undated = 0;
  std::vector<std::pair<std::string, int>> countries;  // members per country, most first
  std::vector<double> background;                      // lon, lat, lon, lat, ...
};

// Errors: NotFound when the network has no member (in that country), else the store's.
// O(members + territories of the country).
core::Result<AdoptionOutcome> ObservedAdoption(const AdoptionRequest& request, store::Store& db);

// {network, country, years [{year, joined, cumulative}], undated, countries [{country, members}],
//  adopters [{id, name, country, latitude, longitude, year, channel}], background [lon, lat, ...]}.
nlohmann::ordered_json AdoptionJson(const AdoptionOutcome& outcome);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_ADOPTION_H_
