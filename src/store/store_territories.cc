// Store: territories, memberships and geographic neighbours.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "duckweed/core/geo.h"
#include "duckweed/store/store.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Statement;

namespace {

constexpr const char* kColumns = "id, name, kind, country, population, latitude, longitude";
// LIMIT for "all rows" that both backends accept (PostgreSQL refuses a negative one).
constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max();

// ASCII letters in lower case, other bytes kept: the case folding of SQLite's lower() and NOCASE
// and of PostgreSQL's lower() under COLLATE "C".
std::string AsciiLower(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `text` for a LIKE pattern escaped with a backslash: %, _ and the backslash match themselves.
std::string EscapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Territory ReadTerritory(const Statement& stmt) {
  Territory t;
  t.id = stmt.Text(0);
  t.name = stmt.Text(1);
  t.kind = stmt.Text(2);
  t.country = stmt.Text(3);
  t.population = stmt.OptInt(4);
  t.latitude = stmt.OptReal(5);
  t.longitude = stmt.OptReal(6);
  return t;
}

// Runs a territory query (already bound), then fills each row's parents.
Result<std::vector<Territory>> Collect(internal::Connection* db, Statement& stmt) {
  std::vector<Territory> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ReadTerritory(stmt));
  }
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement parents,
      Statement::Prepare(db, "SELECT parent_id FROM membership WHERE child_id = ? ORDER BY 1"));
  for (Territory& t : out) {
    parents.Bind(1, t.id);
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, parents.Step());
      if (!row) break;
      t.parents.push_back(parents.Text(0));
    }
    parents.Reset();
  }
  return out;
}

Result<std::optional<Territory>> First(Result<std::vector<Territory>> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Territory>();
  return std::optional<Territory>(std::move(rows->front()));
}

}  // namespace

Status Store::UpsertTerritories(const std::vector<Territory>& territories) {
  return InTransaction([&] { return UpsertTerritoriesNoTxn(territories); });
}

Status Store::UpsertTerritoriesNoTxn(const std::vector<Territory>& territories) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db_, R"sql(
    INSERT INTO territory (id, name, kind, country, population, latitude, longitude)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
    ON CONFLICT (id) DO UPDATE SET
      name = excluded.name, kind = excluded.kind,
      country = CASE WHEN excluded.country = '' THEN territory.country ELSE excluded.country END,
      population = COALESCE(excluded.population, territory.population),
      latitude = COALESCE(excluded.latitude, territory.latitude),
      longitude = COALESCE(excluded.longitude, territory.longitude))sql"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement member,
      Statement::Prepare(
          db_,
          "INSERT INTO membership (child_id, parent_id) VALUES (?, ?) ON CONFLICT DO NOTHING"));
  for (const Territory& t : territories) {
    upsert.Bind(1, t.id);
    upsert.Bind(2, t.name);
    upsert.Bind(3, t.kind);
    upsert.Bind(4, t.country);
    upsert.Bind(5, t.population);
    upsert.Bind(6, t.latitude);
    upsert.Bind(7, t.longitude);
    Status status = upsert.Run();
    if (!status.ok())
      return Status::InvalidInput(fmt::format("territory '{}': {}", t.id, status.message()));
  }
  DUCKWEED_ASSIGN_OR_RETURN(Statement forget,
                            Statement::Prepare(db_, "DELETE FROM membership WHERE child_id = ?"));
  for (const Territory& t : territories) {
    if (t.keep_parents) continue;
    forget.Bind(1, t.id);
    DUCKWEED_RETURN_IF_ERROR(forget.Run());
    for (const std::string& parent : t.parents) {
      member.Bind(1, t.id);
      member.Bind(2, parent);
      Status status = member.Run();
      if (!status.ok()) {
        return Status::InvalidInput(
            fmt::format("territory '{}': parent '{}': {}", t.id, parent, status.message()));
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Store::FindParentCycle(const std::vector<std::string>& ids) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement parents_of,
      Statement::Prepare(db_, "SELECT parent_id FROM membership WHERE child_id = ? ORDER BY 1"));
  auto parents = [&](const std::string& id) -> Result<std::vector<std::string>> {
    parents_of.Bind(1, id);
    std::vector<std::string> out;
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, parents_of.Step());
      if (!row) break;
      out.push_back(parents_of.Text(0));
    }
    parents_of.Reset();
    return out;
  };
  enum Mark { kOnPath = 1, kDone = 2 };
  std::map<std::string, int> mark;
  struct Frame {
    std::string id;
    std::vector<std::string> parents;
    size_t next = 0;
  };
  for (const std::string& start : ids) {
    if (mark.count(start)) continue;
    std::vector<Frame> path;
    DUCKWEED_ASSIGN_OR_RETURN(auto first, parents(start));
    path.push_back({start, std::move(first)});
    mark[start] = kOnPath;
    while (!path.empty()) {
      Frame& top = path.back();
      if (top.next == top.parents.size()) {
        mark[top.id] = kDone;
        path.pop_back();
        continue;
      }
      const std::string parent = top.parents[top.next++];
      const int seen = mark.count(parent) ? mark[parent] : 0;
      if (seen == kOnPath) {  // back to a territory on the current path: a cycle
        std::vector<std::string> cycle;
        bool in_cycle = false;
        for (const Frame& f : path) {
          in_cycle = in_cycle || f.id == parent;
          if (in_cycle) cycle.push_back(f.id);
        }
        cycle.push_back(parent);
        return cycle;
      }
      if (seen == kDone) continue;
      DUCKWEED_ASSIGN_OR_RETURN(auto next_parents, parents(parent));
      mark[parent] = kOnPath;
      path.push_back({parent, std::move(next_parents)});
    }
  }
  return std::vector<std::string>{};
}

Result<std::optional<Territory>> Store::GetTerritory(const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT {} FROM territory WHERE id = ?", kColumns)));
  stmt.Bind(1, id);
  return First(Collect(db_, stmt));
}

Result<std::optional<Territory>> Store::FindTerritory(const std::string& id_or_name) {
  DUCKWEED_ASSIGN_OR_RETURN(std::optional<Territory> by_id, GetTerritory(id_or_name));
  if (by_id) return by_id;
  // Prefer official French units over GeoNames places of the same name, then the most populous.
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT {} FROM territory WHERE {} "
                                          "ORDER BY (kind = 'city'), population DESC NULLS LAST, "
                                          "id LIMIT 1",
                                          kColumns, db_->NoCaseEquals("name"))));
  stmt.Bind(1, AsciiLower(id_or_name));
  return First(Collect(db_, stmt));
}

Result<std::vector<Territory>> Store::ListTerritories(const TerritoryFilter& filter) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT {} FROM territory WHERE (?1 = '' OR kind = ?1) "
                                          "AND (?2 = '' OR country = ?2) ORDER BY id LIMIT ?3",
                                          kColumns)));
  stmt.Bind(1, filter.kind);
  stmt.Bind(2, filter.country);
  stmt.Bind(3, filter.limit > 0 ? int64_t{filter.limit} : kNoLimit);
  return Collect(db_, stmt);
}

Result<std::vector<Territory>> Store::SearchTerritories(const std::string& text, int limit) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT {} FROM territory WHERE lower(name) LIKE "
                                          "'%' || ?1 || '%' ESCAPE '\\' ORDER BY "
                                          "population DESC NULLS LAST, id LIMIT ?2",
                                          kColumns)));
  stmt.Bind(1, EscapeLike(AsciiLower(text)));
  stmt.Bind(2, limit > 0 ? int64_t{limit} : kNoLimit);
  return Collect(db_, stmt);
}

Result<std::vector<Territory>> Store::Ancestors(const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, fmt::format(R"sql(
    WITH RECURSIVE up(id, depth) AS (
      SELECT parent_id, 1 FROM membership WHERE child_id = ?1
      UNION
      SELECT m.parent_id, up.depth + 1 FROM membership m JOIN up ON m.child_id = up.id
      WHERE up.depth < 16)
    SELECT {} FROM territory JOIN (SELECT id AS aid, min(depth) AS d FROM up GROUP BY id) AS a
      ON a.aid = territory.id
    ORDER BY CASE kind WHEN 'epci' THEN 1 WHEN 'departement' THEN 2 WHEN 'region' THEN 3
      ELSE 4 END, d, id)sql",
                                                                                kColumns)));
  stmt.Bind(1, id);
  return Collect(db_, stmt);
}

Result<std::vector<Neighbour>> Store::NearestNeighbours(const std::string& id, int k) {
  DUCKWEED_ASSIGN_OR_RETURN(std::optional<Territory> self, GetTerritory(id));
  if (!self) return Status::NotFound(fmt::format("no territory '{}'", id));
  std::vector<Neighbour> out;
  if (!self->latitude || !self->longitude || k <= 0) return out;
  const double lat = *self->latitude;
  const double lon = *self->longitude;
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, fmt::format(R"sql(
    SELECT {} FROM territory
    WHERE kind || '' = ?1 AND id <> ?2
      AND latitude BETWEEN ?3 AND ?4 AND longitude BETWEEN ?5 AND ?6
      AND id NOT IN (SELECT other_id FROM same_place WHERE territory_id = ?2
                     UNION SELECT territory_id FROM same_place WHERE other_id = ?2))sql",
                                                                                kColumns)));
  // `kind || ''` keeps SQLite (no statistics) from reading all the territories of the kind through
  // territory_by_kind: the latitude band of territory_by_latitude is far smaller (2 ms, not 5, for
  // a commune among 35,000). Widen a box of half-side `deg` degrees until it holds k candidates;
  // the k nearest within the inscribed circle are then exact.
  for (double deg = 0.1; deg <= 180; deg *= 2) {
    const double dlon = std::min(180.0, deg / std::max(0.01, std::cos(core::Radians(lat))));
    stmt.Bind(1, self->kind);
    stmt.Bind(2, id);
    stmt.Bind(3, lat - deg);
    stmt.Bind(4, lat + deg);
    stmt.Bind(5, lon - dlon);
    stmt.Bind(6, lon + dlon);
    out.clear();
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      Territory t = ReadTerritory(stmt);
      const double d = core::GreatCircleKm(lat, lon, *t.latitude, *t.longitude);
      out.push_back({std::move(t), d});
    }
    stmt.Reset();
    const double radius_km = deg * 105.0;  // a circle safely inside the box
    const auto within = std::count_if(
        out.begin(), out.end(), [&](const Neighbour& n) { return n.distance_km <= radius_km; });
    if (within >= k || deg >= 180) break;
  }
  std::sort(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) {
    return a.distance_km != b.distance_km ? a.distance_km < b.distance_km
                                          : a.territory.id < b.territory.id;
  });
  if (static_cast<int>(out.size()) > k) out.resize(static_cast<size_t>(k));
  return out;
}

Result<bool> Store::TerritoryExists(const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt,
                            Statement::Prepare(db_, "SELECT 1 FROM territory WHERE id = ?"));
  stmt.Bind(1, id);
  return stmt.Step();
}

}  // namespace duckweed::store
