#include "store/places_common.h"

#include "store/sql.h"

namespace duckweed::store::internal {

core::Status LocateLinkedCommunes(Connection* db, PlacesSummary& summary) {
  // Only communes without coordinates (the commune table's are better): the most populous linked
  // place (ties: the smallest id) gives its coordinates.
  DUCKWEED_RETURN_IF_ERROR(Exec(db, R"sql(
    UPDATE territory AS t SET latitude = g.lat, longitude = g.lon
    FROM (SELECT fid, lat, lon FROM
            (SELECT s.other_id AS fid, p.latitude AS lat, p.longitude AS lon,
                    row_number() OVER (PARTITION BY s.other_id
                                       ORDER BY p.population DESC NULLS LAST, p.id) AS place_rank
             FROM same_place s JOIN territory p ON p.id = s.territory_id
             WHERE p.latitude IS NOT NULL) AS ranked
          WHERE place_rank = 1) AS g
    WHERE t.id = g.fid AND t.latitude IS NULL)sql"));
  // EPCIs and départements: population-weighted mean of their located communes; régions: of
  // their départements' located communes. A rough centre for neighbour queries, not a centroid.
  DUCKWEED_RETURN_IF_ERROR(Exec(db, R"sql(
    UPDATE territory AS t SET latitude = g.lat, longitude = g.lon
    FROM (SELECT m.parent_id AS pid,
                 sum(c.latitude * (c.population + 1)) / sum(c.population + 1) AS lat,
                 sum(c.longitude * (c.population + 1)) / sum(c.population + 1) AS lon
          FROM membership m JOIN territory c ON c.id = m.child_id
          WHERE c.kind = 'commune' AND c.latitude IS NOT NULL GROUP BY m.parent_id) AS g
    WHERE t.id = g.pid AND t.kind IN ('epci', 'departement');
    UPDATE territory AS t SET latitude = g.lat, longitude = g.lon
    FROM (SELECT r.parent_id AS pid,
                 sum(c.latitude * (c.population + 1)) / sum(c.population + 1) AS lat,
                 sum(c.longitude * (c.population + 1)) / sum(c.population + 1) AS lon
          FROM membership r JOIN territory d ON d.id = r.child_id AND d.kind = 'departement'
          JOIN membership m ON m.parent_id = d.id JOIN territory c ON c.id = m.child_id
          WHERE c.kind = 'commune' AND c.latitude IS NOT NULL GROUP BY r.parent_id) AS g
    WHERE t.id = g.pid AND t.kind = 'region')sql"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement count,
      Statement::Prepare(db,
                         "SELECT count(*) FROM territory WHERE kind = 'commune' AND "
                         "latitude IS NOT NULL"));
  DUCKWEED_ASSIGN_OR_RETURN(bool row, count.Step());
  summary.located = row ? count.Int(0) : 0;
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement all,
      Statement::Prepare(db, "SELECT count(*) FROM territory WHERE kind = 'commune'"));
  DUCKWEED_ASSIGN_OR_RETURN(row, all.Step());
  summary.communes = row ? all.Int(0) : 0;
  return core::Status::Ok();
}

}  // namespace duckweed::store::internal
