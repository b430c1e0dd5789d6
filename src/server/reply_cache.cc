#include "server/reply_cache.h"

#include "server/reply.h"

namespace duckweed::server {

void ReplyCache::MoveTo(int64_t count) {
  if (count <= count_) return;
  replies_.clear();
  bytes_ = 0;
  count_ = count;
}

std::optional<KeptReply> ReplyCache::Find(const std::string& key, int64_t count) {
  std::lock_guard lock(mu_);
  MoveTo(count);
  const auto it = count == count_ ? replies_.find(key) : replies_.end();
  if (it == replies_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return it->second;
}

void ReplyCache::Keep(const std::string& key, int64_t count, KeptReply reply) {
  std::lock_guard lock(mu_);
  MoveTo(count);
  if (count != count_) return;  // computed before a write another thread has already seen
  if (bytes_ + reply.body.size() > max_bytes_) {
    replies_.clear();
    bytes_ = 0;
  }
  bytes_ += reply.body.size();
  replies_.insert_or_assign(key, std::move(reply));
}

int64_t ReplyCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

int64_t ReplyCache::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}

std::string ReplyCacheKey(const httplib::Request& req) {
  std::string key = req.path;
  key += WantsCsv(req) ? "|csv|" : "|json|";
  // httplib keeps the parameters in a sorted multimap: the same query in any order, one key.
  for (const auto& [name, value] : req.params) {
    key += name;
    key += '=';
    key += value;
    key += '&';
  }
  return key;
}

}  // namespace duckweed::server
