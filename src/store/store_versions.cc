// Store: edits of one observation or initiative that carry the version the caller read, so a
// change made since is a conflict, not a silent overwrite (issue 15, item 3).
//
// Each edit is one statement whose condition is the version: INSERT ... ON CONFLICT DO NOTHING
// (create only), or UPDATE ... WHERE <key> AND version = N, both RETURNING the new version. When
// no row comes back, the row is read again to say why (absent, or at which version).
#include <fmt/format.h>

#include <optional>
#include <string>

#include "duckweed/store/store.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Statement;

namespace {

std::string Label(const Observation& o) {
  return fmt::format("observation {} {} {} ({})", o.territory_id, o.indicator_id, o.year, o.kind);
}

std::string Label(const Initiative& i) {
  return fmt::format("initiative '{}' of {}", i.title, i.territory_id);
}

// The outcome of an edit that wrote nothing: `current` is the row's version now (empty: no row).
template <typename T>
Status Refusal(const T& row, int64_t if_version, std::optional<int64_t> current) {
  if (!current) {
    return Status::NotFound(
        fmt::format("{}: no such row to change (it was never written or was "
                    "removed); write it without --if-version to create it",
                    Label(row)));
  }
  if (if_version == 0) {
    return Status::Conflict(
        fmt::format("{}: already exists (version {}); read it and retry with --if-version {}",
                    Label(row), *current, *current));
  }
  return Status::Conflict(
      fmt::format("{}: changed since version {} (now version {}); read it again and retry",
                  Label(row), if_version, *current));
}

// Steps a statement with RETURNING version: the new version, or nothing when no row was written.
// Constraint failures are bad input named after the row.
template <typename T>
Result<std::optional<int64_t>> Returned(Statement& stmt, const T& row) {
  Result<bool> stepped = stmt.Step();
  if (!stepped.ok()) {
    const Status& error = stepped.status();
    if (error.code() == core::Code::kInvalidInput) {
      return Status::InvalidInput(fmt::format("{}: {}", Label(row), error.message()));
    }
    return error;
  }
  if (!*stepped) return std::optional<int64_t>();
  const int64_t version = stmt.Int(0);
  DUCKWEED_ASSIGN_OR_RETURN(bool more, stmt.Step());  // finish the statement (SQLite)
  (void)more;
  return std::optional<int64_t>(version);
}

constexpr const char* kObservationKey =
    "territory_id = ?1 AND indicator_id = ?2 AND year = ?3 AND kind = ?4";

void BindObservation(Statement& stmt, const Observation& o) {
  stmt.Bind(1, o.territory_id);
  stmt.Bind(2, o.indicator_id);
  stmt.Bind(3, static_cast<int64_t>(o.year));
  stmt.Bind(4, o.kind);
  stmt.Bind(5, o.value);
  stmt.Bind(6, o.source);
  stmt.Bind(7, o.note);
}

void BindInitiative(Statement& stmt, const Initiative& i) {
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
}

// The SQL of the three kinds of edit of `table`: `insert` ends in its VALUES, `set` lists the
// non-key columns as "column = ?N", `key` is the WHERE condition on ?1, ?2, ...
struct EditSql {
  const char* table;
  const char* insert;
  const char* conflict_target;
  const char* set;
  const char* key;
  int version_param;  // the parameter number holding the version read
};

constexpr EditSql kObservationSql = {
    "observation",
    "INSERT INTO observation (territory_id, indicator_id, year, kind, value, source, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "territory_id, indicator_id, year, kind",
    "value = ?5, source = ?6, note = ?7",
    kObservationKey,
    8};

constexpr EditSql kInitiativeSql = {
    "initiative",
    "INSERT INTO initiative (territory_id, title, domain, start_year, end_year, involvement, "
    "participants, budget, status, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "territory_id, title",
    "domain = ?3, start_year = ?4, end_year = ?5, involvement = ?6, participants = ?7, "
    "budget = ?8, status = ?9, source = ?10",
    "territory_id = ?1 AND title = ?2",
    11};

// One edit of `row` in the caller's transaction; `bind` binds the row's parameters, `bind_key`
// its key's only.
template <typename T, typename Bind, typename BindKey>
Result<int64_t> Edit(internal::Connection* db, const EditSql& sql, const T& row,
                     std::optional<int64_t> if_version, Bind bind, BindKey bind_key) {
  if (if_version && *if_version < 0) {
    return Status::InvalidInput(
        fmt::format("{}: expected a version of 0 or more, found {}", Label(row), *if_version));
  }
  std::string text;
  if (!if_version) {
    text = fmt::format(
        "{} ON CONFLICT ({}) DO UPDATE SET {}, version = {}.version + 1 "
        "RETURNING version",
        sql.insert, sql.conflict_target, sql.set, sql.table);
  } else if (*if_version == 0) {
    text = fmt::format("{} ON CONFLICT ({}) DO NOTHING RETURNING version", sql.insert,
                       sql.conflict_target);
  } else {
    text = fmt::format(
        "UPDATE {0} SET {1}, version = version + 1 WHERE {2} AND version = ?{3} "
        "RETURNING version",
        sql.table, sql.set, sql.key, sql.version_param);
  }
  DUCKWEED_ASSIGN_OR_RETURN(Statement write, Statement::Prepare(db, text));
  bind(write, row);
  if (if_version && *if_version > 0) write.Bind(sql.version_param, *if_version);
  DUCKWEED_ASSIGN_OR_RETURN(std::optional<int64_t> written, Returned(write, row));
  if (written) return *written;
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement read,
      Statement::Prepare(db, fmt::format("SELECT version FROM {} WHERE {}", sql.table, sql.key)));
  bind_key(read, row);
  DUCKWEED_ASSIGN_OR_RETURN(bool found, read.Step());
  return Refusal(row, *if_version, found ? std::optional<int64_t>(read.Int(0)) : std::nullopt);
}

}  // namespace

Result<std::optional<Versioned<Observation>>> Store::GetObservation(const std::string& territory_id,
                                                                    const std::string& indicator_id,
                                                                    int year,
                                                                    const std::string& kind) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT value, source, note, version FROM observation "
                                          "WHERE {}",
                                          kObservationKey)));
  stmt.Bind(1, territory_id);
  stmt.Bind(2, indicator_id);
  stmt.Bind(3, static_cast<int64_t>(year));
  stmt.Bind(4, kind);
  DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Versioned<Observation>>();
  Versioned<Observation> out;
  out.row =
      Observation{territory_id, indicator_id, year, kind, stmt.Real(0), stmt.Text(1), stmt.Text(2)};
  out.version = stmt.Int(3);
  return std::optional<Versioned<Observation>>(std::move(out));
}

Result<int64_t> Store::SetObservation(const Observation& o, std::optional<int64_t> if_version) {
  int64_t version = 0;
  DUCKWEED_RETURN_IF_ERROR(InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(
        version, Edit(
                     db_, kObservationSql, o, if_version,
                     [](Statement& s, const Observation& row) { BindObservation(s, row); },
                     [](Statement& s, const Observation& row) {
                       s.Bind(1, row.territory_id);
                       s.Bind(2, row.indicator_id);
                       s.Bind(3, static_cast<int64_t>(row.year));
                       s.Bind(4, row.kind);
                     }));
    return Status::Ok();
  }));
  return version;
}

Result<std::optional<Versioned<Initiative>>> Store::GetInitiative(const std::string& territory_id,
                                                                  const std::string& title) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_,
                         "SELECT domain, start_year, end_year, involvement, participants, "
                         "budget, status, source, version FROM initiative WHERE "
                         "territory_id = ?1 AND title = ?2"));
  stmt.Bind(1, territory_id);
  stmt.Bind(2, title);
  DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Versioned<Initiative>>();
  Versioned<Initiative> out;
  Initiative& i = out.row;
  i.territory_id = territory_id;
  i.title = title;
  i.domain = stmt.Text(0);
  if (auto v = stmt.OptInt(1)) i.start_year = static_cast<int>(*v);
  if (auto v = stmt.OptInt(2)) i.end_year = static_cast<int>(*v);
  i.involvement = stmt.Text(3);
  i.participants = stmt.OptInt(4);
  i.budget = stmt.OptReal(5);
  i.status = stmt.Text(6);
  i.source = stmt.Text(7);
  out.version = stmt.Int(8);
  return std::optional<Versioned<Initiative>>(std::move(out));
}

Result<int64_t> Store::SetInitiative(const Initiative& i, std::optional<int64_t> if_version) {
  int64_t version = 0;
  DUCKWEED_RETURN_IF_ERROR(InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(
        version, Edit(
                     db_, kInitiativeSql, i, if_version,
                     [](Statement& s, const Initiative& row) { BindInitiative(s, row); },
                     [](Statement& s, const Initiative& row) {
                       s.Bind(1, row.territory_id);
                       s.Bind(2, row.title);
                     }));
    return Status::Ok();
  }));
  return version;
}

}  // namespace duckweed::store
