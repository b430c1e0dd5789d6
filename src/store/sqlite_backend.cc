// The SQLite Connection: WAL journaling for files, foreign keys on, a busy wait of
// $DUCKWEED_BUSY_TIMEOUT_MS (5 s by default).
#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "store/backends.h"

namespace duckweed::store::internal {
namespace {

constexpr const char* kBusyTimeoutVariable = "DUCKWEED_BUSY_TIMEOUT_MS";
constexpr int kDefaultBusyTimeoutMs = 5000;
constexpr int64_t kMaxBusyTimeoutMs = 86'400'000;

// How long a connection waits for another writer's lock: $DUCKWEED_BUSY_TIMEOUT_MS (a whole
// number of milliseconds, 0 to 86400000), else 5000. A malformed value is kInvalidInput.
core::Result<int> BusyTimeoutMs() {
  const char* text = std::getenv(kBusyTimeoutVariable);
  if (text == nullptr || *text == '\0') return kDefaultBusyTimeoutMs;
  const std::string_view s(text);
  int64_t value = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < 0 || value > kMaxBusyTimeoutMs) {
    return core::Status::InvalidInput(
        fmt::format("expected a whole number of milliseconds from 0 to {}, found '{}'",
                    kMaxBusyTimeoutMs, s),
        core::Location{"environment", 0, 0, kBusyTimeoutVariable});
  }
  return static_cast<int>(value);
}

// What sqlite says about `rc`, phrased for a user; `detail` is sqlite's own message. A busy
// database says how long this connection waited and to retry.
std::string Explain(int rc, std::string_view detail) {
  if ((rc & 0xff) != SQLITE_BUSY) return std::string(detail);
  auto waited = BusyTimeoutMs();
  return fmt::format(
      "the database is busy with another writer; waited {} ms for it (set {} to wait longer); "
      "retry when the other command has finished",
      waited.ok() ? *waited : kDefaultBusyTimeoutMs, kBusyTimeoutVariable);
}

// Status for a failed sqlite call: constraint failures are bad input, the rest internal/io.
// `message` is the whole text (sqlite's message already in it, once).
core::Status Classify(int rc, std::string message) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
      return core::Status::InvalidInput(message);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return core::Status::IoError(message);
    default:
      return core::Status::Internal(message);
  }
}

core::Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  return Classify(
      rc, fmt::format("{}: {}", what, Explain(rc, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc))));
}

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindNull(int i) override { sqlite3_bind_null(stmt_, i); }
  void BindText(int i, std::string_view text) override {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindInt(int i, int64_t value) override { sqlite3_bind_int64(stmt_, i, value); }
  void BindReal(int i, double value) override { sqlite3_bind_double(stmt_, i, value); }

  core::Result<bool> Step(const char* what) override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, rc, what);
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  ValueType Type(int col) const override {
    switch (sqlite3_column_type(stmt_, col)) {
      case SQLITE_NULL:
        return ValueType::kNull;
      case SQLITE_INTEGER:
        return ValueType::kInt;
      case SQLITE_FLOAT:
        return ValueType::kReal;
      default:
        return ValueType::kText;
    }
  }
  std::string Text(int col) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (text == nullptr) return {};
    return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const override { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteConnection() override { sqlite3_close(db_); }

  Backend backend() const override { return Backend::kSqlite; }
  const std::string& address() const override { return path_; }

  core::Status Exec(std::string_view sql) override {
    char* error = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc == SQLITE_OK) return core::Status::Ok();
    std::string message = Explain(rc, error ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    return Classify(rc, std::move(message));
  }

  core::Result<std::unique_ptr<StatementImpl>> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "preparing a statement");
    return std::unique_ptr<StatementImpl>(new SqliteStatement(db_, stmt));
  }

  core::Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  core::Status BeginRead() override { return Exec("BEGIN"); }

  int SchemaVersion() override {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK) {
      return -1;
    }
    const int version = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return version;
  }

  // BEGIN IMMEDIATE already holds the write lock.
  core::Status LockSchema() override { return core::Status::Ok(); }

  core::Status SetSchemaVersion(int version) override {
    return Exec(fmt::format("PRAGMA user_version = {}", version));
  }

  std::string NoCaseEquals(std::string_view column) const override {
    return fmt::format("{} = ? COLLATE NOCASE", column);
  }

  std::string Ddl(std::string_view sqlite_ddl) const override { return std::string(sqlite_ddl); }

  core::Result<std::vector<std::string>> Tables() override {
    DUCKWEED_ASSIGN_OR_RETURN(auto stmt, Prepare("SELECT name FROM sqlite_schema WHERE type = "
                                                 "'table' AND name NOT LIKE 'sqlite\\_%' "
                                                 "ESCAPE '\\' AND name <> 'store_change' "
                                                 "ORDER BY name"));
    std::vector<std::string> names;
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt->Step("listing tables"));
      if (!row) break;
      names.push_back(stmt->Text(0));
    }
    return names;
  }

  core::Status ContinueIdentities(const std::string&) override { return core::Status::Ok(); }

  core::Status CheckIntegrity() override {
    DUCKWEED_ASSIGN_OR_RETURN(auto check, Prepare("PRAGMA integrity_check"));
    std::string problems;
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, check->Step("checking integrity"));
      if (!row) break;
      if (check->Text(0) != "ok") problems += (problems.empty() ? "" : "; ") + check->Text(0);
    }
    DUCKWEED_ASSIGN_OR_RETURN(auto keys, Prepare("PRAGMA foreign_key_check"));
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, keys->Step("checking foreign keys"));
      if (!row) break;
      problems += fmt::format("{}a row of {} refers to a missing {} row",
                              problems.empty() ? "" : "; ", keys->Text(0), keys->Text(2));
    }
    if (problems.empty()) return core::Status::Ok();
    return core::Status::IoError(
        fmt::format("database '{}' fails its integrity check: {}", path_, problems));
  }

 private:
  sqlite3* db_;
  std::string path_;
};

}  // namespace

core::Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    core::Status status = core::Status::IoError(fmt::format(
        "cannot open database '{}': {} (check that the directory exists and is writable)", path,
        db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return status;
  }
  auto connection = std::make_unique<SqliteConnection>(db, path);
  DUCKWEED_ASSIGN_OR_RETURN(int busy_timeout_ms, BusyTimeoutMs());
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  DUCKWEED_RETURN_IF_ERROR(connection->Exec("PRAGMA foreign_keys = ON"));
  if (path != ":memory:" && !path.empty()) {
    // In WAL mode, synchronous=NORMAL stays consistent after a crash and avoids an fsync per
    // commit.
    // Switching a new database to WAL answers SQLITE_BUSY at once, without the busy handler,
    // while another process is opening or migrating it at the same moment; retried here within
    // the same busy timeout (seen with eight processes opening one new database).
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    int rc = SQLITE_OK;
    while (true) {
      rc = sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
      const int primary = rc & 0xff;
      if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
          std::chrono::steady_clock::now() >= deadline) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    core::Status wal = rc == SQLITE_OK ? connection->Exec("PRAGMA synchronous = NORMAL")
                                       : SqliteError(db, rc, "switching to WAL journaling");
    if (!wal.ok()) {
      return core::Status::IoError(
          fmt::format("cannot use database '{}': {}", path, wal.message()));
    }
  }
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace duckweed::store::internal
