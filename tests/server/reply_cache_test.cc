// The server's kept replies (server/reply_cache.h): a read is computed once per store state, and
// any write, from the server or from another connection, is seen by the next read.
#include "server/reply_cache.h"

#include <gtest/gtest.h>

#include "duckweed/store/store.h"
#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

TEST(ReplyCache, KeepsPerWriteCountAndRefusesARepliesOlderThanTheCountSeen) {
  ReplyCache cache;
  EXPECT_FALSE(cache.Find("a", 5));
  cache.Keep("a", 5, {200, "five", "application/json"});
  ASSERT_TRUE(cache.Find("a", 5));
  EXPECT_EQ(cache.Find("a", 5)->body, "five");
  // Another thread saw count 6: what was kept at 5 is gone, and a reply computed at 5 is refused.
  EXPECT_FALSE(cache.Find("a", 6));
  cache.Keep("a", 5, {200, "late five", "application/json"});
  EXPECT_FALSE(cache.Find("a", 6));
  cache.Keep("a", 6, {200, "six", "application/json"});
  EXPECT_EQ(cache.Find("a", 6)->body, "six");
  EXPECT_EQ(cache.hits(), 3);
  EXPECT_EQ(cache.misses(), 3);
}

TEST(ReplyCache, EmptiesItselfPastItsBudget) {
  ReplyCache cache(10);
  cache.Keep("a", 1, {200, "123456", "text/plain"});
  cache.Keep("b", 1, {200, "123456", "text/plain"});  // 12 bytes > 10: "a" goes
  EXPECT_FALSE(cache.Find("a", 1));
  EXPECT_TRUE(cache.Find("b", 1));
}

class KeptReplies : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "store.db").string();
    ImportLoos(db_);
    ServerOptions o;
    o.db = db_;
    running_ = std::make_unique<Running>(o);
  }
  // GET path: the X-Duckweed-Cache header and the body.
  std::pair<std::string, std::string> Get(const std::string& path) {
    auto res = running_->client().Get(path);
    if (!res || res->status != 200) return {"error", res ? res->body : "no reply"};
    return {res->get_header_value("X-Duckweed-Cache"), res->body};
  }
  TempDir dir_;
  std::string db_;
  std::unique_ptr<Running> running_;
};

// The value of farm_holdings in 2023 in an observations reply; -1 when absent.
double FarmHoldings2023(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  const auto& rows =
      json.is_object() && json.contains("observations") ? json["observations"] : json;
  for (const auto& o : rows) {
    if (o.is_object() && o.value("indicator", "") == "farm_holdings" &&
        o.value("year", 0) == 2023) {
      return o.value("value", -1.0);
    }
  }
  return -1;
}

// data/loos/observations.csv: farm_holdings 12 in 2023.
TEST_F(KeptReplies, SameReadIsKeptUntilAnotherConnectionWrites) {
  const std::string path = "/api/v1/territories/fr:62528/observations";
  const auto [first_how, first] = Get(path);
  EXPECT_EQ(first_how, "miss");
  EXPECT_EQ(FarmHoldings2023(first), 12) << first;
  const auto [second_how, second] = Get(path);
  EXPECT_EQ(second_how, "hit");
  EXPECT_EQ(second, first);
  // JSON and CSV of one route are two replies.
  EXPECT_EQ(Get(path + "?format=csv").first, "miss");
  EXPECT_EQ(Get(path + "?format=csv").first, "hit");

  // Another process's import, as `duckweed import` would write it while the server runs.
  auto other = store::Store::Open(db_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE((*other)
                  ->UpsertObservations({{"fr:62528", "farm_holdings", 2023, "result", 13, "", ""}})
                  .ok());
  const auto [after_how, after] = Get(path);
  EXPECT_EQ(after_how, "miss");
  EXPECT_EQ(FarmHoldings2023(after), 13) << after;
  EXPECT_EQ(Get(path).first, "hit");
}

}  // namespace
}  // namespace duckweed::server::testing
