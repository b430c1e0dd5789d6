#include "duckweed/sd/sd_names.h"

#include <gtest/gtest.h>

namespace duckweed::sd {
namespace {

TEST(SdNames, SpacesUnderscoresQuotesAndCaseAreEquivalent) {
  EXPECT_EQ(CanonicalName("Teacup Temperature"), "teacup_temperature");
  EXPECT_EQ(CanonicalName("\"Teacup  Temperature\""), "teacup_temperature");
  EXPECT_EQ(CanonicalName("teacup_temperature"), "teacup_temperature");
  EXPECT_EQ(CanonicalName("Teacup\\nTemperature"), "teacup_temperature");
  EXPECT_EQ(CanonicalName("\"a \\\"quoted\\\" name\""), "a_\"quoted\"_name");
}

TEST(SdNames, DisplayNameCollapsesNewlines) {
  EXPECT_EQ(DisplayName("Heat Loss\\nto Room"), "Heat Loss to Room");
  EXPECT_EQ(DisplayName("Heat\n   Loss"), "Heat Loss");
  EXPECT_EQ(DisplayName("hares_killed\\nper_lynx"), "hares killed per lynx");
}

}  // namespace
}  // namespace duckweed::sd
