#include "duckweed/network/edge_list.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "support/shared_data.h"

namespace duckweed::network {
namespace {

std::set<std::pair<NodeId, NodeId>> Arcs(const Graph& g) {
  std::set<std::pair<NodeId, NodeId>> arcs;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    for (NodeId v : g.OutNeighbors(u)) arcs.insert({u, v});
  }
  return arcs;
}

TEST(EdgeList, ParsesDirectedWithCommentsAndCrlf) {
  const auto parsed = ParseEdgeList("# a comment\r\n0 1\r\n\r\n1 2\n  % other comment\n2 0", "t");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->graph.node_count(), 3u);
  EXPECT_EQ(Arcs(parsed->graph), (std::set<std::pair<NodeId, NodeId>>{{0, 1}, {1, 2}, {2, 0}}));
  EXPECT_EQ(parsed->stats.data_lines, 3u);
  EXPECT_FALSE(parsed->graph.has_weights());
}

TEST(EdgeList, CompactIdsSortLabels) {
  const auto parsed = ParseEdgeList("1000000007 5\n5 42\n", "t");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->labels, (std::vector<uint64_t>{5, 42, 1000000007}));
  EXPECT_EQ(Arcs(parsed->graph), (std::set<std::pair<NodeId, NodeId>>{{2, 0}, {0, 1}}));
  EXPECT_EQ(parsed->FindNode(42), NodeId{1});
  EXPECT_FALSE(parsed->FindNode(6).has_value());
  EXPECT_EQ(parsed->Label(2), 1000000007u);
}

TEST(EdgeList, IdentityIdsKeepIsolatedNodes) {
  const auto parsed = ParseEdgeList("0 3\n", "t", {.ids = IdMapping::kIdentity});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->graph.node_count(), 4u);
  EXPECT_TRUE(parsed->labels.empty());
  EXPECT_EQ(parsed->FindNode(2), NodeId{2});
}

TEST(EdgeList, IdentityIdsStopAtTheDocumentedCap) {
  // Two lines: up to 16 * 2 + 2^20 nodes, so the largest id allowed is 1048607.
  EXPECT_EQ(IdentityNodeCap(2), 1048608u);
  const auto at_cap = ParseEdgeList("0 1\n1 1048607\n", "t", {.ids = IdMapping::kIdentity});
  ASSERT_TRUE(at_cap.ok());
  EXPECT_EQ(at_cap->graph.node_count(), 1048608u);
  const auto over = ParseEdgeList("0 1\n1 1048608\n", "t", {.ids = IdMapping::kIdentity});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().ExitCode(), 1);
  EXPECT_NE(over.status().ToString().find("t:2:3: node id 1048608 is too large"), std::string::npos)
      << over.status().ToString();
  // Compact ids read the same list.
  EXPECT_TRUE(ParseEdgeList("0 1\n1 1048608\n", "t").ok());
}

TEST(EdgeList, UndirectedDedupKeepsFirstWeightAndDropsLoops) {
  const auto parsed = ParseEdgeList("0 1 0.5\n1 0 0.25\n0 1 0.125\n2 2 1\n1 2 1\n", "t",
                                    {.directed = false, .drop_self_loops = true, .dedup = true});
  ASSERT_TRUE(parsed.ok());
  const Graph& g = parsed->graph;
  EXPECT_EQ(g.arc_count(), 4u);  // {0,1} and {1,2}, both directions
  EXPECT_EQ(parsed->stats.self_loops_dropped, 1u);
  EXPECT_EQ(parsed->stats.duplicate_arcs_dropped, 4u);
  EXPECT_FLOAT_EQ(g.weights()[g.ArcBegin(0)], 0.5f);
  EXPECT_EQ(g.OutNeighbors(1)[0], 0u);
  EXPECT_FLOAT_EQ(g.weights()[g.ArcBegin(1)], 0.5f);
}

TEST(EdgeList, AutoHeaderLikeNetHept) {
  const auto parsed = ParseEdgeList("3 2\n0 1 0.5\n1 2 1\n", "t");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->stats.header_nodes, 3u);
  EXPECT_EQ(parsed->stats.data_lines, 2u);
  EXPECT_EQ(parsed->graph.arc_count(), 2u);
  EXPECT_TRUE(parsed->graph.has_weights());
}

TEST(EdgeList, HeaderLineCountMismatchIsAnError) {
  const auto parsed = ParseEdgeList("3 5\n0 1 0.5\n1 2 1\n", "t");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("declares 5 edge lines and 2 follow"),
            std::string::npos);
}

TEST(EdgeList, MalformedLinesAreAllReportedWithLineAndColumn) {
  const auto parsed = ParseEdgeList("0 1\n0 x\n-3 2\n1 2 3 4\n5\n1 2 0.5\n", "bad.edges");
  ASSERT_FALSE(parsed.ok());
  const auto& diags = parsed.status().diagnostics();
  ASSERT_EQ(diags.size(), 5u) << parsed.status().ToString();
  EXPECT_EQ(diags[0].ToString().substr(0, 14), "bad.edges:2:3:");
  EXPECT_NE(diags[0].message.find("found 'x'"), std::string::npos);
  EXPECT_EQ(diags[1].where.line, 3);
  EXPECT_EQ(diags[1].where.column, 1);
  EXPECT_EQ(diags[2].where.line, 4);
  EXPECT_EQ(diags[2].where.column, 7);
  EXPECT_EQ(diags[3].where.line, 5);
  EXPECT_NE(diags[4].message.find("expected 2 fields like line 1, found 3"), std::string::npos);
  EXPECT_EQ(parsed.status().ExitCode(), 1);
}

TEST(EdgeList, BadWeightAndHugeId) {
  const auto parsed = ParseEdgeList("0 1 nan\n99999999999999999999 1 0.5\n", "t");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().diagnostics().size(), 2u);
  EXPECT_NE(parsed.status().message().find("finite number"), std::string::npos);
}

TEST(EdgeList, MissingFileIsIoError) {
  const auto parsed = ReadEdgeListFile("/nonexistent/x.edges");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), core::Code::kIoError);
}

TEST(EdgeListGolden, Karate) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "graphs/karate.edges");
  const auto parsed = ReadEdgeListFile(path, {.directed = false});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Graph& g = parsed->graph;
  EXPECT_EQ(g.node_count(), 34u);
  EXPECT_EQ(g.arc_count(), 2u * 78u);
  // Zachary's club: the instructor (0) has degree 16, the administrator (33) 17.
  EXPECT_EQ(g.OutDegree(0), 16u);
  EXPECT_EQ(g.OutDegree(33), 17u);
}

TEST(EdgeListGolden, NetHeptPreparedAsTheIcReference) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "graphs/NetHEPT.txt");
  const auto raw = ReadEdgeListFile(path, {.ids = IdMapping::kIdentity});
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(raw->stats.header_nodes, 15233u);
  EXPECT_EQ(raw->stats.data_lines, 58891u);
  EXPECT_EQ(raw->graph.node_count(), 15233u);
  const auto directed = ReadEdgeListFile(path, {.dedup = true, .ids = IdMapping::kIdentity});
  ASSERT_TRUE(directed.ok());
  EXPECT_EQ(directed->graph.arc_count(), 32235u);  // distinct directed pairs (README)
  const auto prepared = ReadEdgeListFile(
      path,
      {.directed = false, .drop_self_loops = true, .dedup = true, .ids = IdMapping::kIdentity});
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->graph.arc_count(), 62752u);  // 31,376 undirected edges (reference JSON)
  NodeId non_isolated = 0;
  for (NodeId u = 0; u < prepared->graph.node_count(); ++u)
    non_isolated += prepared->graph.OutDegree(u) > 0;
  EXPECT_EQ(non_isolated, 15229u);
  const auto compact =
      ReadEdgeListFile(path, {.directed = false, .drop_self_loops = true, .dedup = true});
  ASSERT_TRUE(compact.ok());
  // Every id 0..15232 appears (the 4 isolated nodes only in self-loops), so compact ids are the
  // input ids and the reference's seed ids need no translation.
  EXPECT_EQ(compact->graph.node_count(), 15233u);
  EXPECT_EQ(compact->Label(15232), 15232u);
}

// Every graph of ../shared/data/graphs/README.md's table: n and m as published there, each
// edge listed once, ids 0-based with isolated vertices possible (so identity ids).
struct PublishedCounts {
  const char* file;
  NodeId nodes;
  uint64_t edges;
};

class SharedGraphs : public ::testing::TestWithParam<PublishedCounts> {};

TEST_P(SharedGraphs, CountsMatchTheReadme) {
  const PublishedCounts& expected = GetParam();
  DUCKWEED_SHARED_FILE_OR_SKIP(path, std::string("graphs/") + expected.file);
  const auto parsed = ReadEdgeListFile(path, {.directed = false, .ids = IdMapping::kIdentity});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->stats.data_lines, expected.edges);
  EXPECT_LE(parsed->graph.node_count(), expected.nodes);
  const auto simple = ReadEdgeListFile(
      path,
      {.directed = false, .drop_self_loops = true, .dedup = true, .ids = IdMapping::kIdentity});
  ASSERT_TRUE(simple.ok());
  EXPECT_EQ(simple->graph.arc_count(), 2 * expected.edges);  // already simple graphs
}

INSTANTIATE_TEST_SUITE_P(Readme, SharedGraphs,
                         ::testing::Values(PublishedCounts{"email-Enron.edges", 36692, 183831},
                                           PublishedCounts{"hep-th.edges", 8361, 15751},
                                           PublishedCounts{"astro-ph.edges", 16706, 121251},
                                           PublishedCounts{"cond-mat-2005.edges", 40421, 175693},
                                           PublishedCounts{"as-22july06.edges", 22963, 48436},
                                           PublishedCounts{"power.edges", 4941, 6594},
                                           PublishedCounts{"netscience.edges", 1589, 2742},
                                           PublishedCounts{"karate.edges", 34, 78}),
                         [](const auto& info) {
                           std::string name = info.param.file;
                           name = name.substr(0, name.find('.'));
                           for (char& c : name)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace duckweed::network
