#include "store/sql.h"

#include "store/backends.h"

namespace duckweed::store::internal {

core::Result<std::unique_ptr<Connection>> Connect(const std::string& address) {
  if (IsPostgresAddress(address)) return ConnectPostgres(address);
  constexpr std::string_view kSqlitePrefix = "sqlite:";
  if (address.starts_with(kSqlitePrefix)) {
    return ConnectSqlite(address.substr(kSqlitePrefix.size()));
  }
  return ConnectSqlite(address);
}

core::Status Exec(Connection* db, std::string_view sql) { return db->Exec(sql); }

core::Result<Statement> Statement::Prepare(Connection* db, std::string_view sql) {
  DUCKWEED_ASSIGN_OR_RETURN(std::unique_ptr<StatementImpl> impl, db->Prepare(sql));
  return Statement(std::move(impl));
}

void Statement::BindNullIfEmpty(int i, std::string_view text) {
  if (text.empty()) {
    impl_->BindNull(i);
  } else {
    impl_->BindText(i, text);
  }
}

void Statement::Bind(int i, const std::optional<int64_t>& value) {
  if (value) {
    impl_->BindInt(i, *value);
  } else {
    impl_->BindNull(i);
  }
}

void Statement::Bind(int i, const std::optional<int>& value) {
  if (value) {
    impl_->BindInt(i, *value);
  } else {
    impl_->BindNull(i);
  }
}

void Statement::Bind(int i, const std::optional<double>& value) {
  if (value) {
    impl_->BindReal(i, *value);
  } else {
    impl_->BindNull(i);
  }
}

core::Status Statement::Run() {
  core::Result<bool> stepped = impl_->Step("writing");
  impl_->Reset();
  return stepped.ok() ? core::Status::Ok() : stepped.status();
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
