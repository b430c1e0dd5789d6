// End-to-end runs from files (what `duckweed diffuse run` does) and their bad-input paths: each
// error is a value with the code that maps to exit status 1 and a message naming the problem.
#include "duckweed/diffusion/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/diffusion/compare.h"

namespace duckweed::diffusion {
namespace {

namespace fs = std::filesystem;

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dw_diffusion_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir_;
};

// A path 10 - 20 - 30 - 40 (sparse ids, compacted), with a duplicate and a self-loop.
constexpr char kPath[] = "# a path\n10 20\n20 30\n30 40\n20 10\n30 30\n";

TEST_F(RunTest, DeterministicCascadeOnAPathIsExact) {
  RunRequest r;
  r.graph_path = Write("path.edges", kPath);
  r.undirected = true;
  r.spec = {.kind = ModelKind::kIndependentCascade, .probability = 1.0};
  r.seeds_file = Write("seeds.json", "[20]");
  r.options.replicas = 5;
  auto run = ExecuteRun(r);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->inputs.nodes, 4u);
  EXPECT_EQ(run->inputs.arcs, 6u);  // the duplicate and the loop are dropped
  EXPECT_EQ(run->inputs.self_loops_dropped, 1u);
  EXPECT_EQ(run->result.final_size.mean, 4.0);
  EXPECT_EQ(run->result.final_size.stderr_mean, 0.0);
  ASSERT_EQ(run->result.curve.size(), 3u);  // step 0: {20}; 1: {10, 30}; 2: {40}
  EXPECT_EQ(run->result.curve[1].mean_adopted, 3.0);
  const auto record = nlohmann::json::parse(
      RunRecordJson(run->inputs, r.spec, r.options, run->result, run->timings));
  EXPECT_EQ(record["final_size"]["mean"].get<double>(), 4.0);
  EXPECT_EQ(record["final_size"]["stderr"].get<double>(), 0.0);
  EXPECT_EQ(record["seeds"][0].get<int>(), 20);  // written back as the input's id
  EXPECT_EQ(record["parameters"]["model"], "ic");
  EXPECT_EQ(record["seed"].get<int>(), 1);
  EXPECT_TRUE(record["timings"].contains("microseconds_per_replica"));
  // Reach: 50% = 2 nodes at step 1, 90% = 4 nodes at step 2.
  EXPECT_EQ(record["reach"][1]["mean_step"].get<double>(), 1.0);
  EXPECT_EQ(record["reach"][2]["mean_step"].get<double>(), 2.0);
}

TEST_F(RunTest, MalformedEdgeListNamesTheLine) {
  RunRequest r;
  r.graph_path = Write("bad.edges", "1 2\n2 x\n");
  r.seed_ids = {1};
  auto run = ExecuteRun(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().ExitCode(), 1);
  EXPECT_NE(run.status().ToString().find(":2:"), std::string::npos) << run.status().ToString();
}

TEST_F(RunTest, SeedAbsentFromTheGraphIsAnInputError) {
  RunRequest r;
  r.graph_path = Write("path.edges", kPath);
  r.seeds_file = Write("seeds.json", "[10, 99]");
  auto run = ExecuteRun(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().ExitCode(), 1);
  EXPECT_NE(run.status().ToString().find("99"), std::string::npos);
  EXPECT_NE(run.status().ToString().find("seeds.json"), std::string::npos);
}

TEST_F(RunTest, SeedsFileMustBeAnArrayOfIds) {
  for (const char* text : {"{\"a\": 1}", "[1, -2]", "[1, 2.5]", "[1,", "[\"x\"]"}) {
    auto ids = ParseSeedIds(text, "s.json");
    ASSERT_FALSE(ids.ok()) << text;
    EXPECT_EQ(ids.status().ExitCode(), 1);
    EXPECT_NE(ids.status().ToString().find("s.json"), std::string::npos);
  }
  auto ok = ParseSeedIds("[3, 1, 2]", "s.json");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (std::vector<uint64_t>{3, 1, 2}));
}

TEST_F(RunTest, ParametersOutOfRangeAreInputErrors) {
  RunRequest r;
  r.graph_path = Write("path.edges", kPath);
  r.seed_ids = {10};
  r.spec = {.kind = ModelKind::kSir, .beta = 1.5};
  auto run = ExecuteRun(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().ExitCode(), 1);
  EXPECT_NE(run.status().ToString().find("beta"), std::string::npos);
  r.spec = {.kind = ModelKind::kIndependentCascade, .use_arc_weights = true};
  run = ExecuteRun(r);  // the edge list has no weight column
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().ExitCode(), 1);
}

TEST_F(RunTest, MissingFileIsAnIoErrorNamingIt) {
  RunRequest r;
  r.graph_path = (dir_ / "absent.edges").string();
  r.seed_ids = {1};
  auto run = ExecuteRun(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().ExitCode(), 1);
  EXPECT_NE(run.status().ToString().find("absent.edges"), std::string::npos);
}

TEST_F(RunTest, ExactlyOneSeedSourceIsRequired) {
  RunRequest r;
  r.graph_path = Write("path.edges", kPath);
  auto run = ExecuteRun(r);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().ExitCode(), 2);
}

TEST_F(RunTest, NodeTableGivesNamesPopulationAndAMap) {
  RunRequest r;
  r.graph_path = Write("path.edges", kPath);
  r.undirected = true;
  r.nodes_path = Write("nodes.csv",
                       "id,name,population,latitude,longitude\n10,Loos,6799,50.45,2.79\n"
                       "20,Lens,31000,50.43,2.83\n30,Liévin,30000,50.42,2.78\n");
  r.strategy = SeedStrategy::kTopPopulation;
  r.seed_count = 1;
  r.spec = {.kind = ModelKind::kIndependentCascade, .probability = 1.0};
  r.options.replicas = 3;
  auto run = ExecuteRun(r);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->inputs.labels[run->result.seeds[0]], 20u);  // Lens, the most populous
  const auto map =
      nlohmann::json::parse(AdoptionGeoJson(run->result, run->inputs, run->nodes.attributes));
  EXPECT_EQ(map["features"].size(), 3u);  // node 40 has no coordinates
  EXPECT_EQ(map["features"][1]["properties"]["name"], "Lens");
  EXPECT_EQ(map["features"][1]["properties"]["seed"], true);

  r.nodes_path = Write("bad.csv", "id,population\n10,-5\n77,1\n");
  run = ExecuteRun(r);
  ASSERT_FALSE(run.ok());
  const std::string message = run.status().ToString();
  EXPECT_NE(message.find("bad.csv:2"), std::string::npos) << message;  // both problems reported
  EXPECT_NE(message.find("77"), std::string::npos) << message;
}

TEST_F(RunTest, CompareRunsEveryChannelWithTheSameSeeds) {
  const std::string prefix = (dir_ / "net").string();
  Write("net.nodes.csv",
        "id,name,population,latitude,longitude\n0,A,1,50,2\n1,B,1,50,2.1\n"
        "2,C,1,50,2.2\n3,D,1,50,2.3\n");
  Write("net.concentric.edges", "0 1\n1 2\n2 3\n");
  Write("net.long-range.edges", "0 3\n");
  CompareRequest c;
  c.places_prefix = prefix;
  c.channels = {"concentric", "long-range"};
  c.run.spec = {.kind = ModelKind::kSi, .beta = 1.0};
  c.run.seed_names = {"A"};
  c.run.options.replicas = 2;
  auto out = ExecuteComparison(c);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0].run.result.final_size.mean, 4.0);
  EXPECT_EQ((*out)[0].run.result.reach[2].mean_step, 3.0);  // 90% of 4 nodes = all 4, step 3
  EXPECT_EQ((*out)[1].run.result.final_size.mean, 2.0);     // padded to 4 nodes, A and D only
  EXPECT_EQ((*out)[1].run.inputs.nodes, 4u);
}

}  // namespace
}  // namespace duckweed::diffusion
