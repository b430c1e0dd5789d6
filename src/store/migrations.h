// Internal: the ordered schema migrations. Migration i (1-based) brings user_version i-1 to i.
// Never edit a released migration; append a new one.
#ifndef DUCKWEED_STORE_MIGRATIONS_H_
#define DUCKWEED_STORE_MIGRATIONS_H_

#include <span>

namespace duckweed::store::internal {

std::span<const char* const> Migrations();

// The table of the write counter (Store::ChangeCount): bookkeeping, like the schema version, so
// neither listed among the store's tables nor copied.
inline constexpr const char* kChangeTable = "store_change";

// Every table the migrations create but the bookkeeping, parents before children (the order
// `duckweed migrate` copies them in). A migration that adds a table appends it here.
std::span<const char* const> TablesInCopyOrder();

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_MIGRATIONS_H_
