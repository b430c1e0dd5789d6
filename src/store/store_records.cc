// Store: indicator definitions, observations and initiatives.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "duckweed/store/store.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Statement;

namespace {

// Runs `stmt` to completion, appending read(stmt) for each row.
template <typename T, typename Read>
Result<std::vector<T>> Rows(Statement& stmt, Read read) {
  std::vector<T> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(read(stmt));
  }
  return out;
}

Indicator ReadIndicator(const Statement& s) {
  return Indicator{s.Text(0), s.Text(1), s.Text(2), s.Text(3),
                   s.Text(4), s.Text(5), s.Text(6), s.Text(7)};
}

// Observations are upserted this many rows per statement: one round trip per batch instead of
// per row, which is what a PostgreSQL server over a socket needs (7 parameters a row, far below
// either backend's limit).
constexpr size_t kBatchRows = 256;

// The rows to write: for each key its last occurrence (what row-by-row upserts would leave;
// a multi-row PostgreSQL upsert refuses to touch one row twice).
std::vector<const Observation*> LastPerKey(const std::vector<Observation>& observations) {
  std::unordered_map<std::string, size_t> last;
  for (size_t i = 0; i < observations.size(); ++i) {
    const Observation& o = observations[i];
    last[fmt::format("{}\x1f{}\x1f{}\x1f{}", o.territory_id, o.indicator_id, o.year, o.kind)] = i;
  }
  std::vector<const Observation*> rows;
  rows.reserve(last.size());
  for (size_t i = 0; i < observations.size(); ++i) {
    const Observation& o = observations[i];
    const auto it = last.find(
        fmt::format("{}\x1f{}\x1f{}\x1f{}", o.territory_id, o.indicator_id, o.year, o.kind));
    if (it->second == i) rows.push_back(&o);
  }
  return rows;
}

Result<Statement> PrepareObservationUpsert(internal::Connection* db, size_t rows) {
  std::string values;
  for (size_t i = 0; i < rows; ++i)
    values += i ? ", (?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?)";
  return Statement::Prepare(db, fmt::format(R"sql(
      INSERT INTO observation (territory_id, indicator_id, year, kind, value, source, note)
      VALUES {}
      ON CONFLICT (territory_id, indicator_id, year, kind) DO UPDATE SET
        value = excluded.value, source = excluded.source, note = excluded.note,
        version = observation.version + 1)sql",
                                            values));
}

// Binds `o` to parameters offset+1 .. offset+7.
void BindObservation(Statement& stmt, int offset, const Observation& o) {
  stmt.Bind(offset + 1, o.territory_id);
  stmt.Bind(offset + 2, o.indicator_id);
  stmt.Bind(offset + 3, static_cast<int64_t>(o.year));
  stmt.Bind(offset + 4, o.kind);
  stmt.Bind(offset + 5, o.value);
  stmt.Bind(offset + 6, o.source);
  stmt.Bind(offset + 7, o.note);
}

constexpr const char* kIndicatorColumns =
    "id, name, unit, domain, direction, description, source, formula";

}  // namespace

Status Store::UpsertIndicators(const std::vector<Indicator>& indicators) {
  return InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, R"sql(
      INSERT INTO indicator (id, name, unit, domain, direction, description, source, formula)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
        domain = excluded.domain, direction = excluded.direction,
        description = excluded.description, source = excluded.source,
        formula = excluded.formula)sql"));
    for (const Indicator& i : indicators) {
      stmt.Bind(1, i.id);
      stmt.Bind(2, i.name);
      stmt.Bind(3, i.unit);
      stmt.Bind(4, i.domain);
      stmt.Bind(5, i.direction);
      stmt.Bind(6, i.description);
      stmt.Bind(7, i.source);
      stmt.Bind(8, i.formula);
      Status status = stmt.Run();
      if (!status.ok()) {
        return Status::InvalidInput(fmt::format("indicator '{}': {}", i.id, status.message()));
      }
    }
    return Status::Ok();
  });
}

Result<std::optional<Indicator>> Store::GetIndicator(const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt, Statement::Prepare(db_, fmt::format("SELECT {} FROM indicator WHERE id = ?",
                                                          kIndicatorColumns)));
  stmt.Bind(1, id);
  DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Indicator>();
  return std::optional<Indicator>(ReadIndicator(stmt));
}

Result<std::vector<Indicator>> Store::ListIndicators() {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt, Statement::Prepare(db_, fmt::format("SELECT {} FROM indicator ORDER BY id",
                                                          kIndicatorColumns)));
  return Rows<Indicator>(stmt, ReadIndicator);
}

Result<bool> Store::IndicatorExists(const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt,
                            Statement::Prepare(db_, "SELECT 1 FROM indicator WHERE id = ?"));
  stmt.Bind(1, id);
  return stmt.Step();
}

Status Store::UpsertObservations(const std::vector<Observation>& observations) {
  return InTransaction([&]() -> Status {
    const std::vector<const Observation*> rows = LastPerKey(observations);
    std::optional<Statement> full;  // for kBatchRows rows, prepared once
    for (size_t start = 0; start < rows.size(); start += kBatchRows) {
      const size_t n = std::min(kBatchRows, rows.size() - start);
      std::optional<Statement> partial;
      if (n == kBatchRows && !full) {
        DUCKWEED_ASSIGN_OR_RETURN(Statement prepared, PrepareObservationUpsert(db_, n));
        full.emplace(std::move(prepared));
      } else if (n < kBatchRows) {
        DUCKWEED_ASSIGN_OR_RETURN(Statement prepared, PrepareObservationUpsert(db_, n));
        partial.emplace(std::move(prepared));
      }
      Statement& batch = partial ? *partial : *full;
      for (size_t i = 0; i < n; ++i)
        BindObservation(batch, static_cast<int>(7 * i), *rows[start + i]);
      DUCKWEED_RETURN_IF_ERROR(internal::Exec(db_, "SAVEPOINT observation_batch"));
      Status status = batch.Run();
      if (status.ok()) {
        DUCKWEED_RETURN_IF_ERROR(internal::Exec(db_, "RELEASE observation_batch"));
        continue;
      }
      // Name the row at fault: undo the batch and write it row by row up to the failure.
      DUCKWEED_RETURN_IF_ERROR(internal::Exec(db_, "ROLLBACK TO observation_batch"));
      DUCKWEED_ASSIGN_OR_RETURN(Statement single, PrepareObservationUpsert(db_, 1));
      for (size_t i = 0; i < n; ++i) {
        const Observation& o = *rows[start + i];
        BindObservation(single, 0, o);
        Status row_status = single.Run();
        if (!row_status.ok()) {
          return Status::InvalidInput(fmt::format("observation {} {} {}: {}", o.territory_id,
                                                  o.indicator_id, o.year, row_status.message()));
        }
      }
      return Status::InvalidInput(fmt::format("observations: {}", status.message()));
    }
    return Status::Ok();
  });
}

Result<std::vector<Observation>> Store::ListObservations(const std::string& territory_id) {
  // Two texts rather than "?1 = '' OR territory_id = ?1": SQLite plans a bound parameter without
  // its value, so the OR form scanned every observation for one town's page.
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT territory_id, indicator_id, year, kind, value, "
                                          "source, note FROM observation {} ORDER BY "
                                          "territory_id, indicator_id, year, kind",
                                          territory_id.empty() ? "" : "WHERE territory_id = ?1")));
  if (!territory_id.empty()) stmt.Bind(1, territory_id);
  return Rows<Observation>(stmt, [](const Statement& s) {
    return Observation{s.Text(0), s.Text(1), static_cast<int>(s.Int(2)), s.Text(3), s.Real(4),
                       s.Text(5), s.Text(6)};
  });
}

Status Store::UpsertInitiatives(const std::vector<Initiative>& initiatives) {
  return InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(db_, R"sql(
      INSERT INTO initiative (territory_id, title, domain, start_year, end_year, involvement,
        participants, budget, status, source)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (territory_id, title) DO UPDATE SET domain = excluded.domain,
        start_year = excluded.start_year, end_year = excluded.end_year,
        involvement = excluded.involvement, participants = excluded.participants,
        budget = excluded.budget, status = excluded.status, source = excluded.source,
        version = initiative.version + 1)sql"));
    for (const Initiative& i : initiatives) {
      stmt.Bind(1, i.territory_id);
      stmt.Bind(2, i.title);
      stmt.Bind(3, i.domain);
      stmt.Bind(4, i.start_year);
      stmt.Bind(5, i.end_year);
      stmt.Bind(6, i.involvement);
      stmt.Bind(7, i.participants);
      stmt.Bind(8, i.budget);
      stmt.Bind(9, i.status);
      stmt.Bind(10, i.source);
      Status status = stmt.Run();
      if (!status.ok()) {
        return Status::InvalidInput(
            fmt::format("initiative '{}' of {}: {}", i.title, i.territory_id, status.message()));
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<Initiative>> Store::ListInitiatives(const std::string& territory_id) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT territory_id, title, domain, start_year, "
                                          "end_year, involvement, participants, budget, status, "
                                          "source FROM initiative {} ORDER BY territory_id, "
                                          "start_year NULLS LAST, title",
                                          territory_id.empty() ? "" : "WHERE territory_id = ?1")));
  if (!territory_id.empty()) stmt.Bind(1, territory_id);
  return Rows<Initiative>(stmt, [](const Statement& s) {
    Initiative i;
    i.territory_id = s.Text(0);
    i.title = s.Text(1);
    i.domain = s.Text(2);
    if (auto v = s.OptInt(3)) i.start_year = static_cast<int>(*v);
    if (auto v = s.OptInt(4)) i.end_year = static_cast<int>(*v);
    i.involvement = s.Text(5);
    i.participants = s.OptInt(6);
    i.budget = s.OptReal(7);
    i.status = s.Text(8);
    i.source = s.Text(9);
    return i;
  });
}

}  // namespace duckweed::store
