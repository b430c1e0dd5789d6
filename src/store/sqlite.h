// Internal: kept for includers; the store's SQL layer is backend-neutral now (store/sql.h).
#ifndef DUCKWEED_STORE_SQLITE_H_
#define DUCKWEED_STORE_SQLITE_H_

#include "store/sql.h"

#endif  // DUCKWEED_STORE_SQLITE_H_
