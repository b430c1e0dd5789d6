// The ecosystem and diffusion routes of a real server over examples/loos (an XMILE model and five
// FCMs): the run is the model's (the README's calibration facts, an analytic zero), a constant set
// through the API changes it, the FCM scenario equals `duckweed fcm scenario --json`, and bad
// requests are refused naming their field.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

using nlohmann::json;

class EcosystemRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.db = (dir_ / "store.db").string();
    o.models = SourcePath("examples/loos");
    running_ = std::make_unique<Running>(o);
  }
  json Post(const std::string& path, const std::string& body, int* status) {
    auto res = running_->client().Post(path.c_str(), body, "application/json");
    if (!res) {
      ADD_FAILURE() << "no answer to POST " << path;
      return nullptr;
    }
    *status = res->status;
    return json::parse(res->body, nullptr, false);
  }
  // The value of `column` at `time` in a run's JSON.
  static double At(const json& run, const std::string& column, double time) {
    for (size_t r = 0; r < run["time"].size(); ++r) {
      if (std::abs(run["time"][r].get<double>() - time) < 1e-9) return run["columns"][column][r];
    }
    ADD_FAILURE() << "no time " << time;
    return NAN;
  }
  TempDir dir_;
  std::unique_ptr<Running> running_;
};

TEST_F(EcosystemRoutes, ListsTheModelsWithTheirConstantsAndConcepts) {
  int status = 0;
  json models = running_->GetJson("/api/v1/models", &status);
  ASSERT_EQ(status, 200) << models.dump();
  std::vector<std::string> names;
  for (const auto& m : models) names.push_back(m["name"]);
  EXPECT_EQ(names,
            (std::vector<std::string>{"ecosystem", "ecosystem_fcm", "ecosystem_fcm_employees",
                                      "ecosystem_fcm_officials", "ecosystem_fcm_residents"}));
  const json& sd = models[0];
  EXPECT_EQ(sd["kind"], "sd");
  EXPECT_EQ(sd["start"], 2001);
  EXPECT_EQ(sd["stop"], 2030);
  EXPECT_EQ(sd["constants"][0]["name"], "Recruitment Rate");
  EXPECT_EQ(sd["constants"][0]["value"], 0.02);
  EXPECT_EQ(sd["stocks"].size(), 6u);
  EXPECT_EQ(models[1]["kind"], "fcm");
  EXPECT_EQ(models[1]["concepts"].size(), 17u);
  EXPECT_EQ(models[1]["concepts"][0]["name"], "municipal_leadership");
  EXPECT_EQ(models[1]["concepts"][0]["initial"], 1);  // from ecosystem_concepts.csv
}

// examples/loos/README.md: the run gives 226 eco dwellings in 2018 and 6,921 inhabitants in 2021.
TEST_F(EcosystemRoutes, RunsTheModelWithConstantsSetAndScoresItsLoops) {
  int status = 0;
  json run = Post("/api/v1/models/ecosystem/run", "{}", &status);
  ASSERT_EQ(status, 200) << run.dump();
  EXPECT_EQ(std::round(At(run, "Eco Dwellings", 2018)), 226);
  EXPECT_EQ(std::round(At(run, "Population", 2021)), 6921);
  const json& d = run["dominance"];
  ASSERT_GT(d["loops"].size(), 10u);
  EXPECT_EQ(d["times"].size() + 1, run["time"].size());
  for (const auto& loop : d["loops"]) {
    for (const auto& s : loop["relative_score"]) {
      EXPECT_LE(std::abs(s.get<double>()), 1 + 1e-12);
    }
  }
  EXPECT_EQ(d["dominant"].front()["from"], 2001.25);
  EXPECT_EQ(d["dominant"].back()["to"], 2030);
  // No target, no eco housing: the stock stays at its initial 0 throughout.
  json none =
      Post("/api/v1/models/ecosystem/run", R"({"constants": {"Eco Housing Target": 0}})", &status);
  ASSERT_EQ(status, 200) << none.dump();
  for (const auto& v : none["columns"]["Eco Dwellings"]) EXPECT_EQ(v, 0);
  for (const auto& c : none["constants"]) {
    if (c["name"] == "Eco Housing Target") {
      EXPECT_EQ(c["value"], 0);
      EXPECT_EQ(c["default"], 400);
    }
  }
  // The table behind the chart, as CSV: a row per saved time.
  auto csv =
      running_->client().Post("/api/v1/models/ecosystem/run?format=csv", "{}", "application/json");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("time,Involved Citizens,", 0), 0u) << csv->body.substr(0, 80);
}

TEST_F(EcosystemRoutes, RefusesBadRequestsNamingTheField) {
  int status = 0;
  json e = Post("/api/v1/models/ecosystem/run", R"({"constants": {"Population": 1}})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "constants.Population");
  e = Post("/api/v1/models/ecosystem/run", R"({"constants": {"Trust Adjustment Time": "x"}})",
           &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "constants.Trust Adjustment Time");
  e = Post("/api/v1/models/ecosystem/run", R"({"constant": {}})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "constant");
  e = Post("/api/v1/models/ecosystem/run", std::string(10000, '[') + std::string(10000, ']'),
           &status);
  EXPECT_EQ(status, 400);
  e = Post("/api/v1/models/ecosystem/run", R"({"constants": )", &status);
  EXPECT_EQ(status, 400);
  e = Post("/api/v1/models/ecosystem_fcm/run", "{}", &status);
  EXPECT_EQ(status, 400);
  e = Post("/api/v1/models/nothing/run", "{}", &status);
  EXPECT_EQ(status, 404);
  e = Post("/api/v1/models/ecosystem_fcm/scenario", R"({"clamps": {"trust": 2}})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "clamps.trust");
  e = Post("/api/v1/models/ecosystem_fcm/scenario", R"({"clamps": {}})", &status);
  EXPECT_EQ(status, 400);
  e = Post("/api/v1/models/ecosystem_fcm/scenario",
           R"({"clamps": {"trust": 1}, "transfer": "bivalent"})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "transfer");
}

// The same scenario from the CLI (a peer of the route): the same concepts, values and outcome.
TEST_F(EcosystemRoutes, FcmScenarioEqualsTheCli) {
  int status = 0;
  json api = Post("/api/v1/models/ecosystem_fcm/scenario",
                  R"({"clamps": {"citizen_involvement": 1}})", &status);
  ASSERT_EQ(status, 200) << api.dump();
  const std::string command = std::string(DUCKWEED_BIN) + " fcm scenario " +
                              SourcePath("examples/loos/ecosystem_fcm.csv") + " --concepts " +
                              SourcePath("examples/loos/ecosystem_concepts.csv") +
                              " --keep-sources --clamp citizen_involvement=1 --json";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  json cli = json::parse(out);
  EXPECT_EQ(api["concepts"], cli["concepts"]);
  EXPECT_EQ(api["baseline"], cli["baseline"]);
  EXPECT_EQ(api["scenario"], cli["scenario"]);
  // Raising involvement raises project success (a positive edge) by a visible amount.
  for (const auto& c : api["concepts"]) {
    if (c["concept"] == "project_success") {
      EXPECT_GT(c["difference"].get<double>(), 0.01);
    }
    if (c["concept"] == "citizen_involvement") {
      EXPECT_TRUE(c["difference"].is_null());
    }
  }
}

// Without --models, --places and --calibrated the routes say which option they need; a forecast
// beyond its bounds is refused before anything runs.
TEST(DiffusionRoutes, SayWhatTheyNeed) {
  TempDir dir;
  ServerOptions o;
  o.db = (dir / "store.db").string();
  Running running(o);
  int status = 0;
  json e = running.GetJson("/api/v1/models", &status);
  EXPECT_EQ(status, 404);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("--models"), std::string::npos);
  e = running.GetJson("/api/v1/diffusion/forecast", &status);
  EXPECT_EQ(status, 404);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("--calibrated"), std::string::npos);
  e = running.GetJson("/api/v1/networks/Covenant%20of%20Mayors/adoptions", &status);
  EXPECT_EQ(status, 404);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("no member"), std::string::npos);
}

TEST(DiffusionRoutes, RefuseAForecastBeyondItsBounds) {
  TempDir dir;
  ServerOptions o;
  o.db = (dir / "store.db").string();
  o.calibrated = SourcePath("examples/diffusion/covenant_model.json");
  o.places = (dir / "none").string();
  // --places is checked at start: an empty prefix file set stands in (the bounds fail first).
  std::FILE* f = std::fopen((o.places + ".all.dwg").c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  Running running(o);
  int status = 0;
  json e = running.GetJson("/api/v1/diffusion/forecast?replicas=201&seed=x", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "replicas");
  e = running.GetJson("/api/v1/diffusion/forecast?channels=rivers&seed=x", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "channels");
  e = running.GetJson("/api/v1/diffusion/forecast?from=2024&until=2100&seed=x", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["diagnostics"][0]["field"], "until");
}

}  // namespace
}  // namespace duckweed::server::testing
