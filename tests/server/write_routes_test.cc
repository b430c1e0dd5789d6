// Writes through the API: tokens, roles and territories; every write in the audit; bad bodies
// refused with the field named and nothing stored.
#include <gtest/gtest.h>

#include "duckweed/store/accounts.h"
#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

class WriteRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "store.db").string();
    ImportLoos(db_);
    auto db = store::Store::Open(db_);
    ASSERT_TRUE(db.ok());
    admin_ = *store::AddAccount(**db, {"ada", "admin", "", "", ""});
    editor_ = *store::AddAccount(**db, {"eve", "editor", "fr:62528", "", ""});
    viewer_ = *store::AddAccount(**db, {"vic", "viewer", "", "", ""});
    revoked_ = *store::AddAccount(**db, {"rex", "editor", "fr:62528", "", ""});
    ASSERT_TRUE(store::RevokeAccount(**db, "rex").ok());
    ServerOptions o;
    o.db = db_;
    o.max_body_bytes = 4096;
    running_ = std::make_unique<Running>(o);
  }

  // POST body with `token` (none when empty): status and parsed answer.
  int Post(const std::string& path, const std::string& body, const std::string& token,
           nlohmann::json* answer = nullptr) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto res = running_->client().Post(path.c_str(), headers, body, "application/json");
    if (!res) return -1;
    if (answer) *answer = nlohmann::json::parse(res->body, nullptr, false);
    return res->status;
  }

  // The farm_holdings observations of Loos as (year, value).
  std::vector<std::pair<int, double>> Farms() {
    auto body = running_->GetJson("/api/v1/territories/fr:62528");
    std::vector<std::pair<int, double>> out;
    for (const auto& o : body["observations"]) {
      if (o["indicator"] == "farm_holdings") out.push_back({o["year"], o["value"]});
    }
    return out;
  }

  size_t AuditSize() {
    auto db = store::Store::Open(db_);
    return store::ListAudit(**db, 1000)->size();
  }

  TempDir dir_;
  std::string db_, admin_, editor_, viewer_, revoked_;
  std::unique_ptr<Running> running_;
};

constexpr char kFarms2025[] =
    R"({"territory":"fr:62528","indicator":"farm_holdings","year":2025,"value":10,)"
    R"("source":"https://example.org/test"})";

TEST_F(WriteRoutes, AnEditorWritesItsTerritoryAndTheAuditSaysWhoWhenWhat) {
  nlohmann::json answer;
  ASSERT_EQ(Post("/api/v1/observations", kFarms2025, editor_, &answer), 201) << answer.dump();
  EXPECT_EQ(Farms(), (std::vector<std::pair<int, double>>{{1998, 27}, {2023, 12}, {2025, 10}}));
  auto res = running_->client().Get("/api/v1/audit", {{"Authorization", "Bearer " + admin_}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto audit = nlohmann::json::parse(res->body);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0]["account"], "eve");
  EXPECT_EQ(audit[0]["action"], "observation.set");
  EXPECT_EQ(audit[0]["territory"], "fr:62528");
  EXPECT_EQ(audit[0]["detail"]["value"], 10);
  EXPECT_EQ(audit[0]["at"].get<std::string>().size(), 20u);  // 2026-01-01T00:00:00Z
  // The audit is for admins only.
  auto refused = running_->client().Get("/api/v1/audit", {{"Authorization", "Bearer " + editor_}});
  EXPECT_EQ(refused->status, 403);
}

TEST_F(WriteRoutes, InitiativesAndSurveyResponsesToo) {
  nlohmann::json answer;
  EXPECT_EQ(Post("/api/v1/initiatives",
                 R"({"territory":"fr:62528","title":"Repair café","start_year":2025,)"
                 R"("involvement":"co-produce"})",
                 editor_, &answer),
            201)
      << answer.dump();
  auto body = running_->GetJson("/api/v1/territories/fr:62528");
  bool found = false;
  for (const auto& i : body["initiatives"]) found |= i["title"] == "Repair café";
  EXPECT_TRUE(found);
  EXPECT_EQ(Post("/api/v1/survey-responses",
                 R"({"territory":"fr:62528","group":"residents","year":2024,"item":"trust",)"
                 R"("answer":4})",
                 admin_, &answer),
            201)
      << answer.dump();
  auto db = store::Store::Open(db_);
  auto answers = store::ListSurveyResponses(**db, "fr:62528");
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ((*answers)[0].answer, 4);
  EXPECT_EQ(AuditSize(), 2u);
}

TEST_F(WriteRoutes, NoUnknownOrRevokedTokenIs401ViewerAndOtherTerritory403) {
  nlohmann::json answer;
  EXPECT_EQ(Post("/api/v1/observations", kFarms2025, "", &answer), 401);
  EXPECT_EQ(answer["error"]["status"], 401);
  EXPECT_EQ(Post("/api/v1/observations", kFarms2025, "dw_not_a_token"), 401);
  EXPECT_EQ(Post("/api/v1/observations", kFarms2025, revoked_, &answer), 401);
  EXPECT_NE(answer["error"]["message"].get<std::string>().find("revoked"), std::string::npos);
  EXPECT_EQ(Post("/api/v1/observations", kFarms2025, viewer_, &answer), 403);
  // The editor of Loos writing for another territory.
  const std::string elsewhere =
      R"({"territory":"fr:75056","indicator":"farm_holdings","year":2025,"value":1})";
  EXPECT_EQ(Post("/api/v1/observations", elsewhere, editor_, &answer), 403);
  EXPECT_EQ(Farms().size(), 2u);
  EXPECT_EQ(AuditSize(), 0u);
}

TEST_F(WriteRoutes, BadBodiesName400TheirFieldAndStoreNothing) {
  struct Case {
    std::string body, field;
  } cases[] = {
      {R"({"territory":"fr:62528","indicator":"no_such","year":2025,"value":1})", "indicator"},
      {R"({"territory":"fr:62528","indicator":"farm_holdings","year":"2025","value":1})", "year"},
      {R"({"territory":"fr:62528","indicator":"farm_holdings","year":2025})", "value"},
      {R"({"territory":"fr:62528","indicator":"farm_holdings","year":2025,"value":1,"colour":1})",
       "colour"},
      {R"({"territory":"fr:62528","indicator":"farm_holdings","year":3025,"value":1})", "year"},
  };
  for (const auto& c : cases) {
    nlohmann::json answer;
    EXPECT_EQ(Post("/api/v1/observations", c.body, editor_, &answer), 400) << c.body;
    ASSERT_FALSE(answer["error"]["diagnostics"].empty()) << answer.dump();
    EXPECT_EQ(answer["error"]["diagnostics"][0]["field"], c.field) << answer.dump();
  }
  // Malformed, not an object, nested too deep: 400 before any parsing recursion.
  for (const std::string& body : {std::string(R"({"territory": )"), std::string("[1,2]"),
                                  std::string(100000, '[') + std::string(100000, ']')}) {
    if (body.size() > 4096) continue;  // over the body limit: next test
    EXPECT_EQ(Post("/api/v1/observations", body, editor_), 400) << body.substr(0, 20);
  }
  EXPECT_EQ(Post("/api/v1/observations", std::string(2000, '[') + std::string(2000, ']'), editor_),
            400);
  EXPECT_EQ(Farms().size(), 2u);
  EXPECT_EQ(AuditSize(), 0u);
}

// A second editor's write from a stale read: 409, nothing changed (store versions, issue 15).
TEST_F(WriteRoutes, AStaleVersionIs409) {
  nlohmann::json answer;
  ASSERT_EQ(Post("/api/v1/observations", kFarms2025, editor_, &answer), 201) << answer.dump();
  const int version = answer["stored"]["version"];
  const std::string update =
      R"({"territory":"fr:62528","indicator":"farm_holdings","year":2025,"value":11,)"
      R"("if_version":)" +
      std::to_string(version) + "}";
  ASSERT_EQ(Post("/api/v1/observations", update, editor_, &answer), 201) << answer.dump();
  EXPECT_EQ(Post("/api/v1/observations", update, admin_, &answer), 409) << answer.dump();
  EXPECT_EQ(answer["error"]["status"], 409);
  EXPECT_EQ(Farms().back(), (std::pair<int, double>{2025, 11}));
  EXPECT_EQ(AuditSize(), 2u);
}

TEST_F(WriteRoutes, ABodyOverTheLimitIs413) {
  const std::string big = R"({"territory":"fr:62528","note":")" + std::string(10000, 'x') + "\"}";
  nlohmann::json answer;
  EXPECT_EQ(Post("/api/v1/observations", big, editor_, &answer), 413);
  EXPECT_EQ(answer["error"]["status"], 413);
  EXPECT_EQ(AuditSize(), 0u);
}

}  // namespace
}  // namespace duckweed::server::testing
