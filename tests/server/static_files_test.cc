// Static files of --static: the dashboard's addresses fall back to index.html, paths that leave the
// folder are refused (plain and %-encoded), other missing files are 404.
#include <gtest/gtest.h>

#include <filesystem>

#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "dist" / "assets");
    store::testing::WriteText(dir_ / "dist" / "index.html", "<!doctype html><title>dw</title>");
    store::testing::WriteText(dir_ / "dist" / "assets" / "app.js", "console.log(1);");
    store::testing::WriteText(dir_ / "secret.txt", "not for the web");
    ServerOptions o;
    o.db = (dir_ / "store.db").string();
    o.static_dir = (dir_ / "dist").string();
    running_ = std::make_unique<Running>(o);
  }
  TempDir dir_;
  std::unique_ptr<Running> running_;
};

TEST_F(StaticFiles, FilesAndTheDashboardsAddresses) {
  auto js = running_->client().Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log(1);");
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  for (const char* page : {"/", "/town/fr:62528", "/source-code", "/transfer/fr:62528"}) {
    auto res = running_->client().Get(page);
    ASSERT_TRUE(res) << page;
    EXPECT_EQ(res->status, 200) << page;
    EXPECT_EQ(res->body, "<!doctype html><title>dw</title>") << page;
  }
  auto missing = running_->client().Get("/assets/none.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(StaticFiles, PathTraversalIsRefusedPlainAndEncoded) {
  for (const char* path :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
        "/assets/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%5csecret.txt"}) {
    auto res = running_->client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path << ": " << res->body;
    EXPECT_EQ(res->body.find("not for the web"), std::string::npos) << path;
    auto body = nlohmann::json::parse(res->body, nullptr, false);
    EXPECT_EQ(body["error"]["status"], 400) << path;
  }
}

}  // namespace
}  // namespace duckweed::server::testing
