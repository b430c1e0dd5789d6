// Towns like me over the API, on the store of the golden case evaluate_peers_from_store (whose
// expected scores are derived by hand there): energy Loos 0.5, Atown 0.8, Btown 0.3.
#include <gtest/gtest.h>

#include "duckweed/store/exchange.h"
#include "server_fixture.h"

namespace duckweed::server::testing {
namespace {

constexpr char kTerritories[] =
    "id,name,kind,country,population,latitude,longitude,parents\n"
    "fr-reg:32,Hauts-de-France,region,FR,5997734,,,\n"
    "fr-dep:62,Pas-de-Calais,departement,FR,1465205,,,fr-reg:32\n"
    "fr-dep:59,Nord,departement,FR,2608346,,,fr-reg:32\n"
    "fr:62528,Loos-en-Gohelle,commune,FR,6900,50.457,2.794,fr-dep:62\n"
    "fr:62001,Atown,commune,FR,5200,50.5,2.7,fr-dep:62\n"
    "fr:59002,Btown,commune,FR,9800,50.6,3.0,fr-dep:59\n";
constexpr char kIndicators[] =
    "id,name,unit,domain,direction,description,source,formula\n"
    "solar,Citizen solar,kWp,energy,higher,,,\n";
constexpr char kObservations[] =
    "territory,indicator,year,kind,value,source,note\n"
    "fr:62528,solar,2010,result,0,,\n"
    "fr:62528,solar,2020,result,50,,\n"
    "fr:62528,solar,2030,target,100,,\n"
    "fr:62001,solar,2010,result,0,,\n"
    "fr:62001,solar,2020,result,80,,\n"
    "fr:59002,solar,2010,result,20,,\n"
    "fr:59002,solar,2020,result,44,,\n";

void Import(const std::string& address) {
  auto db = store::Store::Open(address);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  using store::Entity;
  for (auto [entity, text] :
       {std::pair{Entity::kTerritories, kTerritories}, std::pair{Entity::kIndicators, kIndicators},
        std::pair{Entity::kObservations, kObservations}}) {
    auto done = store::ImportText(**db, entity, text, "peers", store::Format::kCsv);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }
}

void ExpectPeers(Running& running) {
  int status = 0;
  auto body = running.GetJson("/api/v1/territories/fr:62528/peers", &status);
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_EQ(body["peers"].size(), 2u);
  for (const auto& p : body["peers"]) {
    EXPECT_TRUE(p["has_data"]);
    EXPECT_TRUE(p["latitude"].is_number()) << p.dump();
  }
  bool seen = false;
  for (const auto& d : body["domains"]) {
    if (d["domain"] != "energy") continue;
    seen = true;
    EXPECT_NEAR(d["score"].get<double>(), 0.5, 1e-12);
    EXPECT_NEAR(d["mean"].get<double>(), (0.8 + 0.3) / 2, 1e-12);
    EXPECT_NEAR(d["median"].get<double>(), 0.55, 1e-12);
    EXPECT_EQ(d["rank"], 2);
  }
  EXPECT_TRUE(seen);
  auto csv = running.client().Get("/api/v1/territories/fr:62528/peers?format=csv");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->body.substr(0, csv->body.find('\r')),
            "domain,score,rank,compared,median,distance,mean");
}

TEST(Peers, MeanOfThePeersBesideTheTownSqlite) {
  TempDir dir;
  ServerOptions o;
  o.db = (dir / "store.db").string();
  Import(o.db);
  Running running(o);
  ExpectPeers(running);
}

// The same server over the PostgreSQL test cluster (a fresh schema).
TEST(Peers, MeanOfThePeersBesideTheTownPostgres) {
  ServerOptions o;
  o.db = store::testing::FreshAddress(store::testing::Backend::kPostgres);
  if (o.db.empty()) GTEST_SKIP() << "no test PostgreSQL cluster (run through ctest)";
  Import(o.db);
  Running running(o);
  int status = 0;
  auto health = running.GetJson("/api/v1/health", &status);
  EXPECT_EQ(health["backend"], "postgresql");
  ExpectPeers(running);
}

}  // namespace
}  // namespace duckweed::server::testing
