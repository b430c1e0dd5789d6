#include "duckweed/app/territory_profile.h"

#include <fmt/format.h>

#include <set>

#include "duckweed/app/json_util.h"

namespace duckweed::app {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

Result<TerritoryProfile> LoadTerritoryProfile(store::Store& db, const std::string& id_or_name,
                                              int neighbours) {
  TerritoryProfile p;
  DUCKWEED_RETURN_IF_ERROR(db.InSnapshot([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(auto found, db.FindTerritory(id_or_name));
    if (!found) return Status::NotFound(fmt::format("no territory '{}'", id_or_name));
    p.territory = std::move(*found);
    DUCKWEED_ASSIGN_OR_RETURN(p.member_of, db.Ancestors(p.territory.id));
    if (p.territory.latitude && p.territory.longitude && neighbours > 0) {
      DUCKWEED_ASSIGN_OR_RETURN(p.neighbours, db.NearestNeighbours(p.territory.id, neighbours));
    }
    DUCKWEED_ASSIGN_OR_RETURN(auto rows, db.ListObservations(p.territory.id));
    std::set<std::string> measured;
    for (auto& o : rows) {
      measured.insert(o.indicator_id);
      (o.kind == "target" ? p.targets : p.observations).push_back(std::move(o));
    }
    for (const auto& id : measured) {
      DUCKWEED_ASSIGN_OR_RETURN(auto indicator, db.GetIndicator(id));
      if (indicator) p.indicators.push_back(std::move(*indicator));
    }
    DUCKWEED_ASSIGN_OR_RETURN(p.initiatives, db.ListInitiatives(p.territory.id));
    return Status::Ok();
  }));
  return p;
}

ordered_json TerritoryJson(const store::Territory& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"kind", t.kind},
          {"country", t.country},
          {"population", t.population ? ordered_json(*t.population) : ordered_json(nullptr)},
          {"latitude", OptionalNumber(t.latitude)},
          {"longitude", OptionalNumber(t.longitude)},
          {"parents", t.parents}};
}

ordered_json IndicatorJson(const store::Indicator& i) {
  return {{"id", i.id},         {"name", i.name},           {"unit", i.unit},
          {"domain", i.domain}, {"direction", i.direction}, {"description", i.description},
          {"source", i.source}, {"formula", i.formula}};
}

ordered_json ObservationJson(const store::Observation& o) {
  return {{"territory", o.territory_id},
          {"indicator", o.indicator_id},
          {"year", o.year},
          {"kind", o.kind},
          {"value", o.value},
          {"source", o.source},
          {"note", o.note}};
}

ordered_json InitiativeJson(const store::Initiative& i) {
  auto opt_int = [](const auto& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
  return {{"territory", i.territory_id},
          {"title", i.title},
          {"domain", i.domain},
          {"start_year", opt_int(i.start_year)},
          {"end_year", opt_int(i.end_year)},
          {"involvement", i.involvement},
          {"participants", opt_int(i.participants)},
          {"budget", OptionalNumber(i.budget)},
          {"status", i.status},
          {"source", i.source}};
}

ordered_json TerritoryProfileJson(const TerritoryProfile& p) {
  ordered_json out;
  out["territory"] = TerritoryJson(p.territory);
  out["member_of"] = ordered_json::array();
  for (const auto& t : p.member_of) out["member_of"].push_back(TerritoryJson(t));
  out["neighbours"] = ordered_json::array();
  for (const auto& n : p.neighbours) {
    ordered_json one = TerritoryJson(n.territory);
    one["distance_km"] = n.distance_km;
    out["neighbours"].push_back(std::move(one));
  }
  out["indicators"] = ordered_json::array();
  for (const auto& i : p.indicators) out["indicators"].push_back(IndicatorJson(i));
  out["observations"] = ordered_json::array();
  for (const auto& o : p.observations) out["observations"].push_back(ObservationJson(o));
  out["targets"] = ordered_json::array();
  for (const auto& o : p.targets) out["targets"].push_back(ObservationJson(o));
  out["initiatives"] = ordered_json::array();
  for (const auto& i : p.initiatives) out["initiatives"].push_back(InitiativeJson(i));
  return out;
}

}  // namespace duckweed::app
