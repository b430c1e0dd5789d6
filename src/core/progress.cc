#include "duckweed/core/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace duckweed::core {

Progress::Progress(std::string label, uint64_t total)
    : Progress(std::move(label), total, ::isatty(STDERR_FILENO) == 1) {}

Progress::Progress(std::string label, uint64_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled) {}

Progress::~Progress() {
  if (drawn_) {
    Draw(/*force=*/true);
    std::fputc('\n', stderr);
  }
}

void Progress::Advance(uint64_t units) { Set(done_ + units); }

void Progress::Set(uint64_t done) {
  done_ = std::min(done, total_);
  if (enabled_) Draw(/*force=*/false);
}

void Progress::Draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double fraction =
      total_ == 0 ? 1.0 : static_cast<double>(done_) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r%s [%s] %3d%% (%llu/%llu)", label_.c_str(), bar.c_str(),
               static_cast<int>(fraction * 100), static_cast<unsigned long long>(done_),
               static_cast<unsigned long long>(total_));
  std::fflush(stderr);
}

}  // namespace duckweed::core
