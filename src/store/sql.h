// Internal: the store's database seam. One Connection per open store, SQLite or PostgreSQL
// (libpq) behind it, and a backend-neutral prepared Statement over it.
//
// SQL is written once, in the dialect both accept: `?` or `?N` placeholders (translated to `$N`
// for PostgreSQL), ON CONFLICT ... DO UPDATE / DO NOTHING, NULLS FIRST/LAST written out, an alias
// on every subquery in FROM. What differs lives behind Connection: the schema version
// (PRAGMA user_version / a schema_version table), DDL types (REAL, INTEGER, COLLATE NOCASE,
// WITHOUT ROWID), transactions, and the integrity check.
#ifndef DUCKWEED_STORE_SQL_H_
#define DUCKWEED_STORE_SQL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::store::internal {

enum class Backend { kSqlite, kPostgres };
enum class ValueType { kNull, kInt, kReal, kText };

// One prepared statement of a backend. Parameters are 1-based, columns 0-based.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void BindNull(int i) = 0;
  virtual void BindText(int i, std::string_view text) = 0;
  virtual void BindInt(int i, int64_t value) = 0;
  virtual void BindReal(int i, double value) = 0;
  // True when a row is available, false when done. The first call executes; errors are prefixed
  // with `what`.
  virtual core::Result<bool> Step(const char* what) = 0;
  // Ready to execute again, bindings cleared.
  virtual void Reset() = 0;
  virtual int ColumnCount() const = 0;
  virtual ValueType Type(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // The address as given, without any password (safe for messages).
  virtual const std::string& address() const = 0;
  // Runs one or more statements without parameters or results.
  virtual core::Status Exec(std::string_view sql) = 0;
  virtual core::Result<std::unique_ptr<StatementImpl>> Prepare(std::string_view sql) = 0;
  // Starts a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN, read committed).
  virtual core::Status Begin() = 0;
  // Starts a read-only transaction on one snapshot (SQLite: BEGIN; PostgreSQL: REPEATABLE READ).
  virtual core::Status BeginRead() = 0;
  // -1 when the database is not readable as a store.
  virtual int SchemaVersion() = 0;
  // Inside a transaction: serialises concurrent migrations (PostgreSQL: an advisory lock).
  virtual core::Status LockSchema() = 0;
  virtual core::Status SetSchemaVersion(int version) = 0;
  // A condition "`column` equals parameter ?, ASCII case folded" that can use the name index
  // (SQLite: COLLATE NOCASE; PostgreSQL: lower(column)). Bind the parameter in lower case.
  virtual std::string NoCaseEquals(std::string_view column) const = 0;
  // A migration's DDL (written for SQLite) in this backend's dialect.
  virtual std::string Ddl(std::string_view sqlite_ddl) const = 0;
  // The store's tables (not the schema bookkeeping), sorted by name.
  virtual core::Result<std::vector<std::string>> Tables() = 0;
  // After rows were inserted with explicit ids (a copy): identity columns of `table` continue
  // after the largest id (PostgreSQL: setval on their sequences; SQLite: nothing to do).
  virtual core::Status ContinueIdentities(const std::string& table) = 0;
  // Storage and referential integrity: ok, or kIoError saying what is wrong.
  virtual core::Status CheckIntegrity() = 0;
};

// Opens `address`: "postgresql://..." or "postgres://..." is PostgreSQL, "sqlite:FILE" or a plain
// path (or ":memory:") is SQLite. Errors name the address without its password.
core::Result<std::unique_ptr<Connection>> Connect(const std::string& address);

// Runs one or more statements without results.
core::Status Exec(Connection* db, std::string_view sql);

class Statement {
 public:
  static core::Result<Statement> Prepare(Connection* db, std::string_view sql);
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;

  // Binding, 1-based. Empty optionals bind NULL.
  void Bind(int i, std::string_view text) { impl_->BindText(i, text); }
  void Bind(int i, const std::string& text) { impl_->BindText(i, text); }
  void Bind(int i, const char* text) { impl_->BindText(i, text); }
  void BindNullIfEmpty(int i, std::string_view text);
  void Bind(int i, int64_t value) { impl_->BindInt(i, value); }
  void Bind(int i, double value) { impl_->BindReal(i, value); }
  void Bind(int i, const std::optional<int64_t>& value);
  void Bind(int i, const std::optional<int>& value);
  void Bind(int i, const std::optional<double>& value);
  void BindNull(int i) { impl_->BindNull(i); }

  // Steps once: true when a row is available, false when done.
  core::Result<bool> Step() { return impl_->Step("executing a statement"); }
  // Steps to completion (for writes), then resets for the next use.
  core::Status Run();
  void Reset() { impl_->Reset(); }

  int ColumnCount() const { return impl_->ColumnCount(); }
  ValueType Type(int col) const { return impl_->Type(col); }
  std::string Text(int col) const { return impl_->Text(col); }
  int64_t Int(int col) const { return impl_->Int(col); }
  double Real(int col) const { return impl_->Real(col); }
  bool IsNull(int col) const { return impl_->Type(col) == ValueType::kNull; }
  std::optional<int64_t> OptInt(int col) const;
  std::optional<double> OptReal(int col) const;

 private:
  explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}
  std::unique_ptr<StatementImpl> impl_;
};

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_SQL_H_
