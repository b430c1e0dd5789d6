// The read routes of a real server over a real store imported from data/ (Loos-en-Gohelle).
#include <gtest/gtest.h>

#include <fstream>

#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

class ReadRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "store.db").string();
    ImportLoos(db_);
    ServerOptions o;
    o.db = db_;
    o.capacity = SourcePath("examples/evaluate/capacity.json");
    o.recipes = SourcePath("tests/golden/evaluate/cli/recipes.json");
    o.cases = SourcePath("tests/golden/evaluate/cli/calibrated.csv");
    running_ = std::make_unique<Running>(o);
  }
  TempDir dir_;
  std::string db_;
  std::unique_ptr<Running> running_;
};

TEST_F(ReadRoutes, HealthNamesTheMostObservedTerritory) {
  int status = 0;
  auto body = running_->GetJson("/api/v1/health", &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["backend"], "sqlite");
  EXPECT_EQ(body["default_territory"], "fr:62528");
}

// data/loos/observations.csv: farm_holdings 27 in 1998 and 12 in 2023, both with their source.
TEST_F(ReadRoutes, TerritoryGivesNameObservationsAndSources) {
  int status = 0;
  auto body = running_->GetJson("/api/v1/territories/fr:62528", &status);
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["territory"]["name"], "Loos-en-Gohelle");
  EXPECT_EQ(body["territory"]["kind"], "commune");
  std::vector<std::pair<int, double>> farms;
  for (const auto& o : body["observations"]) {
    if (o["indicator"] == "farm_holdings") {
      farms.push_back({o["year"], o["value"]});
      EXPECT_EQ(o["source"].get<std::string>().rfind("https://www.territoires-audacieux.fr/", 0),
                0u);
    }
  }
  EXPECT_EQ(farms, (std::vector<std::pair<int, double>>{{1998, 27}, {2023, 12}}));
  bool named = false;
  for (const auto& i : body["indicators"]) named |= i["id"] == "farm_holdings";
  EXPECT_TRUE(named) << "the indicators of the observations come with the profile";
  EXPECT_GT(body["initiatives"].size(), 0u);
}

TEST_F(ReadRoutes, TerritoryByNameAndUnknownTerritory) {
  int status = 0;
  auto body = running_->GetJson("/api/v1/territories/Loos-en-Gohelle", &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body["territory"]["id"], "fr:62528");
  body = running_->GetJson("/api/v1/territories/fr:00000", &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["error"]["status"], 404);
  EXPECT_NE(body["error"]["message"].get<std::string>().find("fr:00000"), std::string::npos);
}

TEST_F(ReadRoutes, SearchFindsByPartOfTheName) {
  int status = 0;
  auto body = running_->GetJson("/api/v1/search?q=gohelle", &status);
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body.size(), 1u);
  EXPECT_EQ(body[0]["id"], "fr:62528");
  body = running_->GetJson("/api/v1/search", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body["error"]["diagnostics"][0]["field"], "q");
}

TEST_F(ReadRoutes, ObservationsAsCsvByQueryAndByAccept) {
  auto res = running_->client().Get("/api/v1/territories/fr:62528/observations?format=csv");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res->body.substr(0, res->body.find('\r')),
            "territory,indicator,year,kind,value,source,note");
  EXPECT_NE(res->body.find("\r\nfr:62528,farm_holdings,1998,result,27,https://www.territoires-"
                           "audacieux.fr/"),
            std::string::npos);
  auto by_accept =
      running_->client().Get("/api/v1/territories/fr:62528/observations", {{"Accept", "text/csv"}});
  ASSERT_TRUE(by_accept);
  EXPECT_EQ(by_accept->body, res->body);
  // A route without a table says so.
  auto health = running_->client().Get("/api/v1/health?format=csv");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 406);
}

// The evaluation is the one `duckweed evaluate TOWN --out DIR` writes to evaluation.json.
TEST_F(ReadRoutes, EvaluationEqualsTheCommandLineRecord) {
  int status = 0;
  auto body = running_->GetJson("/api/v1/territories/fr:62528/evaluation", &status);
  ASSERT_EQ(status, 200) << body.dump();
  const std::string out = (dir_ / "report").string();
  const std::string cmd = std::string(DUCKWEED_BIN) + " --db " + db_ + " evaluate fr:62528 --out " +
                          out + " --capacity " + SourcePath("examples/evaluate/capacity.json") +
                          " >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out + "/evaluation.json");
  auto record = nlohmann::json::parse(in);
  // The same record; the report's notes add what its page drew from the store.
  for (const char* key : {"town", "absent", "scores"}) EXPECT_EQ(body[key], record[key]) << key;
  for (const auto& note : body["notes"]) {
    EXPECT_NE(std::find(record["notes"].begin(), record["notes"].end(), note),
              record["notes"].end())
        << note;
  }
  EXPECT_FALSE(body["scores"]["years"].empty());
}

// serve --indicators: the store's observations scored with the specification's value functions,
// as `evaluate TOWN --indicators` does. Participation in 2021: fifty-fifty 5.5 projects on 0:0;6:1
// gives 5.5/6, the mayor's 81.5 % of votes cast on 50:0;80:1 gives 1; their mean 0.9583.
TEST_F(ReadRoutes, EvaluationWithAnIndicatorSpecificationScoresEveryDeclaredDomain) {
  ServerOptions o;
  o.db = db_;
  o.capacity = SourcePath("examples/evaluate/capacity.json");
  o.indicators = SourcePath("examples/evaluate/loos_indicators.csv");
  o.carry_forward = 10;
  Running server(o);
  int status = 0;
  auto body = server.GetJson("/api/v1/territories/fr:62528/evaluation", &status);
  ASSERT_EQ(status, 200) << body.dump();
  const auto& domains = body["scores"]["domains"];
  EXPECT_NEAR(domains["participation_governance"]["years"]["2021"]["score"].get<double>(),
              (5.5 / 6 + 1) / 2, 1e-12);
  for (const char* d : {"energy", "building_housing", "food_agriculture"}) {
    EXPECT_TRUE(domains[d]["years"]["2023"]["score"].is_number()) << d;
  }
  EXPECT_TRUE(body["scores"]["systemic"].back()["choquet"].is_number());
  const std::string out = (dir_ / "report-spec").string();
  const std::string cmd = std::string(DUCKWEED_BIN) + " --db " + db_ + " evaluate fr:62528 --out " +
                          out + " --capacity " + SourcePath("examples/evaluate/capacity.json") +
                          " --indicators " + SourcePath("examples/evaluate/loos_indicators.csv") +
                          " --carry-forward 10 >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out + "/evaluation.json");
  EXPECT_EQ(body["scores"], nlohmann::json::parse(in)["scores"]);
}

TEST_F(ReadRoutes, TransferMatchesTheHandComputedMembership) {
  // Target: PART 0.4, ~CAR 1 - 0.7 = 0.3, SOLAR 0.6: membership min = 0.30.
  int status = 0;
  auto body = running_->GetJson("/api/v1/territories/Target/transfer", &status);
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["recipes"][0]["expression"], "PART*~CAR*SOLAR");
  EXPECT_NEAR(body["recipes"][0]["membership"].get<double>(), 0.3, 1e-12);
  auto recipes = running_->GetJson("/api/v1/recipes", &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(recipes["recipes"][0]["exemplars"][0], "Loos");
}

TEST_F(ReadRoutes, UnknownApiRouteIsAJson404) {
  int status = 0;
  auto body = running_->GetJson("/api/v1/no-such-route", &status);
  EXPECT_EQ(status, 404);
  EXPECT_EQ(body["error"]["status"], 404);
}

}  // namespace
}  // namespace duckweed::server::testing
