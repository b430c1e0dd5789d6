// Helpers for the server tests: a real store built by importing the project's data files, a real
// server on an ephemeral loopback port, and an HTTP client to it.
#ifndef DUCKWEED_TESTS_SERVER_SERVER_FIXTURE_H_
#define DUCKWEED_TESTS_SERVER_SERVER_FIXTURE_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/server/server.h"
#include "store/test_util.h"

namespace duckweed::server::testing {

using store::testing::TempDir;

// Imports data/indicators.csv and data/loos/*.csv (Loos-en-Gohelle, fr:62528) into `address`.
void ImportLoos(const std::string& address);
std::string SourcePath(const std::string& relative);  // under the repository root

// A started server over `options` (port 0) and a client to it; stopped on destruction.
class Running {
 public:
  explicit Running(ServerOptions options);
  ~Running();
  httplib::Client& client() { return *client_; }
  Server& server() { return *server_; }
  // GET path; the body parsed as JSON (null when it is not JSON).
  nlohmann::json GetJson(const std::string& path, int* status = nullptr);

 private:
  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace duckweed::server::testing

#endif  // DUCKWEED_TESTS_SERVER_SERVER_FIXTURE_H_
