#include "duckweed/core/memory.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cmath>
#include <cstdlib>

namespace duckweed::core {
namespace {

TEST(MemoryTest, FormatBytesUsesDecimalUnitsAndTwoSignificantDigits) {
  EXPECT_EQ(FormatBytes(300), "300 bytes");
  EXPECT_EQ(FormatBytes(12'000), "12 KB");
  EXPECT_EQ(FormatBytes(850e6), "850 MB");
  EXPECT_EQ(FormatBytes(3.24e9), "3.2 GB");
  EXPECT_EQ(FormatBytes(14.2e9), "14 GB");
  EXPECT_EQ(FormatBytes(999.7e6), "1.0 GB");  // rounds up into the next unit
  EXPECT_EQ(FormatBytes(2e15), "2.0 PB");
  EXPECT_EQ(FormatBytes(INFINITY), "more than 10^18 bytes");
}

TEST(MemoryTest, EnvironmentSetsTheBudget) {
  ASSERT_EQ(setenv("DUCKWEED_MEMORY_BUDGET", "500M", 1), 0);
  EXPECT_EQ(MemoryBudgetBytes(), 500e6);
  EXPECT_TRUE(CheckMemory(499e6, "x", "").ok());
  Status refused = CheckMemory(14e9, "this run", "use fewer replicas");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), Code::kInvalidInput);
  EXPECT_EQ(refused.message(),
            "this run would need about 14 GB of memory, more than the 500 MB this process can "
            "use; use fewer replicas");
  EXPECT_FALSE(CheckMemory(INFINITY, "x", "").ok());
  EXPECT_FALSE(CheckMemory(NAN, "x", "").ok());              // an estimate gone wrong never "fits"
  ASSERT_EQ(setenv("DUCKWEED_MEMORY_BUDGET", "12x", 1), 0);  // malformed: ignored
  EXPECT_NE(MemoryBudgetBytes(), 12);
  ASSERT_EQ(unsetenv("DUCKWEED_MEMORY_BUDGET"), 0);
}

TEST(MemoryTest, BudgetIsSixtyPercentOfTheAddressSpaceLimit) {
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_AS, &saved), 0);
  rlimit lower = saved;
  lower.rlim_cur = 3'000'000'000;  // as `ulimit -v 2929688`
  if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < lower.rlim_cur) GTEST_SKIP();
  ASSERT_EQ(setrlimit(RLIMIT_AS, &lower), 0);
  const double budget = MemoryBudgetBytes();
  ASSERT_EQ(setrlimit(RLIMIT_AS, &saved), 0);
  EXPECT_LE(budget, 1.8e9);
}

}  // namespace
}  // namespace duckweed::core
