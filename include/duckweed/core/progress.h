// A progress bar on stderr for long work, shown only when stderr is a terminal (so logs and pipes
// stay clean). Updates are rate-limited; Advance() is cheap and may be called from one thread at a
// time (callers in parallel regions report from the master thread or through an atomic counter).
#ifndef DUCKWEED_CORE_PROGRESS_H_
#define DUCKWEED_CORE_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace duckweed::core {

class Progress {
 public:
  // `total` units of work labelled `label`. `enabled` defaults to "stderr is a terminal".
  Progress(std::string label, uint64_t total);
  Progress(std::string label, uint64_t total, bool enabled);
  ~Progress();  // finishes the line if anything was drawn

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Advance(uint64_t units = 1);
  void Set(uint64_t done);
  bool enabled() const { return enabled_; }

 private:
  void Draw(bool force);

  std::string label_;
  uint64_t total_;
  uint64_t done_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_PROGRESS_H_
