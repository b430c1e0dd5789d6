#include "store/sqlite.h"

#include <fmt/format.h>

namespace duckweed::store::internal {

core::Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message = fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
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

core::Status Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return core::Status::Ok();
  std::string message = error ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return SqliteError(nullptr, rc, message);
}

core::Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "preparing a statement");
  return Statement(db, stmt);
}

void Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void Statement::BindNullIfEmpty(int i, std::string_view text) {
  if (text.empty()) {
    sqlite3_bind_null(stmt_, i);
  } else {
    Bind(i, text);
  }
}

void Statement::Bind(int i, const std::optional<int64_t>& value) {
  if (value) {
    Bind(i, *value);
  } else {
    sqlite3_bind_null(stmt_, i);
  }
}

void Statement::Bind(int i, const std::optional<int>& value) {
  if (value) {
    Bind(i, static_cast<int64_t>(*value));
  } else {
    sqlite3_bind_null(stmt_, i);
  }
}

void Statement::Bind(int i, const std::optional<double>& value) {
  if (value) {
    Bind(i, *value);
  } else {
    sqlite3_bind_null(stmt_, i);
  }
}

core::Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, "executing a statement");
}

core::Status Statement::Run() {
  const int rc = sqlite3_step(stmt_);
  core::Status status;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) status = SqliteError(db_, rc, "writing");
  Reset();
  return status;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::optional<double> Statement::OptReal(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Real(col);
}

}  // namespace duckweed::store::internal
