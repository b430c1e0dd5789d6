// Jobs over the real server: a diffusion job's result is the record `duckweed diffuse run --json`
// prints for the same run (the Monte Carlo depends on its seed only), a robustness job's the grid
// `duckweed qca robustness --json` prints for the case base; a job can be cancelled while it runs;
// the number of jobs and their running time are bounded; bad parameters are refused before
// anything is queued.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

using nlohmann::json;

// A place network as `graph places --out PREFIX` writes it: 400 places on a ring with chords.
std::string WritePlaces(const TempDir& dir) {
  const std::string prefix = (dir / "p").string();
  std::ofstream nodes(prefix + ".nodes.csv"), edges(prefix + ".all.edges");
  nodes << "id,name\n";
  constexpr int kPlaces = 400;
  for (int i = 0; i < kPlaces; ++i) {
    nodes << i << ",P" << i << "\n";
    edges << i << " " << (i + 1) % kPlaces << "\n" << i << " " << (i + 37) % kPlaces << "\n";
  }
  nodes.close();
  edges.close();
  const std::string cmd = std::string(DUCKWEED_BIN) + " graph convert " + prefix +
                          ".all.edges --undirected --out " + prefix + ".all.dwg >/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return prefix;
}

// A case base as `qca cases` writes it (outcome last). Rows (A,B): 11 with 4 cases all Y=1 (incl
// 1); 10 with 5 cases, 4 Y=1 (incl 0.8); 01 with 2 cases Y=0. At cut-offs <= 0.8 the solution is
// A, above it A*B: over 0.7..0.9 A appears at 3 of 5 points, A*B at 2 (counted by hand).
std::string WriteCases(const TempDir& dir) {
  const std::string path = (dir / "cases.csv").string();
  std::ofstream out(path);
  out << "case,A,B,Y\n";
  int id = 0;
  for (const auto& [row, times] :
       {std::pair{"1,1,1", 4}, {"1,0,1", 4}, {"1,0,0", 1}, {"0,1,0", 2}}) {
    for (int i = 0; i < times; ++i) out << "c" << ++id << "," << row << "\n";
  }
  return path;
}

// A case base whose grid takes tens of seconds: 8 conditions over 200 cases (each minimisation
// about a third of a second), for the cancel test.
std::string WriteSlowCases(const TempDir& dir) {
  const std::string path = (dir / "slow.csv").string();
  std::ofstream out(path);
  out << "case,C0,C1,C2,C3,C4,C5,C6,C7,Y\n";
  uint32_t state = 12345;
  auto bit = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 1u;
  };
  for (int r = 0; r < 200; ++r) {
    uint32_t v[8];
    for (uint32_t& x : v) x = bit();
    const bool y = (v[0] && v[1]) || (v[2] && !v[3]) || (bit() && bit() && bit());
    out << "c" << r;
    for (const uint32_t x : v) out << "," << x;
    out << "," << y << "\n";
  }
  return path;
}

std::string Capture(const std::string& cmd) {
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << cmd;
  return out;
}

class Jobs : public ::testing::Test {
 protected:
  void Start(int max_jobs = 4, double time_limit = 60, std::string cases = "") {
    ServerOptions o;
    o.db = (dir_ / "store.db").string();
    o.places = prefix_;
    o.cases = cases.empty() ? cases_ : cases;
    o.max_jobs = max_jobs;
    o.job_time_limit = time_limit;
    o.job_threads = 2;
    running_ = std::make_unique<Running>(o);
  }

  int Post(const std::string& path, const std::string& body, json* answer) {
    auto res = running_->client().Post(path.c_str(), body, "application/json");
    if (!res) return -1;
    *answer = json::parse(res->body, nullptr, false);
    return res->status;
  }

  // Polls the job until `done` says so (at most 30 s); its last description.
  json Poll(const std::string& id, const std::function<bool(const json&)>& done) {
    json job;
    for (int i = 0; i < 3000; ++i) {
      job = running_->GetJson("/api/v1/jobs/" + id);
      if (done(job)) return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "job " << id << " never got there: " << job.dump();
    return job;
  }

  static bool Finished(const json& job) {
    return job["state"] != "queued" && job["state"] != "running";
  }

  TempDir dir_;
  std::string prefix_ = WritePlaces(dir_);
  std::string cases_ = WriteCases(dir_);
  std::unique_ptr<Running> running_;
};

// Long enough to be running when the test acts on it (about a minute on one core), and cancelled
// by every test that starts it.
constexpr char kLong[] = R"({"model":"si","beta":0.05,"replicas":50000000,"seed_names":["P1"]})";

TEST_F(Jobs, ADiffusionJobGivesTheRecordOfTheCommandLine) {
  Start();
  json job;
  ASSERT_EQ(Post("/api/v1/jobs",
                 R"({"kind":"diffusion","parameters":{"model":"si","beta":0.2,"replicas":300,)"
                 R"("seed":7,"seed_names":["P5"],"channel":"all"}})",
                 &job),
            202)
      << job.dump();
  EXPECT_EQ(job["kind"], "diffusion");
  job = Poll(job["id"], Finished);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["progress"], 1.0);
  json cli = json::parse(Capture(std::string(DUCKWEED_BIN) + " diffuse run --graph " + prefix_ +
                                 ".all.edges --nodes " + prefix_ +
                                 ".nodes.csv --undirected --dense-ids --model si --beta 0.2 "
                                 "--replicas 300 --seed 7 --seed-names P5 --json"));
  json result = job["result"];
  for (json* record : {&cli, &result}) {
    record->erase("timings");
    record->erase("threads");
  }
  EXPECT_EQ(result, cli);
  EXPECT_GT(result["final_size"]["mean"].get<double>(), 1.0);
  // The dashboard's form of the same submission: POST /api/v1/jobs/diffusion, the same result.
  json again;
  ASSERT_EQ(
      Post("/api/v1/jobs/diffusion",
           R"({"model":"si","beta":0.2,"replicas":300,"seed":7,"seed_names":["P5"]})", &again),
      202);
  again = Poll(again["id"], Finished);
  EXPECT_EQ(again["result"]["curve"], job["result"]["curve"]);
}

TEST_F(Jobs, ARunningJobIsCancelledAndSaysSo) {
  Start();
  json job;
  ASSERT_EQ(Post("/api/v1/jobs/diffusion", kLong, &job), 202) << job.dump();
  const std::string id = job["id"];
  job = Poll(id, [](const json& j) { return j["progress"].get<double>() > 0; });
  ASSERT_EQ(job["state"], "running");
  auto res = running_->client().Delete(("/api/v1/jobs/" + id).c_str());
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 200 || res->status == 202) << res->body;
  job = Poll(id, Finished);
  EXPECT_EQ(job["state"], "cancelled");
  EXPECT_LT(job["progress"].get<double>(), 0.5);
  EXPECT_FALSE(job.contains("result"));
  // A finished job cannot be cancelled again into another state; an unknown one is 404.
  res = running_->client().Delete("/api/v1/jobs/0000000000000000");
  EXPECT_EQ(res->status, 404);
}

TEST_F(Jobs, TheQueueIsBoundedAndRefusesWithAJsonError) {
  Start(/*max_jobs=*/2);
  json a, b, c;
  ASSERT_EQ(Post("/api/v1/jobs/diffusion", kLong, &a), 202);
  ASSERT_EQ(Post("/api/v1/jobs/diffusion", kLong, &b), 202);
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", kLong, &c), 503) << c.dump();
  EXPECT_EQ(c["error"]["status"], 503);
  EXPECT_NE(c["error"]["message"].get<std::string>().find("--max-jobs"), std::string::npos);
  // The second waits in the queue behind the first; cancelled there, it never runs.
  auto res = running_->client().Delete(("/api/v1/jobs/" + b["id"].get<std::string>()).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["state"], "cancelled");
  // Room again for one.
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", kLong, &c), 202) << c.dump();
  for (const json* j : {&a, &c}) {
    running_->client().Delete(("/api/v1/jobs/" + (*j)["id"].get<std::string>()).c_str());
  }
}

TEST_F(Jobs, AJobPastTheTimeLimitIsStoppedAndFails) {
  Start(4, /*time_limit=*/0.3);
  json job;
  ASSERT_EQ(Post("/api/v1/jobs/diffusion", kLong, &job), 202);
  job = Poll(job["id"], Finished);
  EXPECT_EQ(job["state"], "failed");
  EXPECT_NE(job["error"]["message"].get<std::string>().find("--job-time-limit"), std::string::npos)
      << job.dump();
}

TEST_F(Jobs, BadParametersAreRefusedBeforeQueueing) {
  Start();
  json answer;
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", R"({"model":"nope","seed_names":["P1"]})", &answer),
            400);
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", R"({"replicas":0,"seed_names":["P1"]})", &answer), 400);
  EXPECT_EQ(answer["error"]["diagnostics"][0]["field"], "replicas");
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", R"({"seed_names":["P1"],"colour":"red"})", &answer),
            400);
  EXPECT_EQ(answer["error"]["diagnostics"][0]["field"], "colour");
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", R"({"replicas":10})", &answer), 400);  // no seeds
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", R"({"seed_names":["P1"],"channel":"../etc"})", &answer),
            400);
  EXPECT_EQ(answer["error"]["diagnostics"][0]["field"], "channel");
  EXPECT_EQ(
      Post("/api/v1/jobs/diffusion", R"({"seed_names":["P1"],"channel":"concentric"})", &answer),
      404);  // this network has no such channel file
  EXPECT_EQ(Post("/api/v1/jobs", R"({"kind":"mine-bitcoin"})", &answer), 404);
  EXPECT_EQ(Post("/api/v1/jobs/diffusion", R"({"seed_names":["P1"],"calibrated":true})", &answer),
            400);
  EXPECT_EQ(answer["error"]["diagnostics"][0]["field"], "calibrated");
  // A seed the network does not have fails the job (the run reads the network), not the server.
  ASSERT_EQ(Post("/api/v1/jobs/diffusion", R"({"seed_names":["Atlantis"],"replicas":5})", &answer),
            202);
  answer = Poll(answer["id"], Finished);
  EXPECT_EQ(answer["state"], "failed");
  EXPECT_EQ(answer["error"]["status"], 400);
}

TEST_F(Jobs, ARobustnessJobGivesTheGridOfTheCommandLine) {
  Start();
  json job;
  ASSERT_EQ(Post("/api/v1/jobs", R"({"kind":"robustness","parameters":{}})", &job), 202)
      << job.dump();
  EXPECT_EQ(job["kind"], "robustness");
  job = Poll(job["id"], Finished);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["progress"], 1.0);
  const json& result = job["result"];
  EXPECT_EQ(result, json::parse(Capture(std::string(DUCKWEED_BIN) + " --json qca robustness " +
                                        cases_ + " -o Y 2>/dev/null")));
  // The hand count: 5 grid points; A at 3 (0.7..0.8), A*B at 2 (0.85..0.9); none survives.
  EXPECT_EQ(result["grid_points"], 5);
  int checked = 0;
  for (const json& t : result["terms"]) {
    if (t["term"] == "A") {
      EXPECT_EQ(t["count"], 3);
      EXPECT_EQ(t["survives"], false);
      ++checked;
    } else if (t["term"] == "A*B") {
      EXPECT_EQ(t["count"], 2);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4) << result.dump();  // each in both solutions
  // The dashboard's form: cut-offs up to 0.8, the parsimonious solution: A survives the grid.
  ASSERT_EQ(Post("/api/v1/jobs/robustness",
                 R"({"outcome":"Y","conditions":["A","B"],"incl_cuts":[0.7,0.75,0.8],)"
                 R"("n_cuts":[1],"solution":"parsimonious"})",
                 &job),
            202);
  job = Poll(job["id"], Finished);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["result"]["terms"][0]["term"], "A");
  EXPECT_EQ(job["result"]["terms"][0]["survives"], true);
  EXPECT_EQ(job["result"]["terms"][0]["in_every_model"], 3);
}

TEST_F(Jobs, ARunningRobustnessJobIsCancelledBetweenGridPoints) {
  Start(4, 60, WriteSlowCases(dir_));
  json job;
  ASSERT_EQ(Post("/api/v1/jobs/robustness",
                 R"({"incl_cuts":[0.5,0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95],)"
                 R"("n_cuts":[1,2,3,4,5,6,7,8,9,10]})",
                 &job),
            202)
      << job.dump();
  const std::string id = job["id"];
  job = Poll(id, [](const json& j) { return j["progress"].get<double>() > 0; });
  ASSERT_EQ(job["state"], "running") << job.dump();
  auto res = running_->client().Delete(("/api/v1/jobs/" + id).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 202) << res->body;
  job = Poll(id, Finished);
  EXPECT_EQ(job["state"], "cancelled") << job.dump();
  EXPECT_LT(job["progress"].get<double>(), 0.5);
  EXPECT_FALSE(job.contains("result"));
}

TEST_F(Jobs, BadRobustnessParametersAreRefusedBeforeQueueing) {
  Start(/*max_jobs=*/1);
  json answer;
  const auto field = [&answer] { return answer["error"]["diagnostics"][0]["field"]; };
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"incl_cuts":[0.7,1.5]})", &answer), 400);
  EXPECT_EQ(field(), "incl_cuts");
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"incl_cuts":[]})", &answer), 400);
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"n_cuts":[0]})", &answer), 400);
  EXPECT_EQ(field(), "n_cuts");
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"solution":"best"})", &answer), 400);
  EXPECT_EQ(field(), "solution");
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"incl_cuts":"0.8"})", &answer), 400);
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"levers":["A"]})", &answer), 400);
  EXPECT_EQ(field(), "levers");
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"outcome":"Z"})", &answer), 400) << answer.dump();
  EXPECT_NE(answer["error"]["message"].get<std::string>().find("Z"), std::string::npos);
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"conditions":["A","Q"]})", &answer), 400);
  EXPECT_EQ(Post("/api/v1/jobs/robustness", R"({"anchors":["A=0,4"]})", &answer), 400);
  EXPECT_EQ(field(), "anchors");
  // Nothing was queued: the one place of this server's queue is free.
  ASSERT_EQ(Post("/api/v1/jobs/robustness", "{}", &answer), 202) << answer.dump();
  EXPECT_EQ(Poll(answer["id"], Finished)["state"], "done");
}

TEST_F(Jobs, ARobustnessJobNeedsTheServersCaseBase) {
  ServerOptions o;
  o.db = (dir_ / "store.db").string();
  running_ = std::make_unique<Running>(o);
  json answer;
  EXPECT_EQ(Post("/api/v1/jobs/robustness", "{}", &answer), 404);
  EXPECT_NE(answer["error"]["message"].get<std::string>().find("--cases"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::server::testing
