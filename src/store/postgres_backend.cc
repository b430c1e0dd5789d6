// The PostgreSQL Connection through libpq: prepared statements with text parameters, errors
// mapped by SQLSTATE to the store's status codes, notices silenced.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "store/backends.h"

namespace duckweed::store::internal {
namespace {

// Type OIDs of pg_type (stable across releases).
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700;

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// SQLite's words for constraint failures, so both backends report bad data alike.
const char* ConstraintLabel(std::string_view state) {
  if (state == "23503") return "FOREIGN KEY constraint failed";
  if (state == "23505") return "UNIQUE constraint failed";
  if (state == "23514") return "CHECK constraint failed";
  if (state == "23502") return "NOT NULL constraint failed";
  return "constraint failed";
}

core::Status PgError(PGconn* conn, const PGresult* result, std::string_view what) {
  const char* state_field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const std::string detail = primary ? primary : Trim(PQerrorMessage(conn));
  const std::string_view state = state_field ? state_field : "";
  if (PQstatus(conn) == CONNECTION_BAD) {
    return core::Status::IoError(fmt::format("{}: lost the connection: {}", what, detail));
  }
  const std::string prefix = what.empty() ? "" : fmt::format("{}: ", what);
  if (state.starts_with("23")) {
    return core::Status::InvalidInput(
        fmt::format("{}{} ({})", prefix, ConstraintLabel(state), detail));
  }
  const std::string message = prefix + detail;
  if (state.starts_with("22")) return core::Status::InvalidInput(message);
  for (const char* io : {"08", "53", "55", "57", "58", "40", "XX"}) {
    if (state.starts_with(io)) return core::Status::IoError(message);
  }
  if (state.empty()) return core::Status::IoError(message);
  return core::Status::Internal(message);
}

bool Succeeded(const PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::string FormatReal(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", value);
}

class PgStatement final : public StatementImpl {
 public:
  PgStatement(PGconn* conn, std::string name, int params)
      : conn_(conn), name_(std::move(name)), params_(static_cast<size_t>(params)) {}
  // The server-side statement stays prepared for the connection's next use of the same text.
  ~PgStatement() override { PQclear(result_); }

  void BindNull(int i) override { Param(i).reset(); }
  void BindText(int i, std::string_view text) override { Param(i) = std::string(text); }
  void BindInt(int i, int64_t value) override { Param(i) = std::to_string(value); }
  void BindReal(int i, double value) override { Param(i) = FormatReal(value); }

  core::Result<bool> Step(const char* what) override {
    if (result_ == nullptr) {
      std::vector<const char*> values;
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      result_ = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(values.size()), values.data(),
                               nullptr, nullptr, 0);
      if (!Succeeded(result_)) {
        core::Status error = PgError(conn_, result_, what);
        PQclear(result_);
        result_ = nullptr;
        return error;
      }
      row_ = -1;
    }
    return ++row_ < PQntuples(result_);
  }
  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    for (auto& p : params_) p.reset();
  }

  int ColumnCount() const override { return result_ ? PQnfields(result_) : 0; }
  ValueType Type(int col) const override {
    if (PQgetisnull(result_, row_, col)) return ValueType::kNull;
    switch (PQftype(result_, col)) {
      case kBoolOid:
      case kInt2Oid:
      case kInt4Oid:
      case kInt8Oid:
        return ValueType::kInt;
      case kFloat4Oid:
      case kFloat8Oid:
      case kNumericOid:
        return ValueType::kReal;
      default:
        return ValueType::kText;
    }
  }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(result_, row_, col),
                       static_cast<size_t>(PQgetlength(result_, row_, col)));
  }
  int64_t Int(int col) const override {
    const char* text = PQgetvalue(result_, row_, col);
    if (PQftype(result_, col) == kBoolOid) return text[0] == 't' ? 1 : 0;
    return std::strtoll(text, nullptr, 10);
  }
  double Real(int col) const override {
    return std::strtod(PQgetvalue(result_, row_, col), nullptr);
  }

 private:
  std::optional<std::string>& Param(int i) {
    if (static_cast<size_t>(i) > params_.size()) params_.resize(static_cast<size_t>(i));
    return params_[static_cast<size_t>(i - 1)];
  }

  PGconn* conn_;
  std::string name_;
  std::vector<std::optional<std::string>> params_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PgConnection final : public Connection {
 public:
  PgConnection(PGconn* conn, std::string address) : conn_(conn), address_(std::move(address)) {}
  ~PgConnection() override { PQfinish(conn_); }

  Backend backend() const override { return Backend::kPostgres; }
  const std::string& address() const override { return address_; }

  core::Status Exec(std::string_view sql) override {
    PGresult* result = PQexec(conn_, std::string(sql).c_str());
    core::Status status = Succeeded(result) ? core::Status::Ok() : PgError(conn_, result, "");
    PQclear(result);
    return status;
  }

  core::Result<std::unique_ptr<StatementImpl>> Prepare(std::string_view sql) override {
    // Each text is prepared once per connection (PREPARE outlives transactions, and results are
    // fetched whole, so two live Statements may share a server-side statement).
    int params = 0;
    const std::string text = ToDollarPlaceholders(sql, &params);
    auto cached = prepared_.find(text);
    if (cached == prepared_.end()) {
      std::string name = fmt::format("dw{}", prepared_.size() + 1);
      PGresult* result = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
      if (!Succeeded(result)) {
        core::Status error = PgError(conn_, result, "preparing a statement");
        PQclear(result);
        return error;
      }
      PQclear(result);
      cached = prepared_.emplace(text, std::move(name)).first;
    }
    return std::unique_ptr<StatementImpl>(new PgStatement(conn_, cached->second, params));
  }

  core::Status Begin() override { return Exec("BEGIN"); }
  core::Status BeginRead() override {
    return Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  }

  int SchemaVersion() override {
    auto exists = Query("SELECT to_regclass('schema_version') IS NOT NULL");
    if (!exists) return -1;
    if (*exists == "f") return 0;
    auto version = Query("SELECT coalesce(max(version), 0) FROM schema_version");
    return version ? std::atoi(version->c_str()) : -1;
  }

  core::Status LockSchema() override {
    return Exec("SELECT pg_advisory_xact_lock(7218431050)");  // duckweed's migration lock
  }

  core::Status SetSchemaVersion(int version) override {
    return Exec(
        fmt::format("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL); "
                    "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({})",
                    version));
  }

  std::string NoCaseEquals(std::string_view column) const override {
    return fmt::format("lower({}) = ?", column);
  }

  std::string Ddl(std::string_view sqlite_ddl) const override {
    return SqliteDdlToPostgres(sqlite_ddl);
  }

  core::Result<std::vector<std::string>> Tables() override {
    DUCKWEED_ASSIGN_OR_RETURN(
        auto stmt, Prepare("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                           "AND tablename NOT IN ('schema_version', 'store_change') ORDER BY 1"));
    std::vector<std::string> names;
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt->Step("listing tables"));
      if (!row) break;
      names.push_back(stmt->Text(0));
    }
    return names;
  }

  core::Status ContinueIdentities(const std::string& table) override {
    DUCKWEED_ASSIGN_OR_RETURN(auto columns,
                              Prepare("SELECT column_name FROM information_schema.columns WHERE "
                                      "table_schema = current_schema() AND table_name = $1 AND "
                                      "is_identity = 'YES'"));
    columns->BindText(1, table);
    std::vector<std::string> names;
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, columns->Step("listing identity columns"));
      if (!row) break;
      names.push_back(columns->Text(0));
    }
    for (const std::string& column : names) {
      DUCKWEED_RETURN_IF_ERROR(Exec(fmt::format(
          "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), coalesce(max({1}), 0) + 1, false) "
          "FROM {0}",
          table, column)));
    }
    return core::Status::Ok();
  }

  // PostgreSQL enforces foreign keys and recovers from its WAL itself; reading every table's
  // rows checks that the server came back and that the heap pages are readable.
  core::Status CheckIntegrity() override {
    DUCKWEED_ASSIGN_OR_RETURN(
        auto tables, Prepare("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                             "ORDER BY 1"));
    std::vector<std::string> names;
    while (true) {
      DUCKWEED_ASSIGN_OR_RETURN(bool row, tables->Step("checking integrity"));
      if (!row) break;
      names.push_back(tables->Text(0));
    }
    for (const std::string& table : names) {
      auto count = Query(fmt::format("SELECT count(*) FROM \"{}\"", table));
      if (!count) {
        return core::Status::IoError(fmt::format(
            "database '{}' fails its integrity check: cannot read table {}", address_, table));
      }
    }
    return core::Status::Ok();
  }

 private:
  // The first column of the first row, or nothing on error or no row.
  std::optional<std::string> Query(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    std::optional<std::string> value;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) {
      value = PQgetvalue(result, 0, 0);
    }
    PQclear(result);
    return value;
  }

  PGconn* conn_;
  std::string address_;
  std::unordered_map<std::string, std::string> prepared_;  // text -> server-side name
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

core::Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& uri) {
  // A default connect timeout; the address's own parameters come later and override it.
  const char* keys[] = {"connect_timeout", "dbname", nullptr};
  const char* values[] = {"10", uri.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  const std::string address = RedactAddress(uri);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string why = conn ? Trim(PQerrorMessage(conn)) : "out of memory";
    PQfinish(conn);
    return core::Status::IoError(fmt::format("cannot connect to database '{}': {}", address, why));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto connection = std::make_unique<PgConnection>(conn, address);
  DUCKWEED_RETURN_IF_ERROR(connection->Exec("SET client_encoding = 'UTF8'"));
  return std::unique_ptr<Connection>(std::move(connection));
}

}  // namespace duckweed::store::internal
