// Internal: the ordered schema migrations. Migration i (1-based) brings user_version i-1 to i.
// Never edit a released migration; append a new one.
#ifndef DUCKWEED_STORE_MIGRATIONS_H_
#define DUCKWEED_STORE_MIGRATIONS_H_

#include <span>

namespace duckweed::store::internal {

std::span<const char* const> Migrations();

// Every table the migrations create, parents before children (the order `duckweed migrate`
// copies them in). A migration that adds a table appends it here.
std::span<const char* const> TablesInCopyOrder();

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_MIGRATIONS_H_
