// Copying a whole store to another database, across backends (`duckweed migrate`).
#ifndef DUCKWEED_STORE_COPY_H_
#define DUCKWEED_STORE_COPY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

struct TableCopy {
  std::string table;
  int64_t source_rows = 0;       // counted in the source after reading
  int64_t destination_rows = 0;  // counted in the destination before committing
};

// Copies every table of `from` into `to`, row for row and value for value, in one transaction on
// `to` (reading `from` on one snapshot). `to` must be empty (every table); both must be at the
// same schema version (they are, once opened by this build). Before committing, each table's row
// count in `to` is compared with `from`'s; any difference rolls everything back.
// Errors: kInvalidInput when `to` is not empty or a count differs; kInternal when `from` holds a
// table this build does not know how to order.
core::Result<std::vector<TableCopy>> CopyStore(Store& from, Store& to);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_COPY_H_
