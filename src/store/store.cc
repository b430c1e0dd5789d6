#include "duckweed/store/store.h"

#include <fmt/format.h>

#include "store/migrations.h"
#include "store/sqlite.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Exec;
using internal::Statement;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = Status::IoError(fmt::format(
        "cannot open database '{}': {} (check that the directory exists and is writable)", path,
        db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return status;
  }
  std::unique_ptr<Store> store(new Store(db, path));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  DUCKWEED_RETURN_IF_ERROR(Exec(db, "PRAGMA foreign_keys = ON"));
  if (path != ":memory:" && !path.empty()) {
    // In WAL mode, synchronous=NORMAL stays consistent after a crash and avoids an fsync per
    // commit.
    Status wal = Exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    if (!wal.ok()) {
      return Status::IoError(fmt::format("cannot use database '{}': {}", path, wal.message()));
    }
  }
  DUCKWEED_RETURN_IF_ERROR(store->Migrate());
  return store;
}

Store::~Store() { sqlite3_close(db_); }

int Store::schema_version() const {
  auto stmt = Statement::Prepare(db_, "PRAGMA user_version");
  if (!stmt.ok()) return -1;
  auto row = stmt->Step();
  return row.ok() && *row ? static_cast<int>(stmt->Int(0)) : -1;
}

Status Store::Migrate() {
  const int current = schema_version();
  if (current < 0) {
    return Status::IoError(fmt::format("'{}' is not a readable SQLite database", path_));
  }
  const auto migrations = internal::Migrations();
  if (current > static_cast<int>(migrations.size())) {
    return Status::InvalidInput(
        fmt::format("database '{}' has schema version {}, newer than this duckweed ({})", path_,
                    current, migrations.size()));
  }
  for (size_t v = static_cast<size_t>(current); v < migrations.size(); ++v) {
    DUCKWEED_RETURN_IF_ERROR(InTransaction([&]() -> Status {
      DUCKWEED_RETURN_IF_ERROR(Exec(db_, migrations[v]));
      return Exec(db_, fmt::format("PRAGMA user_version = {}", v + 1).c_str());
    }));
  }
  return Status::Ok();
}

Status Store::InTransaction(const std::function<Status()>& body) {
  Status begin = Exec(db_, "BEGIN IMMEDIATE");
  if (!begin.ok()) {
    return Status::IoError(
        fmt::format("cannot write to database '{}': {}", path_, begin.message()));
  }
  Status status = body();
  if (status.ok()) {
    status = Exec(db_, "COMMIT");
    if (status.ok()) return status;
  }
  (void)Exec(db_, "ROLLBACK");
  return status;
}

Result<std::vector<std::pair<std::string, int64_t>>> Store::Counts() {
  static constexpr std::pair<const char*, const char*> kTables[] = {{"territories", "territory"},
                                                                    {"memberships", "membership"},
                                                                    {"indicators", "indicator"},
                                                                    {"observations", "observation"},
                                                                    {"initiatives", "initiative"}};
  std::vector<std::pair<std::string, int64_t>> counts;
  for (const auto& [label, table] : kTables) {
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement stmt, Statement::Prepare(db_, fmt::format("SELECT count(*) FROM {}", table)));
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    counts.emplace_back(label, row ? stmt.Int(0) : 0);
  }
  return counts;
}

}  // namespace duckweed::store
