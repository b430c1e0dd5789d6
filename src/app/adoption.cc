// Observed adoption of a network, year by year (app/adoption.h).
#include "duckweed/app/adoption.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "duckweed/app/json_util.h"
#include "duckweed/store/table_import.h"

namespace duckweed::app {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

namespace {

// The year of an ISO date "YYYY[-MM[-DD]]", or nullopt.
std::optional<int> YearOf(const std::string& date) {
  if (date.size() < 4 || !std::all_of(date.begin(), date.begin() + 4, ::isdigit)) {
    return std::nullopt;
  }
  return std::stoi(date.substr(0, 4));
}

double Round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

Result<AdoptionOutcome> ObservedAdoption(const AdoptionRequest& request, store::Store& db) {
  DUCKWEED_ASSIGN_OR_RETURN(auto memberships, store::ListMembershipsOfNetwork(db, request.network));
  // The earliest dated membership of each member (an undated one only when none is dated).
  std::map<std::string, Adopter> first;
  for (const store::NetworkMembership& m : memberships) {
    const std::optional<int> year = YearOf(m.joined);
    auto [it, added] = first.try_emplace(m.territory_id);
    Adopter& a = it->second;
    if (added || (year && (!a.year || *year < *a.year))) {
      a.id = m.territory_id;
      a.year = year;
      a.channel = m.channel;
    }
  }
  if (first.empty()) {
    return Status::NotFound(
        fmt::format("the network '{}' has no member in the store (import one "
                    "with `duckweed import table FILE --network NAME`)",
                    request.network));
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto places,
                            db.ListTerritories({.kind = "", .country = "", .limit = 0}));
  AdoptionOutcome out;
  out.network = request.network;
  out.country = request.country;
  std::map<std::string, int> per_country;
  std::map<std::string, int> kinds;  // of the country's places, for the background
  for (const store::Territory& t : places) {
    if (!request.country.empty() && t.country == request.country &&
        (t.kind == "commune" || t.kind == "city")) {
      ++kinds[t.kind];
    }
    auto it = first.find(t.id);
    if (it == first.end()) continue;
    Adopter& a = it->second;
    a.name = t.name;
    a.country = t.country;
    a.latitude = t.latitude;
    a.longitude = t.longitude;
    ++per_country[t.country];
    if (request.country.empty() || t.country == request.country) out.adopters.push_back(a);
  }
  if (out.adopters.empty()) {
    return Status::NotFound(fmt::format("the network '{}' has no member in country '{}'",
                                        request.network, request.country),
                            {"", 0, 0, "country"});
  }
  std::sort(out.adopters.begin(), out.adopters.end(), [](const Adopter& a, const Adopter& b) {
    const int ya = a.year.value_or(1 << 30), yb = b.year.value_or(1 << 30);
    return ya != yb ? ya < yb : a.id < b.id;
  });
  std::map<int, int> joined;
  for (const Adopter& a : out.adopters) {
    if (a.year)
      ++joined[*a.year];
    else
      ++out.undated;
  }
  if (!joined.empty()) {
    int cumulative = 0;
    for (int y = joined.begin()->first; y <= joined.rbegin()->first; ++y) {
      const int n = joined.count(y) ? joined[y] : 0;
      cumulative += n;
      out.years.push_back({y, n, cumulative});
    }
  }
  for (const auto& [country, n] : per_country) out.countries.emplace_back(country, n);
  std::stable_sort(out.countries.begin(), out.countries.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (request.background && !kinds.empty()) {
    // The country's communes when it has them (France), else its cities.
    const std::string kind = kinds.count("commune") ? "commune" : "city";
    for (const store::Territory& t : places) {
      if (t.country != request.country || t.kind != kind || !t.latitude || !t.longitude) continue;
      out.background.push_back(Round2(*t.longitude));
      out.background.push_back(Round2(*t.latitude));
    }
  }
  return out;
}

ordered_json AdoptionJson(const AdoptionOutcome& outcome) {
  ordered_json years = ordered_json::array();
  for (const AdoptionYear& y : outcome.years) {
    years.push_back({{"year", y.year}, {"joined", y.joined}, {"cumulative", y.cumulative}});
  }
  ordered_json countries = ordered_json::array();
  for (const auto& [country, n] : outcome.countries) {
    countries.push_back({{"country", country}, {"members", n}});
  }
  ordered_json adopters = ordered_json::array();
  for (const Adopter& a : outcome.adopters) {
    adopters.push_back({{"id", a.id},
                        {"name", a.name},
                        {"country", a.country},
                        {"latitude", OptionalNumber(a.latitude)},
                        {"longitude", OptionalNumber(a.longitude)},
                        {"year", a.year ? ordered_json(*a.year) : ordered_json()},
                        {"channel", a.channel}});
  }
  return {{"network", outcome.network},
          {"country", outcome.country.empty() ? ordered_json() : ordered_json(outcome.country)},
          {"years", std::move(years)},
          {"undated", outcome.undated},
          {"countries", std::move(countries)},
          {"adopters", std::move(adopters)},
          {"background", outcome.background}};
}

}  // namespace duckweed::app
