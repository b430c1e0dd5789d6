#include "duckweed/store/store.h"

#include <fmt/format.h>

#include "store/migrations.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Exec;
using internal::Statement;

Store::Store(std::unique_ptr<internal::Connection> connection, std::string path)
    : connection_(std::move(connection)), db_(connection_.get()), path_(std::move(path)) {}

Result<std::unique_ptr<Store>> Store::Open(const std::string& address) {
  DUCKWEED_ASSIGN_OR_RETURN(std::unique_ptr<internal::Connection> connection,
                            internal::Connect(address));
  std::string path = connection->address();
  std::unique_ptr<Store> store(new Store(std::move(connection), std::move(path)));
  DUCKWEED_RETURN_IF_ERROR(store->Migrate());
  store->counts_changes_ = true;
  return store;
}

Store::~Store() = default;

int Store::schema_version() const { return db_->SchemaVersion(); }

const char* Store::backend_name() const {
  return db_->backend() == internal::Backend::kPostgres ? "postgresql" : "sqlite";
}

Status Store::CheckIntegrity() { return db_->CheckIntegrity(); }

Status Store::Migrate() {
  const int current = schema_version();
  if (current < 0) {
    return Status::IoError(fmt::format(
        "'{}' is not a readable {} database", path_,
        db_->backend() == internal::Backend::kPostgres ? "duckweed PostgreSQL" : "SQLite"));
  }
  const auto migrations = internal::Migrations();
  if (current > static_cast<int>(migrations.size())) {
    return Status::InvalidInput(
        fmt::format("database '{}' has schema version {}, newer than this duckweed ({})", path_,
                    current, migrations.size()));
  }
  for (size_t v = static_cast<size_t>(current); v < migrations.size(); ++v) {
    DUCKWEED_RETURN_IF_ERROR(InTransaction([&]() -> Status {
      DUCKWEED_RETURN_IF_ERROR(db_->LockSchema());
      if (db_->SchemaVersion() > static_cast<int>(v)) return Status::Ok();  // a concurrent opener
      DUCKWEED_RETURN_IF_ERROR(Exec(db_, db_->Ddl(migrations[v])));
      return db_->SetSchemaVersion(static_cast<int>(v) + 1);
    }));
  }
  return Status::Ok();
}

Status Store::InTransaction(const std::function<Status()>& body) {
  return RunInTransaction(false, body);
}

Status Store::InSnapshot(const std::function<Status()>& body) {
  return RunInTransaction(true, body);
}

Status Store::RunInTransaction(bool read_only, const std::function<Status()>& body) {
  if (transaction_depth_ > 0) {
    ++transaction_depth_;
    Status status = body();
    --transaction_depth_;
    return status;
  }
  Status begin = read_only ? db_->BeginRead() : db_->Begin();
  if (!begin.ok()) {
    return Status::IoError(fmt::format("cannot {} database '{}': {}",
                                       read_only ? "read" : "write to", path_, begin.message()));
  }
  ++transaction_depth_;
  Status status = body();
  --transaction_depth_;
  // The write counter moves in the same transaction as the write, so a reader that sees the new
  // count sees the new rows (and a rolled-back write leaves both unchanged).
  if (status.ok() && !read_only && counts_changes_) {
    status = Exec(db_, fmt::format("UPDATE {} SET n = n + 1", internal::kChangeTable));
  }
  if (status.ok()) {
    status = Exec(db_, "COMMIT");
    if (status.ok()) return status;
  }
  (void)Exec(db_, "ROLLBACK");
  return status;
}

Result<int64_t> Store::ChangeCount() {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(db_, fmt::format("SELECT n FROM {}", internal::kChangeTable)));
  DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::IoError(fmt::format("database '{}' has no write counter", path_));
  return stmt.Int(0);
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
