#include "duckweed/store/copy.h"

#include <fmt/format.h>

#include <algorithm>

#include "store/migrations.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using internal::Statement;
using internal::ValueType;

namespace {

Result<int64_t> CountRows(internal::Connection* db, const std::string& table) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement stmt,
                            Statement::Prepare(db, fmt::format("SELECT count(*) FROM {}", table)));
  DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

// The known tables in copy order; an error for a table this build cannot order.
Result<std::vector<std::string>> CopyOrder(internal::Connection* db) {
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<std::string> present, db->Tables());
  const auto known = internal::TablesInCopyOrder();
  for (const std::string& table : present) {
    if (std::find(known.begin(), known.end(), table) == known.end()) {
      return Status::Internal(
          fmt::format("table '{}' of '{}' is not in the copy order (store/migrations.cc)", table,
                      db->address()));
    }
  }
  std::vector<std::string> order;  // the known tables this database has (older schemas: fewer)
  for (const char* table : known) {
    if (std::find(present.begin(), present.end(), table) != present.end()) order.push_back(table);
  }
  return order;
}

// Streams every row of `table` from `from` into `to` with each value's own type.
Status CopyRows(internal::Connection* from, internal::Connection* to, const std::string& table) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement read,
                            Statement::Prepare(from, fmt::format("SELECT * FROM {}", table)));
  std::optional<Statement> write;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) break;
    const int columns = read.ColumnCount();
    if (!write) {
      std::string marks;
      for (int c = 0; c < columns; ++c) marks += c ? ", ?" : "?";
      DUCKWEED_ASSIGN_OR_RETURN(
          Statement prepared,
          Statement::Prepare(to, fmt::format("INSERT INTO {} VALUES ({})", table, marks)));
      write.emplace(std::move(prepared));
    }
    for (int c = 0; c < columns; ++c) {
      switch (read.Type(c)) {
        case ValueType::kNull:
          write->BindNull(c + 1);
          break;
        case ValueType::kInt:
          write->Bind(c + 1, read.Int(c));
          break;
        case ValueType::kReal:
          write->Bind(c + 1, read.Real(c));
          break;
        case ValueType::kText:
          write->Bind(c + 1, read.Text(c));
          break;
      }
    }
    Status status = write->Run();
    if (!status.ok()) {
      const std::string message = fmt::format("copying {}: {}", table, status.message());
      return status.code() == core::Code::kInvalidInput ? Status::InvalidInput(message)
                                                        : Status::IoError(message);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<TableCopy>> CopyStore(Store& from, Store& to) {
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<std::string> tables, CopyOrder(from.handle()));
  std::vector<TableCopy> copies;
  Status status = from.InSnapshot([&]() -> Status {
    return to.InTransaction([&]() -> Status {
      for (const std::string& table : tables) {
        DUCKWEED_ASSIGN_OR_RETURN(int64_t existing, CountRows(to.handle(), table));
        if (existing != 0) {
          return Status::InvalidInput(fmt::format(
              "destination '{}' is not empty: table {} holds {} rows", to.path(), table, existing));
        }
      }
      for (const std::string& table : tables) {
        DUCKWEED_RETURN_IF_ERROR(CopyRows(from.handle(), to.handle(), table));
        DUCKWEED_RETURN_IF_ERROR(to.handle()->ContinueIdentities(table));
        TableCopy copy{table, 0, 0};
        DUCKWEED_ASSIGN_OR_RETURN(copy.source_rows, CountRows(from.handle(), table));
        DUCKWEED_ASSIGN_OR_RETURN(copy.destination_rows, CountRows(to.handle(), table));
        if (copy.source_rows != copy.destination_rows) {
          return Status::InvalidInput(
              fmt::format("table {}: {} rows in '{}' but {} in '{}' after copying; nothing "
                          "written",
                          table, copy.source_rows, from.path(), copy.destination_rows, to.path()));
        }
        copies.push_back(std::move(copy));
      }
      return Status::Ok();
    });
  });
  DUCKWEED_RETURN_IF_ERROR(status);
  return copies;
}

}  // namespace duckweed::store
