#include "duckweed/app/store_access.h"

namespace duckweed::app {

core::Result<std::unique_ptr<store::Store>> OpenStore(const std::string& db_flag) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string address, store::ResolveDbPath(db_flag));
  return store::Store::Open(address);
}

core::Result<store::Store*> LazyStore::Get() {
  if (borrowed_) return borrowed_;
  if (!owned_) {
    DUCKWEED_ASSIGN_OR_RETURN(owned_, OpenStore(flag_));
  }
  return owned_.get();
}

}  // namespace duckweed::app
