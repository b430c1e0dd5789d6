// Runs every case of tests/golden/network/*.edges (format in that folder's README.md), one test
// per file, so a failing case shows its file name.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "duckweed/network/edge_list.h"

namespace duckweed::network {
namespace {

std::vector<std::string> GoldenFiles() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(DUCKWEED_GOLDEN_DIR)) {
    if (entry.path().extension() == ".edges") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Case {
  EdgeListOptions options;
  std::map<std::string, std::string> expect;
  std::string adjacency, labels, weights;
  std::vector<std::string> errors;
  bool has_adjacency = false, has_labels = false, has_weights = false;
};

Case ReadDirectives(const std::string& text) {
  Case c;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#! ", 0) != 0) continue;
    const auto colon = line.find(": ");
    const std::string key = line.substr(3, colon - 3);
    const std::string value = line.substr(colon + 2);
    std::istringstream words(value);
    std::string w;
    if (key == "options") {
      while (words >> w) {
        if (w == "undirected") c.options.directed = false;
        if (w == "dedup") c.options.dedup = true;
        if (w == "drop-self-loops") c.options.drop_self_loops = true;
        if (w == "identity-ids") c.options.ids = IdMapping::kIdentity;
        if (w == "ignore-weights") c.options.weights = WeightColumn::kIgnore;
        if (w == "require-weights") c.options.weights = WeightColumn::kRequire;
        if (w == "header-none") c.options.header = HeaderLine::kNone;
        if (w == "header-counts") c.options.header = HeaderLine::kNodeAndLineCount;
      }
    } else if (key == "expect") {
      while (words >> w) c.expect[w.substr(0, w.find('='))] = w.substr(w.find('=') + 1);
    } else if (key == "adjacency") {
      c.adjacency = value;
      c.has_adjacency = true;
    } else if (key == "labels") {
      c.labels = value;
      c.has_labels = true;
    } else if (key == "weights") {
      c.weights = value;
      c.has_weights = true;
    } else if (key == "error") {
      c.errors.push_back(value);
    } else {
      ADD_FAILURE() << "unknown directive " << key;
    }
  }
  return c;
}

std::string Adjacency(const Graph& g) {
  std::string out;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    if (u > 0) out += ' ';
    out += std::to_string(u) + ':';
    const auto row = g.OutNeighbors(u);
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + std::to_string(row[i]);
  }
  return out;
}

template <typename T>
std::string Join(const T& values) {
  std::ostringstream out;
  bool first = true;
  for (const auto& v : values) {
    out << (first ? "" : " ") << v;
    first = false;
  }
  return out.str();
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, Case) {
  const std::filesystem::path path = std::filesystem::path(DUCKWEED_GOLDEN_DIR) / GetParam();
  std::ifstream file(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const Case c = ReadDirectives(text);
  const auto parsed = ParseEdgeList(text, GetParam(), c.options);
  if (!c.errors.empty()) {
    ASSERT_FALSE(parsed.ok()) << "expected the case to fail";
    std::vector<std::string> found;
    for (const auto& d : parsed.status().diagnostics()) {
      found.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                      d.message);
    }
    EXPECT_EQ(found, c.errors);
    return;
  }
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Graph& g = parsed->graph;
  const std::map<std::string, uint64_t> actual = {
      {"nodes", g.node_count()},
      {"arcs", g.arc_count()},
      {"data_lines", parsed->stats.data_lines},
      {"self_loops_dropped", parsed->stats.self_loops_dropped},
      {"duplicate_arcs_dropped", parsed->stats.duplicate_arcs_dropped},
      {"weighted", g.has_weights() ? 1u : 0u}};
  for (const auto& [key, value] : c.expect) {
    ASSERT_TRUE(actual.count(key)) << "unknown expect key " << key;
    EXPECT_EQ(std::to_string(actual.at(key)), value) << key;
  }
  if (c.has_adjacency) {
    EXPECT_EQ(Adjacency(g), c.adjacency);
  }
  if (c.has_labels) {
    EXPECT_EQ(Join(parsed->labels), c.labels);
  }
  if (c.has_weights) {
    EXPECT_EQ(Join(g.weights()), c.weights);
  }
}

INSTANTIATE_TEST_SUITE_P(Network, Golden, ::testing::ValuesIn(GoldenFiles()), [](const auto& info) {
  std::string name = info.param.substr(0, info.param.find('.'));
  for (char& ch : name) ch = std::isalnum((unsigned char)ch) ? ch : '_';
  return name;
});

}  // namespace
}  // namespace duckweed::network
