// docs/openapi.json describes every route the server serves, and serves every route it describes.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

TEST(OpenApi, TheDocumentAndTheRouterListTheSameRoutes) {
  std::ifstream in(SourcePath("docs/openapi.json"));
  ASSERT_TRUE(in) << "docs/openapi.json";
  auto doc = nlohmann::json::parse(in);
  std::set<std::string> documented;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, op] : operations.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
    }
  }
  TempDir dir;
  ServerOptions o;
  o.db = (dir / "store.db").string();
  auto server = Server::Create(o);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  std::set<std::string> served;
  for (const auto& r : (*server)->routes()) served.insert(r.method + " " + r.path);
  for (const auto& route : served)
    EXPECT_TRUE(documented.count(route)) << "undocumented: " << route;
  for (const auto& route : documented) EXPECT_TRUE(served.count(route)) << "not served: " << route;
  EXPECT_GE(served.size(), 14u);
}

}  // namespace
}  // namespace duckweed::server::testing
