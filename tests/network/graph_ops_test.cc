#include "duckweed/network/graph_ops.h"

#include <gtest/gtest.h>

#include "duckweed/network/edge_list.h"
#include "duckweed/network/node_attributes.h"

namespace duckweed::network {
namespace {

Graph Parse(const char* text, EdgeListOptions options = {}) {
  auto parsed = ParseEdgeList(text, "t", options);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return std::move(parsed->graph);
}

TEST(GraphOps, InDegreesAndTransposeCarryWeights) {
  const Graph g = Parse("0 1 0.1\n0 2 0.2\n1 2 0.3\n3 2 0.4\n");
  EXPECT_EQ(InDegrees(g), (std::vector<uint32_t>{0, 1, 3, 0}));
  const Graph r = Transpose(g);
  ASSERT_EQ(r.node_count(), 4u);
  ASSERT_EQ(r.OutDegree(2), 3u);
  EXPECT_EQ(r.OutNeighbors(2)[0], 0u);
  EXPECT_EQ(r.OutNeighbors(2)[1], 1u);
  EXPECT_EQ(r.OutNeighbors(2)[2], 3u);
  EXPECT_FLOAT_EQ(r.weights()[r.ArcBegin(2) + 2], 0.4f);
  EXPECT_FLOAT_EQ(r.weights()[r.ArcBegin(1)], 0.1f);
  // Transposing twice gives back the arcs (rows sorted here already).
  const Graph back = Transpose(r);
  EXPECT_EQ(std::vector<NodeId>(back.targets().begin(), back.targets().end()),
            std::vector<NodeId>(g.targets().begin(), g.targets().end()));
}

TEST(GraphOps, Symmetry) {
  EXPECT_FALSE(IsSymmetric(Parse("0 1\n")));
  EXPECT_TRUE(IsSymmetric(Parse("0 1\n1 2\n", {.directed = false})));
}

TEST(NodeAttributes, ValidateNamesTheColumn) {
  NodeAttributes a;
  EXPECT_TRUE(a.Validate(3).ok());
  a.population = {1, 2, 3};
  a.resistance = {0, 0.5, 1.5};
  const auto status = a.Validate(3);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.diagnostics()[0].where.field, "resistance");
  EXPECT_NE(status.message().find("node 2"), std::string::npos);
  a.resistance.clear();
  a.latitude = {50, 50, 50};
  EXPECT_FALSE(a.Validate(3).ok());  // longitude missing
  a.longitude = {2, 2};
  EXPECT_FALSE(a.Validate(3).ok());  // wrong length
}

}  // namespace
}  // namespace duckweed::network
