// Aggregation of stakeholders' maps: plain and credibility-weighted means, concept union,
// missing-edge policies, and invalid credibilities.
#include "duckweed/fcm/fcm_aggregate.h"

#include <gtest/gtest.h>

#include "duckweed/fcm/fcm_io.h"

namespace duckweed::fcm {
namespace {

FcmMap Csv(const std::string& text) {
  auto map = ParseFcmCsv(text, "test");
  EXPECT_TRUE(map.ok()) << map.status().ToString();
  return *map;
}

TEST(FcmAggregate, PlainMeanOverTheUnionOfConcepts) {
  FcmMap residents = Csv("from,to,weight\nA,B,0.8\nB,C,0.4\n");
  FcmMap officials = Csv("from,to,weight\nA,B,0.2\nD,A,-0.6\n");
  auto agg = AggregateFcmMaps({residents, officials});
  ASSERT_TRUE(agg.ok()) << agg.status().ToString();
  EXPECT_EQ(agg->concepts(), (std::vector<std::string>{"A", "B", "C", "D"}));
  EXPECT_DOUBLE_EQ(agg->weight(0, 1), 0.5);   // (0.8 + 0.2) / 2
  EXPECT_DOUBLE_EQ(agg->weight(1, 2), 0.2);   // (0.4 + 0) / 2: officials lack C
  EXPECT_DOUBLE_EQ(agg->weight(3, 0), -0.3);  // (0 - 0.6) / 2
}

TEST(FcmAggregate, CredibilityWeightedMean) {
  FcmMap a = Csv("from,to,weight\nA,B,0.9\n");
  FcmMap b = Csv("from,to,weight\nA,B,-0.3\n");
  FcmAggregateOptions options;
  options.credibility = {3.0, 1.0};
  auto agg = AggregateFcmMaps({a, b}, options);
  ASSERT_TRUE(agg.ok());
  EXPECT_DOUBLE_EQ(agg->weight(0, 1), (3 * 0.9 - 0.3) / 4);
}

TEST(FcmAggregate, SkipPolicyIgnoresMapsWithoutTheConcepts) {
  FcmMap residents = Csv("from,to,weight\nA,B,0.8\nB,C,0.4\n");
  FcmMap officials = Csv("from,to,weight\nA,B,0.2\n");
  FcmAggregateOptions options;
  options.missing = FcmMissingEdges::kSkip;
  auto agg = AggregateFcmMaps({residents, officials}, options);
  ASSERT_TRUE(agg.ok());
  EXPECT_DOUBLE_EQ(agg->weight(1, 2), 0.4);  // only residents know C
  EXPECT_DOUBLE_EQ(agg->weight(0, 1), 0.5);
}

TEST(FcmAggregate, InvalidCredibilities) {
  FcmMap a = Csv("from,to,weight\nA,B,0.9\n");
  FcmAggregateOptions options;
  options.credibility = {1.0, 2.0};
  EXPECT_EQ(AggregateFcmMaps({a}, options).status().ExitCode(), 1);
  options.credibility = {-1.0};
  EXPECT_EQ(AggregateFcmMaps({a}, options).status().ExitCode(), 1);
  options.credibility = {0.0};
  EXPECT_EQ(AggregateFcmMaps({a}, options).status().ExitCode(), 1);
  EXPECT_EQ(AggregateFcmMaps({}).status().ExitCode(), 1);
}

}  // namespace
}  // namespace duckweed::fcm
