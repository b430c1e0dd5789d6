// Internal to the server: the replies of read routes, kept while the store is unchanged.
//
// A read route's reply depends only on the store and on the server's files, so the same request
// at the same Store::ChangeCount gets the same bytes: they are served from memory instead of
// being computed again (a town page's evaluation and peers cost milliseconds; a kept reply, a
// copy). Every reply is stored under the write count read *before* it was computed, so a write
// landing meanwhile makes it miss next time, never makes it stale. A new count drops every kept
// reply at once (any write may change any reply). Only 200 replies are kept; errors are computed
// each time. Memory: at most `max_bytes` of bodies; past it the cache is emptied and refills.
// Thread safety: every member may be called from any worker thread.
#ifndef DUCKWEED_SERVER_REPLY_CACHE_H_
#define DUCKWEED_SERVER_REPLY_CACHE_H_

#include <httplib.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace duckweed::server {

// What a kept reply sends again.
struct KeptReply {
  int status = 200;
  std::string body;
  std::string content_type;
};

class ReplyCache {
 public:
  explicit ReplyCache(size_t max_bytes = size_t{64} << 20) : max_bytes_(max_bytes) {}

  // The reply kept for `key` at write count `count`, if any.
  std::optional<KeptReply> Find(const std::string& key, int64_t count);
  // Keeps `reply` for `key`, computed from the store at write count `count` (or later).
  void Keep(const std::string& key, int64_t count, KeptReply reply);

  int64_t hits() const;
  int64_t misses() const;

 private:
  // Drops everything when `count` is newer than the kept replies' (under mu_).
  void MoveTo(int64_t count);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  int64_t count_ = -1;
  size_t bytes_ = 0;
  std::unordered_map<std::string, KeptReply> replies_;
  int64_t hits_ = 0, misses_ = 0;
};

// What a read reply depends on in the request: its path, its query parameters, and whether it is
// answered as CSV (?format=csv or Accept: text/csv).
std::string ReplyCacheKey(const httplib::Request& req);

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_REPLY_CACHE_H_
