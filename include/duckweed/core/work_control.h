// Cancellation and progress of long work (a Monte Carlo, a calendar run) shared between the thread
// that does it and others: the server's job runner sets the amount of work and reads the progress,
// a request cancels it. The work checks cancelled() between its units (a replica) and calls
// Advance() as each unit ends; it never waits for anything, so a cancel is honoured within one
// unit on each worker thread. Work that saw the cancel returns CancelledStatus(); what it computed
// is dropped (nothing half-done is returned).
//
// Thread safety: every member may be called from any thread at any time (atomics only).
#ifndef DUCKWEED_CORE_WORK_CONTROL_H_
#define DUCKWEED_CORE_WORK_CONTROL_H_

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "duckweed/core/status.h"

namespace duckweed::core {

class WorkControl {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  // The units the whole work will take (set by whoever starts it, before it starts), and the
  // units done so far (added by the work).
  void SetTotal(uint64_t units) { total_.store(units, std::memory_order_relaxed); }
  void Advance(uint64_t units = 1) { done_.fetch_add(units, std::memory_order_relaxed); }
  // done / total, in [0, 1]; 0 while the total is unknown.
  double fraction() const {
    const uint64_t total = total_.load(std::memory_order_relaxed);
    if (total == 0) return 0;
    const uint64_t done = std::min(done_.load(std::memory_order_relaxed), total);
    return static_cast<double>(done) / static_cast<double>(total);
  }

 private:
  std::atomic<bool> cancelled_{false};
  std::atomic<uint64_t> done_{0};
  std::atomic<uint64_t> total_{0};
};

// What work returns when it stopped because it was cancelled (kConflict, HTTP 409: the caller
// changed its mind). Callers tell a cancel from other conflicts by their control's cancelled().
inline Status CancelledStatus() { return Status::Conflict("the work was cancelled"); }

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_WORK_CONTROL_H_
