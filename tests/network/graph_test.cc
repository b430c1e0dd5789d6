#include "duckweed/network/graph.h"

#include <gtest/gtest.h>

namespace duckweed::network {
namespace {

Graph::Parts Triangle() {
  // 0->1, 0->2, 1->2, 2->0
  return {.offsets = {0, 2, 3, 4},
          .targets = {1, 2, 2, 0},
          .weights = {0.5f, 0.25f, 1.f, 0.f},
          .channels = {}};
}

TEST(Graph, FromPartsExposesCsr) {
  const Graph g = Graph::FromParts(Triangle());
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.arc_count(), 4u);
  EXPECT_EQ(g.OutDegree(0), 2u);
  EXPECT_EQ(g.OutNeighbors(0)[1], 2u);
  EXPECT_EQ(g.ArcBegin(2), 3u);
  EXPECT_FLOAT_EQ(g.weights()[g.ArcBegin(0) + 1], 0.25f);
  EXPECT_TRUE(g.channels().empty());
}

TEST(Graph, EmptyPartsIsEmptyGraph) {
  const Graph g = Graph::FromParts({});
  EXPECT_EQ(g.node_count(), 0u);
  EXPECT_EQ(g.arc_count(), 0u);
}

TEST(Graph, ValidateRejectsBrokenCsr) {
  EXPECT_TRUE(Graph::Validate(Triangle()).ok());
  auto out_of_range = Triangle();
  out_of_range.targets[3] = 3;
  EXPECT_NE(Graph::Validate(out_of_range).message().find("points to node 3"), std::string::npos);
  auto decreasing = Triangle();
  decreasing.offsets = {0, 3, 2, 4};
  EXPECT_FALSE(Graph::Validate(decreasing).ok());
  auto short_weights = Triangle();
  short_weights.weights.pop_back();
  EXPECT_FALSE(Graph::Validate(short_weights).ok());
}

TEST(Graph, ToPartsRoundTrips) {
  Graph g = Graph::FromParts(Triangle());
  Graph::Parts parts = std::move(g).ToParts();
  EXPECT_EQ(parts.targets, (std::vector<NodeId>{1, 2, 2, 0}));
  EXPECT_EQ(parts.offsets.size(), 4u);
}

}  // namespace
}  // namespace duckweed::network
