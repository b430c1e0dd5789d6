#include "store/import_keys.h"

#include <fmt/format.h>

#include <functional>

namespace duckweed::store::internal {
namespace {

constexpr size_t kFlushRows = 256;
constexpr size_t kFirstCapacity = 65536;
constexpr size_t kBitsPerKey = 10;
constexpr int kProbes = 7;  // about 0.8 % false positives at 10 bits a key

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The filter's probe positions: double hashing h1 + i * h2 over its bit count.
template <typename Visit>
bool Probe(size_t bit_count, uint64_t hash, Visit visit) {
  const uint64_t h1 = Mix(hash);
  const uint64_t h2 = Mix(hash ^ 0x9e3779b97f4a7c15ULL) | 1;
  for (int i = 0; i < kProbes; ++i) {
    if (!visit((h1 + static_cast<uint64_t>(i) * h2) % bit_count)) return false;
  }
  return true;
}

}  // namespace

core::Result<KeySet> KeySet::Create(Connection* db) {
  DUCKWEED_RETURN_IF_ERROR(
      Exec(db, "CREATE TEMP TABLE IF NOT EXISTS import_key (key TEXT PRIMARY KEY, place TEXT)"));
  DUCKWEED_RETURN_IF_ERROR(Exec(db, "DELETE FROM import_key"));
  return KeySet(db);
}

bool KeySet::MaybeSeen(uint64_t hash) const {
  for (const Filter& f : filters_) {
    const size_t bit_count = f.bits.size() * 64;
    if (Probe(bit_count, hash,
              [&](uint64_t bit) { return (f.bits[bit / 64] >> (bit % 64)) & 1; })) {
      return true;
    }
  }
  return false;
}

void KeySet::Remember(uint64_t hash) {
  if (filters_.empty() || filters_.back().count >= filters_.back().capacity) {
    Filter f;
    f.capacity = filters_.empty() ? kFirstCapacity : filters_.back().capacity * 2;
    f.bits.assign(f.capacity * kBitsPerKey / 64 + 1, 0);
    filters_.push_back(std::move(f));
  }
  Filter& f = filters_.back();
  const size_t bit_count = f.bits.size() * 64;
  Probe(bit_count, hash, [&](uint64_t bit) {
    f.bits[bit / 64] |= uint64_t{1} << (bit % 64);
    return true;
  });
  ++f.count;
}

core::Result<std::optional<std::string>> KeySet::Add(const std::string& key,
                                                     const std::string& place) {
  const uint64_t hash = std::hash<std::string>{}(key);
  if (MaybeSeen(hash)) {
    if (auto it = pending_.find(key); it != pending_.end()) {
      return std::optional<std::string>(it->second);
    }
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement find, Statement::Prepare(db_, "SELECT place FROM import_key WHERE key = ?"));
    find.Bind(1, key);
    DUCKWEED_ASSIGN_OR_RETURN(bool seen, find.Step());
    if (seen) return std::optional<std::string>(find.Text(0));
  }
  Remember(hash);
  pending_.emplace(key, place);
  if (pending_.size() >= kFlushRows) DUCKWEED_RETURN_IF_ERROR(Flush());
  return std::optional<std::string>();
}

core::Status KeySet::Flush() {
  if (pending_.empty()) return core::Status::Ok();
  std::string values;
  for (size_t i = 0; i < pending_.size(); ++i) values += i ? ", (?, ?)" : "(?, ?)";
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement insert,
      Statement::Prepare(db_,
                         fmt::format("INSERT INTO import_key (key, place) VALUES {}", values)));
  int i = 0;
  for (const auto& [key, place] : pending_) {
    insert.Bind(++i, key);
    insert.Bind(++i, place);
  }
  DUCKWEED_RETURN_IF_ERROR(insert.Run());
  pending_.clear();
  return core::Status::Ok();
}

}  // namespace duckweed::store::internal
