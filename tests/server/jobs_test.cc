// Jobs over the real server: a diffusion job's result is the record `duckweed diffuse run --json`
// prints for the same run (the Monte Carlo depends on its seed only); a job can be cancelled while
// it runs; the number of jobs and their running time are bounded; bad parameters are refused
// before anything is queued.
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
  void Start(int max_jobs = 4, double time_limit = 60) {
    ServerOptions o;
    o.db = (dir_ / "store.db").string();
    o.places = prefix_;
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

}  // namespace
}  // namespace duckweed::server::testing
