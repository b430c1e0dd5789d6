#include "duckweed/network/graph_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "duckweed/network/edge_list.h"

namespace duckweed::network {
namespace {

class GraphCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dw_cache_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

EdgeList Sample() {
  auto parsed = ParseEdgeList("10 20 0.5\n20 30 0.25\n30 10 1\n10 30 0.75\n", "t");
  EXPECT_TRUE(parsed.ok());
  return std::move(parsed).value();
}

TEST_F(GraphCacheTest, RoundTripKeepsEverything) {
  const EdgeList sample = Sample();
  const auto path = dir_ / "g.dwg";
  ASSERT_TRUE(WriteGraphCache(path, sample.graph, sample.labels).ok());
  EXPECT_TRUE(IsGraphCacheFile(path));
  const auto loaded = ReadGraphCache(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Graph& g = loaded->graph;
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(std::vector<ArcIndex>(g.offsets().begin(), g.offsets().end()),
            std::vector<ArcIndex>(sample.graph.offsets().begin(), sample.graph.offsets().end()));
  EXPECT_EQ(std::vector<NodeId>(g.targets().begin(), g.targets().end()),
            std::vector<NodeId>(sample.graph.targets().begin(), sample.graph.targets().end()));
  EXPECT_EQ(std::vector<float>(g.weights().begin(), g.weights().end()),
            std::vector<float>(sample.graph.weights().begin(), sample.graph.weights().end()));
  EXPECT_EQ(loaded->labels, (std::vector<uint64_t>{10, 20, 30}));
}

TEST_F(GraphCacheTest, ChannelsAndEmptyGraphRoundTrip) {
  const Graph g =
      Graph::FromParts({.offsets = {0, 1, 1}, .targets = {1}, .weights = {}, .channels = {5}});
  ASSERT_TRUE(WriteGraphCache(dir_ / "c.dwg", g).ok());
  const auto loaded = ReadGraphCache(dir_ / "c.dwg");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->graph.channels()[0], 5);
  EXPECT_FALSE(loaded->graph.has_weights());
  ASSERT_TRUE(WriteGraphCache(dir_ / "e.dwg", Graph::FromParts({})).ok());
  const auto empty = ReadGraphCache(dir_ / "e.dwg");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->graph.node_count(), 0u);
}

TEST_F(GraphCacheTest, TruncatedCorruptedAndForeignFilesAreClearErrors) {
  const EdgeList sample = Sample();
  const auto path = dir_ / "g.dwg";
  ASSERT_TRUE(WriteGraphCache(path, sample.graph, sample.labels).ok());
  const auto size = std::filesystem::file_size(path);

  std::filesystem::copy_file(path, dir_ / "t.dwg");
  std::filesystem::resize_file(dir_ / "t.dwg", size - 3);
  const auto truncated = ReadGraphCache(dir_ / "t.dwg");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("truncated"), std::string::npos);
  EXPECT_EQ(truncated.status().ExitCode(), 1);

  std::filesystem::copy_file(path, dir_ / "x.dwg");
  {
    std::fstream f(dir_ / "x.dwg", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(64 + 8 * 4 + 2);  // inside the targets
    f.put('\x7f');
  }
  const auto corrupted = ReadGraphCache(dir_ / "x.dwg");
  ASSERT_FALSE(corrupted.ok());
  EXPECT_NE(corrupted.status().message().find("checksum"), std::string::npos);

  std::ofstream(dir_ / "text.dwg") << "0 1\n1 2\n";
  const auto foreign = ReadGraphCache(dir_ / "text.dwg");
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("shorter than its header"), std::string::npos);
  EXPECT_FALSE(IsGraphCacheFile(dir_ / "text.dwg"));

  EXPECT_EQ(ReadGraphCache(dir_ / "absent.dwg").status().code(), core::Code::kIoError);
}

}  // namespace
}  // namespace duckweed::network
