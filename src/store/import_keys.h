// Internal: the keys seen in one import, for exact duplicate detection whose memory barely grows
// with the file. Each key and where it was first seen go to a temporary table of the connection,
// 256 rows a statement; an in-memory Bloom filter (about 1.3 bytes a key) answers "never seen"
// for nearly every new key without a query. Only a key the filter may have seen (a duplicate, or
// a false positive, under 1 %) costs a look-up, so an import needs no round trip per row (which
// is what made PostgreSQL imports slow).
#ifndef DUCKWEED_STORE_IMPORT_KEYS_H_
#define DUCKWEED_STORE_IMPORT_KEYS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "duckweed/core/result.h"
#include "store/sql.h"

namespace duckweed::store::internal {

class KeySet {
 public:
  // Creates (or empties) the connection's temporary key table. Call inside the import's
  // transaction.
  static core::Result<KeySet> Create(Connection* db);
  // Where `key` was first seen, or nullopt when this is the first time (then `place` is kept).
  core::Result<std::optional<std::string>> Add(const std::string& key, const std::string& place);

 private:
  explicit KeySet(Connection* db) : db_(db) {}
  core::Status Flush();
  bool MaybeSeen(uint64_t hash) const;
  void Remember(uint64_t hash);

  // One Bloom filter of a fixed capacity; a new one twice as large starts when it is full.
  struct Filter {
    std::vector<uint64_t> bits;
    size_t capacity = 0;
    size_t count = 0;
  };

  Connection* db_;
  std::vector<Filter> filters_;
  std::unordered_map<std::string, std::string> pending_;  // not yet in the table
};

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_IMPORT_KEYS_H_
