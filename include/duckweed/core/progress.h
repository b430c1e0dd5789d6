// A progress line on a terminal for work users wait for (imports, Monte Carlo replicas,
// calibration, robustness grids): "LABEL [#####.....]  50% (500/1000)", or "LABEL: 12,345" when
// the total is not known in advance (total 0). It is drawn only on a terminal: by default on
// stderr when stderr is a terminal, so logs, pipes and tests see nothing. Redraws are at most
// every 100 ms; the destructor draws the final count and ends the line if anything was drawn.
//
// Library functions take a `core::Progress*` (nullptr: no report) and only count; the CLI creates
// the Progress. Thread safety: Advance, Set and SetTotal may be called from any thread at once
// (one thread draws at a time, the others skip the redraw).
#ifndef DUCKWEED_CORE_PROGRESS_H_
#define DUCKWEED_CORE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace duckweed::core {

class Progress {
 public:
  // Draws on stderr when it is a terminal, else nowhere.
  Progress(std::string label, uint64_t total);
  // Draws on `out` (nullptr: nowhere).
  Progress(std::string label, uint64_t total, std::FILE* out);
  ~Progress();

  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Advance(uint64_t units = 1);
  void Set(uint64_t done);
  void SetTotal(uint64_t total);  // 0: unknown (the count alone is shown)
  bool enabled() const { return out_ != nullptr; }
  uint64_t done() const { return done_.load(std::memory_order_relaxed); }

 private:
  void Draw(bool force);

  std::string label_;
  std::FILE* out_;
  std::atomic<uint64_t> total_;
  std::atomic<uint64_t> done_{0};
  std::mutex draw_;  // held by the drawing thread; guards drawn_ and last_draw_
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_PROGRESS_H_
