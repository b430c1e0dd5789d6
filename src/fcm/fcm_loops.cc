#include "duckweed/fcm/fcm_loops.h"

#include <algorithm>
#include <cmath>

namespace duckweed::fcm {

namespace {

class LoopSearch {
 public:
  LoopSearch(const FcmMap& map, size_t max_loops) : map_(map), max_loops_(max_loops) {
    const size_t n = map.size();
    out_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (map.weight(i, j) != 0.0) out_[i].push_back(j);
      }
    }
    on_path_.assign(n, false);
  }

  FcmLoopReport Run() {
    for (size_t s = 0; s < map_.size() && !report_.truncated; ++s) {
      start_ = s;
      Visit(s);
    }
    std::sort(report_.loops.begin(), report_.loops.end(), [](const FcmLoop& a, const FcmLoop& b) {
      if (a.concepts.size() != b.concepts.size()) return a.concepts.size() < b.concepts.size();
      return a.concepts < b.concepts;
    });
    return std::move(report_);
  }

 private:
  // Depth-first from `v` with an explicit stack of (concept, next edge): a loop through every
  // concept of a large map does not recurse that deep. Same order as the recursive search.
  void Visit(size_t v) {
    std::vector<std::pair<size_t, size_t>> stack = {{v, 0}};
    path_.push_back(v);
    on_path_[v] = true;
    while (!stack.empty()) {
      auto& [u, next] = stack.back();
      if (next == out_[u].size() || report_.truncated) {
        on_path_[u] = false;
        path_.pop_back();
        stack.pop_back();
        continue;
      }
      size_t w = out_[u][next++];
      if (w == start_) {
        Record();
      } else if (w > start_ && !on_path_[w]) {
        path_.push_back(w);
        on_path_[w] = true;
        stack.emplace_back(w, 0);
      }
    }
  }

  void Record() {
    if (report_.loops.size() >= max_loops_) {
      report_.truncated = true;
      return;
    }
    FcmLoop loop;
    loop.concepts = path_;
    for (size_t k = 0; k < path_.size(); ++k) {
      double w = map_.weight(path_[k], path_[(k + 1) % path_.size()]);
      if (w < 0) loop.polarity = -loop.polarity;
      loop.strength *= std::abs(w);
    }
    report_.loops.push_back(std::move(loop));
  }

  const FcmMap& map_;
  size_t max_loops_;
  std::vector<std::vector<size_t>> out_;
  std::vector<bool> on_path_;
  std::vector<size_t> path_;
  size_t start_ = 0;
  FcmLoopReport report_;
};

}  // namespace

FcmLoopReport FindFcmLoops(const FcmMap& map, size_t max_loops) {
  return LoopSearch(map, max_loops).Run();
}

}  // namespace duckweed::fcm
