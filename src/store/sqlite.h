// Internal: a thin RAII layer over sqlite3 prepared statements, with errors as Status.
#ifndef DUCKWEED_STORE_SQLITE_H_
#define DUCKWEED_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::store::internal {

// Status for a failed sqlite call: constraint failures are bad input, the rest internal/io.
core::Status SqliteError(sqlite3* db, int rc, std::string_view what);

// Runs one or more statements without results.
core::Status Exec(sqlite3* db, const char* sql);

class Statement {
 public:
  static core::Result<Statement> Prepare(sqlite3* db, std::string_view sql);
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binding, 1-based. Empty optionals bind NULL.
  void Bind(int i, std::string_view text);
  void BindNullIfEmpty(int i, std::string_view text);
  void Bind(int i, int64_t value) { sqlite3_bind_int64(stmt_, i, value); }
  void Bind(int i, double value) { sqlite3_bind_double(stmt_, i, value); }
  void Bind(int i, const std::optional<int64_t>& value);
  void Bind(int i, const std::optional<int>& value);
  void Bind(int i, const std::optional<double>& value);

  // Steps once: true when a row is available, false when done.
  core::Result<bool> Step();
  // Steps to completion (for writes), then resets for the next use.
  core::Status Run();
  void Reset();

  std::string Text(int col) const;
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<int64_t> OptInt(int col) const;
  std::optional<double> OptReal(int col) const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_SQLITE_H_
