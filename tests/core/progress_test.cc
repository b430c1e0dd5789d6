#include "duckweed/core/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace duckweed::core {
namespace {

// Everything written to `file` so far.
std::string Contents(std::FILE* file) {
  std::fflush(file);
  std::rewind(file);
  std::string text;
  char chunk[256];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) text.append(chunk, got);
  return text;
}

// The text after the last carriage return: what a terminal shows.
std::string LastDraw(const std::string& text) { return text.substr(text.rfind('\r') + 1); }

TEST(Progress, SilentWithoutATerminalButStillCounts) {
  Progress progress("work", 10, nullptr);
  EXPECT_FALSE(progress.enabled());
  progress.Advance(3);
  progress.Advance();
  EXPECT_EQ(progress.done(), 4u);
}

TEST(Progress, EndsOnTheFullBarAndANewLine) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    Progress progress("replicas", 4, file);
    for (int i = 0; i < 4; ++i) progress.Advance();
  }
  EXPECT_EQ(LastDraw(Contents(file)), "replicas [" + std::string(30, '#') + "] 100% (4/4)\n");
  std::fclose(file);
}

TEST(Progress, HalfwayIsHalfTheBar) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    Progress progress("grid", 0, file);
    progress.SetTotal(10);
    progress.Set(5);  // the first draw is never rate-limited
    EXPECT_EQ(LastDraw(Contents(file)),
              "grid [" + std::string(15, '#') + std::string(15, '.') + "]  50% (5/10)");
  }
  std::fclose(file);
}

TEST(Progress, UnknownTotalShowsTheCount) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    Progress progress("importing rows.csv", 0, file);
    progress.Advance(1234);
  }
  EXPECT_EQ(LastDraw(Contents(file)), "importing rows.csv: 1234\n");
  std::fclose(file);
}

TEST(Progress, NothingDrawnNothingWritten) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  { Progress progress("idle", 5, file); }
  EXPECT_EQ(Contents(file), "");
  std::fclose(file);
}

TEST(Progress, ThreadsAdvancingAtOnceLoseNoUnit) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    Progress progress("threads", 80000, file);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&progress] {
        for (int i = 0; i < 10000; ++i) progress.Advance();
      });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(progress.done(), 80000u);
  }
  EXPECT_EQ(LastDraw(Contents(file)),
            "threads [" + std::string(30, '#') + "] 100% (80000/80000)\n");
  std::fclose(file);
}

}  // namespace
}  // namespace duckweed::core
