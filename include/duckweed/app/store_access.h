// Opening the store a command or the server names: the one place where a `--db` value becomes an
// open database (the flag, else $DUCKWEED_DB, else the XDG default; store::ResolveDbPath).
// Thread safety: each call opens its own connection; a Store is for one thread (store.h).
#ifndef DUCKWEED_APP_STORE_ACCESS_H_
#define DUCKWEED_APP_STORE_ACCESS_H_

#include <memory>
#include <string>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::app {

// Resolves `db_flag` and opens (creating and migrating when needed) the database there.
// Errors: kIoError when the default directory cannot be made or the database cannot be opened.
core::Result<std::unique_ptr<store::Store>> OpenStore(const std::string& db_flag);

// A store opened on first use: a use case that may not need the database (its inputs are files)
// takes one of these, so that a command given only files never touches the database. Either
// borrows an open store (the server's) or opens the one `db_flag` names when first asked.
class LazyStore {
 public:
  explicit LazyStore(std::string db_flag) : flag_(std::move(db_flag)) {}
  explicit LazyStore(store::Store& borrowed) : borrowed_(&borrowed) {}
  // The store, opened now if needed. Errors: those of OpenStore.
  core::Result<store::Store*> Get();

 private:
  std::string flag_;
  store::Store* borrowed_ = nullptr;
  std::unique_ptr<store::Store> owned_;
};

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_STORE_ACCESS_H_
