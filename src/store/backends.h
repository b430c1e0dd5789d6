// Internal: the two Connection implementations behind store/sql.h, and the text helpers they
// share with the tests.
#ifndef DUCKWEED_STORE_BACKENDS_H_
#define DUCKWEED_STORE_BACKENDS_H_

#include <memory>
#include <string>
#include <string_view>

#include "store/sql.h"

namespace duckweed::store::internal {

// `path` is a file path or ":memory:".
core::Result<std::unique_ptr<Connection>> ConnectSqlite(const std::string& path);
// `uri` is a libpq connection URI (postgresql://user:password@host:port/db?param=value).
core::Result<std::unique_ptr<Connection>> ConnectPostgres(const std::string& uri);

// True for postgresql:// and postgres:// addresses.
bool IsPostgresAddress(std::string_view address);
// The address with any password (user:PASSWORD@ or password=...) replaced by "***".
std::string RedactAddress(std::string_view address);
// `?` and `?N` placeholders as `$N` (outside quoted literals and identifiers); `count` receives
// the highest parameter number when given.
std::string ToDollarPlaceholders(std::string_view sql, int* count = nullptr);
// SQLite DDL for PostgreSQL: REAL -> DOUBLE PRECISION, INTEGER -> BIGINT (INTEGER PRIMARY KEY,
// with or without AUTOINCREMENT -> an identity column), TEXT -> TEXT COLLATE "C" (byte order, as
// SQLite), BLOB -> BYTEA, `x COLLATE NOCASE` in an index -> lower(x), WITHOUT ROWID dropped. Type
// names are matched in upper case only, so a column named `text` is left alone.
std::string SqliteDdlToPostgres(std::string_view ddl);

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_BACKENDS_H_
