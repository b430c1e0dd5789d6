#include "server_fixture.h"

#include "duckweed/store/exchange.h"

namespace duckweed::server::testing {

std::string SourcePath(const std::string& relative) {
  return std::string(DUCKWEED_SOURCE_DIR) + "/" + relative;
}

void ImportLoos(const std::string& address) {
  auto db = store::Store::Open(address);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  using store::Entity;
  for (auto [entity, file] : {std::pair{Entity::kIndicators, "data/indicators.csv"},
                              std::pair{Entity::kTerritories, "data/loos/territory.csv"},
                              std::pair{Entity::kObservations, "data/loos/observations.csv"},
                              std::pair{Entity::kInitiatives, "data/loos/initiatives.csv"}}) {
    auto done = store::ImportFile(**db, entity, SourcePath(file));
    ASSERT_TRUE(done.ok()) << file << ": " << done.status().ToString();
  }
}

Running::Running(ServerOptions options) {
  options.host = "127.0.0.1";
  options.port = 0;
  auto created = Server::Create(std::move(options));
  if (!created.ok()) {
    ADD_FAILURE() << created.status().ToString();
    return;
  }
  server_ = std::move(*created);
  auto started = server_->Start();
  EXPECT_TRUE(started.ok()) << started.ToString();
  client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  client_->set_read_timeout(60, 0);
}

Running::~Running() {
  if (server_) server_->Stop();
}

nlohmann::json Running::GetJson(const std::string& path, int* status) {
  auto res = client_->Get(path.c_str());
  if (!res) {
    ADD_FAILURE() << "no answer to GET " << path;
    return nullptr;
  }
  if (status) *status = res->status;
  return nlohmann::json::parse(res->body, nullptr, false);
}

}  // namespace duckweed::server::testing
