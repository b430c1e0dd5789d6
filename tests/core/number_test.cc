#include "duckweed/core/number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace duckweed::core {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(NumberTest, NonFiniteHaveOneSpellingWhateverTheSignBit) {
  EXPECT_EQ(FormatNumber(std::nan("")), "NaN");
  EXPECT_EQ(FormatNumber(-std::nan("")), "NaN");  // printf would say "-nan"
  EXPECT_EQ(FormatNumber(kInf), "Inf");
  EXPECT_EQ(FormatNumber(-kInf), "-Inf");
  EXPECT_EQ(FormatFixed(-std::nan(""), 3), "NaN");
  EXPECT_EQ(NonFiniteSpelling(1.5), "");
}

TEST(NumberTest, FiniteValuesKeepTheirUsualForms) {
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(-2.0), "-2");
  EXPECT_EQ(FormatFixed(2.0 / 3.0, 3), "0.667");
}

}  // namespace
}  // namespace duckweed::core
