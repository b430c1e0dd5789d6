#include "duckweed/core/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace duckweed::core {

Progress::Progress(std::string label, uint64_t total)
    : Progress(std::move(label), total, ::isatty(STDERR_FILENO) == 1 ? stderr : nullptr) {}

Progress::Progress(std::string label, uint64_t total, std::FILE* out)
    : label_(std::move(label)), out_(out), total_(total) {}

Progress::~Progress() {
  if (out_ == nullptr) return;
  std::lock_guard lock(draw_);
  if (!drawn_) return;
  Draw(/*force=*/true);
  std::fputc('\n', out_);
  std::fflush(out_);
}

void Progress::Advance(uint64_t units) {
  done_.fetch_add(units, std::memory_order_relaxed);
  if (out_ == nullptr) return;
  std::unique_lock lock(draw_, std::try_to_lock);
  if (lock.owns_lock()) Draw(/*force=*/false);
}

void Progress::Set(uint64_t done) {
  done_.store(done, std::memory_order_relaxed);
  if (out_ == nullptr) return;
  std::unique_lock lock(draw_, std::try_to_lock);
  if (lock.owns_lock()) Draw(/*force=*/false);
}

void Progress::SetTotal(uint64_t total) { total_.store(total, std::memory_order_relaxed); }

// Called with draw_ held.
void Progress::Draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const uint64_t total = total_.load(std::memory_order_relaxed);
  const uint64_t done = done_.load(std::memory_order_relaxed);
  if (total == 0) {
    fmt::print(out_, "\r{}: {}", label_, done);
  } else {
    constexpr int kWidth = 30;
    const double fraction = static_cast<double>(std::min(done, total)) / static_cast<double>(total);
    const auto filled = static_cast<size_t>(fraction * kWidth);
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    fmt::print(out_, "\r{} [{}] {:3d}% ({}/{})", label_, bar, static_cast<int>(fraction * 100),
               std::min(done, total), total);
  }
  std::fflush(out_);
}

}  // namespace duckweed::core
