// Towns like me over the API, on the store of the golden case evaluate_peers_from_store (whose
// expected scores are derived by hand there): energy Loos 0.5, Atown 0.8, Btown 0.3.
#include "duckweed/app/peers.h"

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

// The server's cached candidates (app::PeerIndexCache, evaluate::PeerIndex) give what listing the
// places on every call gives, for every town, scope and size rule, errors included; and a write
// of the territories or of the observations is seen by the next call.
class CachedPeers : public ::testing::TestWithParam<store::testing::Backend> {};

std::string Outcome(const app::PeersRequest& request, store::Store& db,
                    app::PeerIndexCache* cache) {
  app::LazyStore lazy(db);
  auto r = app::FindPeers(request, lazy, cache);
  return r.ok() ? app::PeersJson(request.town, *r, true).dump() : r.status().ToString();
}

void ExpectSameAsUncached(store::Store& db, app::PeerIndexCache& cache, int* compared) {
  for (const char* town :
       {"fr:62528", "fr:62001", "fr:59002", "fr:62002", "fr:62003", "fr:59003"}) {
    for (const char* scope : {"country", "region", "departement", "epci"}) {
      for (bool any_size : {false, true}) {
        app::PeersRequest request;
        request.town = town;
        request.scope = scope;
        request.any_size = any_size;
        request.max_peers = 2;
        EXPECT_EQ(Outcome(request, db, &cache), Outcome(request, db, nullptr))
            << town << " " << scope << " any_size " << any_size;
        ++*compared;
      }
    }
  }
}

TEST_P(CachedPeers, SameAsListingThePlacesAndSeesWrites) {
  TempDir dir;
  const std::string address = store::testing::FreshAddress(GetParam(), &dir);
  if (address.empty()) GTEST_SKIP() << "no test PostgreSQL cluster (run through ctest)";
  Import(address);
  auto opened = store::Store::Open(address);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  store::Store& db = **opened;
  // More communes: an EPCI, one in another band, one without population, a city elsewhere.
  ASSERT_TRUE(
      db.UpsertTerritories(
            {{"fr-epci:1", "CA Lens", "epci", "FR", 250000, {}, {}, {"fr-dep:62"}},
             {"fr:62002", "Ctown", "commune", "FR", 6100, {}, {}, {"fr-dep:62", "fr-epci:1"}},
             {"fr:62003", "Dtown", "commune", "FR", 1500, {}, {}, {"fr-dep:62", "fr-epci:1"}},
             {"fr:59003", "Etown", "commune", "FR", {}, {}, {}, {"fr-dep:59"}},
             {"de:1", "Stadt", "commune", "DE", 6000, {}, {}, {}}})
          .ok());
  app::PeerIndexCache cache;
  int compared = 0;
  ExpectSameAsUncached(db, cache, &compared);
  EXPECT_EQ(compared, 48);
  EXPECT_EQ(cache.builds(), 1);  // nothing changed: built once

  app::PeersRequest loos;
  loos.town = "fr:62528";
  const std::string before = Outcome(loos, db, &cache);
  // A territory write: Etown gets a population in Loos's band, Ctown moves to the Nord.
  ASSERT_TRUE(
      db.UpsertTerritories({{"fr:59003", "Etown", "commune", "FR", 7000, {}, {}, {"fr-dep:59"}},
                            {"fr:62002", "Ctown", "commune", "FR", 6100, {}, {}, {"fr-dep:59"}}})
          .ok());
  const std::string after = Outcome(loos, db, &cache);
  EXPECT_NE(after, before);
  EXPECT_NE(after.find("fr:59003"), std::string::npos) << after;
  EXPECT_EQ(cache.builds(), 2);
  ExpectSameAsUncached(db, cache, &compared);
  // An observation write: Atown's 2020 solar drops below Loos's. Any write rebuilds the index.
  ASSERT_TRUE(db.UpsertObservations({{"fr:62001", "solar", 2020, "result", 10, "", ""}}).ok());
  const std::string solar = Outcome(loos, db, &cache);
  EXPECT_NE(solar, after);
  ExpectSameAsUncached(db, cache, &compared);
  EXPECT_EQ(cache.builds(), 3);
  // A rename to a name as long (which the former fingerprint of sums missed) is seen at once.
  ASSERT_TRUE(
      db.UpsertTerritories({{"fr:59003", "Ftown", "commune", "FR", 7000, {}, {}, {"fr-dep:59"}}})
          .ok());
  const std::string renamed = Outcome(loos, db, &cache);
  EXPECT_NE(renamed.find("Ftown"), std::string::npos) << renamed;
  EXPECT_EQ(renamed.find("Etown"), std::string::npos) << renamed;
  EXPECT_EQ(cache.builds(), 4);
  ExpectSameAsUncached(db, cache, &compared);
}

INSTANTIATE_TEST_SUITE_P(Backends, CachedPeers,
                         ::testing::Values(store::testing::Backend::kSqlite,
                                           store::testing::Backend::kPostgres),
                         store::testing::BackendName);

}  // namespace
}  // namespace duckweed::server::testing
