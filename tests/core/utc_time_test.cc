// The stored timestamp form, checked against dates computed by hand.
#include "duckweed/core/utc_time.h"

#include <gtest/gtest.h>

namespace duckweed::core {
namespace {

TEST(UtcTimeTest, FormatsKnownInstants) {
  EXPECT_EQ(FormatUtc(0), "1970-01-01T00:00:00Z");
  // 2000-02-29 (a leap day) 12:34:56: 11,016 days after the epoch, plus 45,296 s.
  EXPECT_EQ(FormatUtc(951827696), "2000-02-29T12:34:56Z");
}

TEST(UtcTimeTest, NowHasTheStoredShape) {
  const std::string now = UtcNow();
  ASSERT_EQ(now.size(), 20u);
  EXPECT_EQ(now[4], '-');
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[19], 'Z');
  EXPECT_GE(now, "2026-01-01T00:00:00Z");
}

}  // namespace
}  // namespace duckweed::core
