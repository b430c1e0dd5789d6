#include "duckweed/systemic/store_source.h"

#include <fmt/format.h>

#include <map>

namespace duckweed::evaluate {

using core::Result;
using core::Status;

Result<TownInputs> LoadTownFromStore(store::Store& db, const std::string& town,
                                     const Taxonomy& taxonomy) {
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, db.FindTerritory(town));
  if (!territory) {
    return Status::NotFound(fmt::format("no territory '{}' in the database {}", town, db.path()));
  }
  TownInputs in;
  in.territory = *territory;
  DUCKWEED_ASSIGN_OR_RETURN(auto observations, db.ListObservations(territory->id));
  std::map<std::string, std::vector<const store::Observation*>> results, targets;
  for (const auto& o : observations)
    (o.kind == "target" ? targets : results)[o.indicator_id].push_back(&o);
  for (const auto& [id, list] : results) {
    DUCKWEED_ASSIGN_OR_RETURN(auto indicator, db.GetIndicator(id));
    const std::string theme = indicator ? indicator->domain : "";
    const Domain* domain = taxonomy.Resolve(theme);
    if (!domain) {
      in.skipped.push_back(
          fmt::format("{}: no domain ('{}' is not a domain nor an ADEME theme)", id, theme));
      continue;
    }
    auto target = targets.find(id);
    if (target == targets.end()) {
      in.skipped.push_back(fmt::format("{}: no target observation", id));
      continue;
    }
    IndicatorSpec spec;
    spec.indicator = id;
    spec.domain = domain->id;
    spec.target = target->second.back()->value;  // the latest target year
    spec.baseline_year = list.front()->year;     // ordered by year
    spec.where = {db.path(), 0, 0, id};
    if (indicator->direction == "higher") spec.direction = "up";
    if (indicator->direction == "lower") spec.direction = "down";
    if (list.front()->value == spec.target) {
      in.skipped.push_back(fmt::format("{}: baseline equals target", id));
      continue;
    }
    in.specs.push_back(spec);
    for (const auto* o : list) {
      in.observations.push_back({id, o->year, o->value, {db.path(), 0, 0, id}});
    }
  }
  return in;
}

}  // namespace duckweed::evaluate
