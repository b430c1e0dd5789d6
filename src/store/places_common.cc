#include "store/places_common.h"

#include "store/sqlite.h"

namespace duckweed::store::internal {

core::Status LocateLinkedCommunes(sqlite3* db, PlacesSummary& summary) {
  // SQLite returns the bare columns of the row holding max(population).
  DUCKWEED_RETURN_IF_ERROR(Exec(db, R"sql(
    UPDATE territory AS t SET latitude = g.lat, longitude = g.lon
    FROM (SELECT s.other_id AS fid, p.latitude AS lat, p.longitude AS lon, max(p.population)
          FROM same_place s JOIN territory p ON p.id = s.territory_id
          WHERE p.latitude IS NOT NULL GROUP BY s.other_id) AS g
    WHERE t.id = g.fid)sql"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement count,
      Statement::Prepare(db,
                         "SELECT count(*) FROM territory WHERE kind = 'commune' AND "
                         "latitude IS NOT NULL"));
  DUCKWEED_ASSIGN_OR_RETURN(bool row, count.Step());
  summary.located = row ? count.Int(0) : 0;
  return core::Status::Ok();
}

}  // namespace duckweed::store::internal
