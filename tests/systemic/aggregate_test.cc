#include "duckweed/systemic/aggregate.h"

#include <gtest/gtest.h>

namespace duckweed::evaluate {
namespace {

TwoAdditiveCapacity Cap() {
  auto cap =
      ParseCapacityJson(R"({"shapley":{"energy":0.3,"participation":0.4,"mobility":0.3},)"
                        R"("interaction":{"energy|participation":0.2,"energy|mobility":-0.1}})",
                        "cap.json");
  EXPECT_TRUE(cap.ok()) << cap.status().ToString();
  return *cap;
}

TEST(AggregateTest, RowsByHandWithMissingKeptMissing) {
  auto table = core::ParseCsv(
      "town,year,mobility,energy,participation\nLoos,2010,0.3,0.4,0.6\nX,2020,0.1,0.9,\n", "s.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto rows = AggregateCsv(Cap(), *table);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  // m_e = 0.3 - 0.5*(0.2-0.1) = 0.25, m_p = 0.4 - 0.1 = 0.3, m_m = 0.3 + 0.05 = 0.35.
  // C = 0.25*0.4 + 0.3*0.6 + 0.35*0.3 + 0.2*min(0.4,0.6) - 0.1*min(0.4,0.3) = 0.435.
  EXPECT_EQ((*rows)[0].label, "Loos 2010");
  EXPECT_NEAR((*rows)[0].result->choquet, 0.435, 1e-12);
  // Stand-alone 0.25*0.4 + 0.3*0.6 + 0.35*0.3 = 0.385; surplus 0.2*0.4 - 0.1*0.3 = 0.05;
  // weighted 0.3*0.4 + 0.4*0.6 + 0.3*0.3 = 0.45; balance -1/2 (0.2*0.2 - 0.1*0.1) = -0.015.
  EXPECT_NEAR((*rows)[0].result->standalone_sum, 0.385, 1e-12);
  EXPECT_NEAR((*rows)[0].result->surplus, 0.05, 1e-12);
  EXPECT_NEAR((*rows)[0].result->weighted_sum, 0.45, 1e-12);
  EXPECT_NEAR((*rows)[0].result->balance, -0.015, 1e-12);
  EXPECT_FALSE((*rows)[1].result.has_value());
  EXPECT_EQ((*rows)[1].missing, std::vector<std::string>{"participation"});
}

// The surplus measures synergy: at full achievement it is 1 - sum_i m_i (here the interactions'
// sum 0.2 - 0.1 = 0.1), an even profile has a zero balance but a positive surplus, and a profile
// with one domain at zero keeps only the pairs without it.
TEST(AggregateTest, SurplusIsWhatDomainsAddTogether) {
  const auto cap = Cap();
  const double full[] = {1, 1, 1};
  const Aggregate at_full = AggregateScores(cap, full);
  EXPECT_NEAR(at_full.choquet, 1.0, 1e-12);
  EXPECT_NEAR(at_full.standalone_sum, 0.9, 1e-12);
  EXPECT_NEAR(at_full.surplus, 0.1, 1e-12);
  EXPECT_NEAR(at_full.balance, 0.0, 1e-12);
  // Criteria order energy, participation, mobility. Even at 0.5: surplus 0.05, balance 0.
  const double even[] = {0.5, 0.5, 0.5};
  const Aggregate at_even = AggregateScores(cap, even);
  EXPECT_NEAR(at_even.surplus, 0.05, 1e-12);
  EXPECT_NEAR(at_even.standalone_sum, 0.45, 1e-12);
  EXPECT_NEAR(at_even.balance, 0.0, 1e-12);
  // Energy 0.8, participation 0 (no synergy can act), mobility 0.6: only energy|mobility,
  // -0.1 * 0.6 = -0.06; stand-alone 0.25*0.8 + 0.35*0.6 = 0.41; C = 0.35;
  // weighted 0.24 + 0.18 = 0.42; balance -1/2 (0.2*0.8 - 0.1*0.2) = -0.07.
  const double lopsided[] = {0.8, 0.0, 0.6};
  const Aggregate a = AggregateScores(cap, lopsided);
  EXPECT_NEAR(a.surplus, -0.06, 1e-12);
  EXPECT_NEAR(a.standalone_sum, 0.41, 1e-12);
  EXPECT_NEAR(a.choquet, 0.35, 1e-12);
  EXPECT_NEAR(a.weighted_sum, 0.42, 1e-12);
  EXPECT_NEAR(a.balance, -0.07, 1e-12);
}

TEST(AggregateTest, UnknownAndMissingDomainsAndOutOfRangeAreErrors) {
  auto table = core::ParseCsv("town,energy,tourism,mobility\nA,0.5,0.1,1.5\n", "s.csv");
  ASSERT_TRUE(table.ok());
  auto rows = AggregateCsv(Cap(), *table);
  ASSERT_FALSE(rows.ok());
  const std::string all = rows.status().ToString();
  EXPECT_NE(all.find("s.csv:1: field 'tourism': unknown domain 'tourism'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("missing column for domain 'participation'"), std::string::npos) << all;

  auto range = core::ParseCsv("energy,participation,mobility\n0.5,0.1,1.5\n", "r.csv");
  auto bad = AggregateCsv(Cap(), *range);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("r.csv:2:9: field 'mobility': expected a score in "
                                         "[0,1], found 1.5"),
            std::string::npos)
      << bad.status().ToString();
}

TEST(AggregateTest, ByYearSkipsYearsWithAMissingDomain) {
  DomainScores s;
  s.domains = {"energy", "participation", "mobility"};
  s.years = {2010, 2020};
  s.score = {{0.4, 0.7}, {0.6, 0.8}, {std::nullopt, 0.5}};
  auto years = AggregateByYear(Cap(), s);
  ASSERT_TRUE(years.ok()) << years.status().ToString();
  EXPECT_FALSE((*years)[0].result.has_value());
  EXPECT_EQ((*years)[0].missing, std::vector<std::string>{"mobility"});
  // 0.25*0.7 + 0.3*0.8 + 0.35*0.5 + 0.2*0.7 - 0.1*0.5 = 0.68 (= weighted sum 0.68).
  EXPECT_NEAR((*years)[1].result->choquet, 0.68, 1e-12);
  s.domains = {"energy", "participation", "transport"};
  auto bad = AggregateByYear(Cap(), s);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown domain 'mobility' in the capacity"),
            std::string::npos);
}

}  // namespace
}  // namespace duckweed::evaluate
