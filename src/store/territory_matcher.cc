#include "store/territory_matcher.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "duckweed/core/geo.h"
#include "duckweed/store/entities.h"
#include "store/sqlite.h"

namespace duckweed::store::internal {

using core::Result;

namespace {

std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string TerritoryMatcher::Key(const std::string& name, const std::string& country) {
  return Lower(name) + '|' + country;
}

Result<TerritoryMatcher> TerritoryMatcher::Load(Store& store) {
  TerritoryMatcher m;
  DUCKWEED_ASSIGN_OR_RETURN(Statement all,
                            Statement::Prepare(store.handle(), "SELECT id, kind FROM territory"));
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, all.Step());
    if (!row) break;
    m.ids_.insert(all.Text(0));
  }
  DUCKWEED_ASSIGN_OR_RETURN(Statement places, Statement::Prepare(store.handle(), R"sql(
    SELECT id, name, country, latitude, longitude FROM territory
    WHERE kind NOT IN ('epci', 'departement', 'region')
      AND id NOT IN (SELECT territory_id FROM same_place WHERE other_id LIKE 'fr:%'))sql"));
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, places.Step());
    if (!row) break;
    m.Add({places.Text(0), places.Text(1), places.Text(2), places.OptReal(3), places.OptReal(4)});
  }
  return m;
}

void TerritoryMatcher::Add(PlaceEntry entry) {
  const size_t index = places_.size();
  ids_.insert(entry.id);
  by_key_[Key(entry.name, entry.country)].push_back(index);
  by_name_[Lower(entry.name)].push_back(index);
  places_.push_back(std::move(entry));
}

MatchResult TerritoryMatcher::Match(const std::string& name, const std::string& country,
                                    std::optional<double> latitude, std::optional<double> longitude,
                                    double max_km) const {
  MatchResult result;
  const auto& index = country.empty() ? by_name_ : by_key_;
  auto it = index.find(country.empty() ? Lower(name) : Key(name, country));
  if (it == index.end()) return result;
  std::vector<const PlaceEntry*> candidates;
  for (size_t i : it->second) candidates.push_back(&places_[i]);
  if (latitude && longitude) {
    const PlaceEntry* best = nullptr;
    double best_km = std::numeric_limits<double>::infinity();
    std::vector<const PlaceEntry*> unlocated;
    for (const PlaceEntry* p : candidates) {
      if (!p->latitude || !p->longitude) {
        unlocated.push_back(p);
        continue;
      }
      const double km = core::GreatCircleKm(*latitude, *longitude, *p->latitude, *p->longitude);
      if (km <= max_km && km < best_km) {
        best = p;
        best_km = km;
      }
    }
    if (best) {
      result.kind = MatchResult::kMatched;
      result.id = best->id;
      return result;
    }
    candidates = std::move(unlocated);
  }
  if (candidates.size() == 1) {
    result.kind = MatchResult::kMatched;
    result.id = candidates.front()->id;
  } else if (candidates.size() > 1) {
    result.kind = MatchResult::kAmbiguous;
    for (const PlaceEntry* p : candidates) result.candidates.push_back(*p);
  }
  return result;
}

}  // namespace duckweed::store::internal
