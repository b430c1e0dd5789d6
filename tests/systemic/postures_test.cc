#include "duckweed/systemic/postures.h"

#include <gtest/gtest.h>

#include <cmath>

#include "duckweed/systemic/stats.h"

namespace duckweed::evaluate {
namespace {

// Upper critical values of Student's t, NIST/SEMATECH e-Handbook of Statistical Methods,
// section 1.3.6.7.2 (three decimals).
TEST(StatsTest, StudentTQuantilesMatchThePublishedTable) {
  EXPECT_NEAR(StudentTQuantile(0.975, 1), 12.706, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 9), 2.262, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 29), 2.045, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.95, 10), 1.812, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.995, 4), 4.604, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.025, 9), -2.262, 5e-4);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-9);
}

// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score, no correction).
TEST(StatsTest, WilsonIntervalsMatchNewcombe1998) {
  const Interval a = WilsonInterval(81, 263);
  EXPECT_NEAR(a.low, 0.2553, 5e-5);
  EXPECT_NEAR(a.high, 0.3662, 5e-5);
  const Interval b = WilsonInterval(15, 148);
  EXPECT_NEAR(b.low, 0.0624, 5e-5);
  EXPECT_NEAR(b.high, 0.1605, 5e-5);
  const Interval c = WilsonInterval(0, 20);
  EXPECT_EQ(c.low, 0.0);
  EXPECT_NEAR(c.high, 0.1611, 5e-5);
}

TEST(StatsTest, MeanIntervalByFormula) {
  const std::vector<double> v = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5};  // mean 3, ss = 20, sd = sqrt(20/9)
  const MeanSummary s = SummariseMean(v);
  EXPECT_EQ(s.n, 10);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.sd, std::sqrt(20.0 / 9), 1e-12);
  const double half = 2.262 * std::sqrt(20.0 / 9) / std::sqrt(10.0);  // table t_{.975,9}
  EXPECT_NEAR(s.ci.low, 3 - half, 5e-4);
  EXPECT_NEAR(s.ci.high, 3 + half, 5e-4);
}

TEST(PosturesTest, PerGroupYearItemAndIndex) {
  auto t = core::ParseCsv(
      "group,year,respondent,item,answer\n"
      "residents,2016,r1,trust,5\nresidents,2016,r1,pride,4\n"
      "residents,2016,r2,trust,2\nresidents,2016,r2,pride,\n"
      "residents,2016,r3,trust,4\nresidents,2016,r3,pride,2\n"
      "elected,2016,e1,trust,3\n",
      "survey.csv");
  ASSERT_TRUE(t.ok());
  auto cells = SummarisePostures(*t, {});
  ASSERT_TRUE(cells.ok()) << cells.status().ToString();
  auto find = [&](const std::string& g, const std::string& item) {
    for (const auto& c : *cells) {
      if (c.group == g && c.item == item) return c;
    }
    ADD_FAILURE() << g << " " << item;
    return PostureCell{};
  };
  const PostureCell trust = find("residents", "trust");
  EXPECT_EQ(trust.n, 3);
  EXPECT_NEAR(trust.mean.mean, 11.0 / 3, 1e-12);
  EXPECT_NEAR(trust.agree_share, 2.0 / 3, 1e-12);
  const PostureCell pride = find("residents", "pride");
  EXPECT_EQ(pride.n, 2);
  EXPECT_EQ(pride.missing, 1);
  // Index: respondent means 4.5, 2, 3 -> mean 19/6; agree (>= 4): 1 of 3.
  const PostureCell index = find("residents", "*");
  EXPECT_EQ(index.n, 3);
  EXPECT_NEAR(index.mean.mean, 19.0 / 6, 1e-12);
  EXPECT_NEAR(index.agree_share, 1.0 / 3, 1e-12);
  EXPECT_EQ(find("elected", "trust").n, 1);
}

TEST(PosturesTest, AnswerOutsideTheScaleIsNamed) {
  auto t = core::ParseCsv("group,year,item,answer\nresidents,2016,trust,7\nx,2016,trust,abc\n",
                          "survey.csv");
  auto cells = SummarisePostures(*t, {});
  ASSERT_FALSE(cells.ok());
  const std::string all = cells.status().ToString();
  EXPECT_NE(all.find("survey.csv:2:22: field 'answer': answer 7 outside the scale 1..5"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("survey.csv:3:"), std::string::npos) << all;
  EXPECT_FALSE(SummarisePostures(*t, {5, 1, 3}).ok());
}

}  // namespace
}  // namespace duckweed::evaluate
