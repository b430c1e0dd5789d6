// Import/export round trips, idempotent re-import and the upsert rules.
#include "duckweed/store/exchange.h"

#include <gtest/gtest.h>

#include "duckweed/core/geo.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

constexpr Entity kAll[] = {Entity::kTerritories, Entity::kIndicators, Entity::kObservations,
                           Entity::kInitiatives};

std::string Export(Store& store, Entity entity, Format format) {
  auto text = ExportText(store, entity, format);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

// Exports every entity from `from` in `format`, imports into a fresh store, and expects the
// re-export in both formats to equal the original's.
void ExpectRoundTrip(Store& from, Format format, const std::string& to_address) {
  auto to = Store::Open(to_address);
  ASSERT_TRUE(to.ok()) << to.status().ToString();
  for (Entity e : kAll) {
    auto summary = ImportText(**to, e, Export(from, e, format), "export", format);
    ASSERT_TRUE(summary.ok()) << EntityName(e) << ": " << summary.status().ToString();
  }
  for (Entity e : kAll) {
    EXPECT_EQ(Export(**to, e, Format::kCsv), Export(from, e, Format::kCsv)) << EntityName(e);
    EXPECT_EQ(Export(**to, e, Format::kJson), Export(from, e, Format::kJson)) << EntityName(e);
  }
}

// Each test runs on SQLite and on PostgreSQL.
class StoreExchange : public testing::BackendTest {};

TEST_P(StoreExchange, SampleImportHoldsTheTypedValues) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  auto loos = store->GetTerritory("fr:62528");
  ASSERT_TRUE(loos.ok() && *loos);
  EXPECT_EQ((*loos)->name, "Loos-en-Gohelle");
  EXPECT_EQ((*loos)->population, 6799);
  EXPECT_DOUBLE_EQ(*(*loos)->latitude, 50.45786);
  EXPECT_EQ((*loos)->parents, std::vector<std::string>{"fr-dep:62"});
  auto turnout = store->GetIndicator("turnout");
  ASSERT_TRUE(turnout.ok() && *turnout);
  EXPECT_EQ((*turnout)->description, "Votes cast, \"all\" rounds");
  auto obs = store->ListObservations("fr:62528");
  ASSERT_EQ(obs->size(), 4u);
  EXPECT_EQ((*obs)[3].value, 0.1 + 0.2);  // exact, not approximately
  auto initiatives = store->ListInitiatives("fr:62528");
  ASSERT_EQ(initiatives->size(), 2u);
  EXPECT_EQ((*initiatives)[0].title, "Fifty-fifty");
  EXPECT_FALSE((*initiatives)[0].end_year.has_value());
  EXPECT_EQ((*initiatives)[1].budget, 40000.5);
  auto ancestors = store->Ancestors("fr:62528");
  ASSERT_EQ(ancestors->size(), 2u);
  EXPECT_EQ((*ancestors)[0].id, "fr-dep:62");
  EXPECT_EQ((*ancestors)[1].id, "fr-reg:32");
}

TEST_P(StoreExchange, CsvRoundTripIsLossless) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Export(*store, Entity::kTerritories, Format::kCsv),
            "id,name,kind,country,population,latitude,longitude,parents\n"
            "fr-dep:62,Pas-de-Calais,departement,FR,1457905,,,fr-reg:32\n"
            "fr-reg:32,Hauts-de-France,region,FR,5992194,,,\n"
            "fr:62386,Grenay,commune,FR,6644,50.44962,2.74937,fr-dep:62\n"
            "fr:62498,Lens,commune,FR,32920,50.43302,2.82791,fr-dep:62\n"
            "fr:62528,Loos-en-Gohelle,commune,FR,6799,50.45786,2.79215,fr-dep:62\n");
  ExpectRoundTrip(*store, Format::kCsv, testing::FreshAddress(GetParam(), &dir_));
}

TEST_P(StoreExchange, JsonRoundTripIsLossless) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  ExpectRoundTrip(*store, Format::kJson, testing::FreshAddress(GetParam(), &dir_));
  const std::string json = Export(*store, Entity::kInitiatives, Format::kJson);
  EXPECT_NE(json.find("\"end_year\": null"), std::string::npos) << json;
}

TEST_P(StoreExchange, ExportedCsvOfObservationsMatchesTheTypedFile) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  // Rows come back in key order (indicator, year); the values are written exactly as read.
  EXPECT_EQ(Export(*store, Entity::kObservations, Format::kCsv),
            "territory,indicator,year,kind,value,source,note\n"
            "fr:62528,pv_capacity,2019,result,450,https://example.org/b,planned\n"
            "fr:62528,pv_capacity,2050,target,5000,https://example.org/b,\n"
            "fr:62528,turnout,2014,result,45.12,https://example.org/a,\n"
            "fr:62528,turnout,2020,result,0.30000000000000004,https://example.org/a,odd double\n");
}

TEST_P(StoreExchange, ReimportIsIdempotent) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  std::vector<std::string> before;
  for (Entity e : kAll) before.push_back(Export(*store, e, Format::kJson));
  auto counts_before = *store->Counts();
  for (Entity e : kAll) {
    const std::string csv = Export(*store, e, Format::kCsv);
    ASSERT_TRUE(ImportText(*store, e, csv, "again.csv", Format::kCsv).ok());
    ASSERT_TRUE(ImportText(*store, e, csv, "again.csv", Format::kCsv).ok());
  }
  EXPECT_EQ(*store->Counts(), counts_before);
  for (size_t i = 0; i < std::size(kAll); ++i) {
    EXPECT_EQ(Export(*store, kAll[i], Format::kJson), before[i]);
  }
}

// Issue 10: re-import used to add parents and never remove one; a parents column now states the
// complete list.
TEST_P(StoreExchange, EmptyTerritoryFieldsKeepStoredValuesAndListedParentsReplaceStoredOnes) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  auto summary = ImportText(*store, Entity::kTerritories,
                            "id,name,kind,population,parents\n"
                            "fr:62528,Loos-en-Gohelle,commune,,fr-reg:32\n",
                            "partial.csv", Format::kCsv);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto loos = *store->GetTerritory("fr:62528");
  EXPECT_EQ(loos->population, 6799);
  EXPECT_EQ(loos->country, "FR");
  EXPECT_DOUBLE_EQ(*loos->longitude, 2.79215);
  EXPECT_EQ(loos->parents, (std::vector<std::string>{"fr-reg:32"}));
}

TEST_P(StoreExchange, WithoutAParentsColumnMembershipsAreKept) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(ImportText(*store, Entity::kTerritories,
                         "id,name,kind\nfr:62528,Loos-en-Gohelle,commune\n", "no-parents.csv",
                         Format::kCsv)
                  .ok());
  EXPECT_EQ(store->GetTerritory("fr:62528")->value().parents,
            std::vector<std::string>{"fr-dep:62"});
  ASSERT_TRUE(ImportText(*store, Entity::kTerritories,
                         R"([{"id":"fr:62528","name":"Loos-en-Gohelle","kind":"commune",)"
                         R"("parents":null}])",
                         "null-parents.json", Format::kJson)
                  .ok());
  EXPECT_EQ(store->GetTerritory("fr:62528")->value().parents,
            std::vector<std::string>{"fr-dep:62"});
  ASSERT_TRUE(ImportText(*store, Entity::kTerritories,
                         R"([{"id":"fr:62528","name":"Loos-en-Gohelle","kind":"commune",)"
                         R"("parents":[]}])",
                         "no-parents.json", Format::kJson)
                  .ok());
  EXPECT_TRUE(store->GetTerritory("fr:62528")->value().parents.empty());
}

TEST_P(StoreExchange, ParentCycleIsRefusedWithItsPathAndNothingWritten) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  const auto before = *store->Counts();
  auto summary = ImportText(*store, Entity::kTerritories,
                            "id,name,kind,parents\nfr-dep:62,Pas-de-Calais,departement,fr:62528\n",
                            "cycle.csv", Format::kCsv);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().ExitCode(), 1);
  EXPECT_NE(summary.status().ToString().find(
                "cycle.csv:2:37: field 'parents': expected territories to form a hierarchy, "
                "found the parent cycle fr-dep:62 -> fr:62528 -> fr-dep:62"),
            std::string::npos)
      << summary.status().ToString();
  EXPECT_EQ(*store->Counts(), before);
  EXPECT_EQ(store->GetTerritory("fr-dep:62")->value().parents,
            std::vector<std::string>{"fr-reg:32"});
}

TEST_P(StoreExchange, ObservationUpsertReplacesValueOfTheSameKey) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(ImportText(*store, Entity::kObservations,
                         "territory,indicator,year,value,source\nfr:62528,turnout,2014,46,new\n",
                         "fix.csv", Format::kCsv)
                  .ok());
  auto obs = *store->ListObservations("fr:62528");
  ASSERT_EQ(obs.size(), 4u);
  EXPECT_EQ(obs[2].value, 46);
  EXPECT_EQ(obs[2].source, "new");
  EXPECT_EQ(obs[2].kind, "result");  // the default kind
}

TEST_P(StoreExchange, NearestNeighboursAreOrderedByHaversineDistance) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  auto near = store->NearestNeighbours("fr:62528", 5);
  ASSERT_TRUE(near.ok()) << near.status().ToString();
  ASSERT_EQ(near->size(), 2u);  // the other communes; regions and départements have no coordinates
  EXPECT_EQ((*near)[0].territory.id, "fr:62386");
  EXPECT_EQ((*near)[1].territory.id, "fr:62498");
  EXPECT_NEAR((*near)[0].distance_km, core::GreatCircleKm(50.45786, 2.79215, 50.44962, 2.74937),
              1e-9);
  // One degree of latitude on the mean sphere: 6371.0088 * pi / 180 km.
  EXPECT_NEAR(core::GreatCircleKm(50, 2, 51, 2), 111.19508, 1e-4);
}

TEST_P(StoreExchange, SearchAndFindByName) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  auto found = store->SearchTerritories("LENS", 10);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, "fr:62498");
  auto loos = store->FindTerritory("loos-en-gohelle");
  ASSERT_TRUE(loos.ok() && *loos);
  EXPECT_EQ((*loos)->id, "fr:62528");
}

TEST_P(StoreExchange, SearchTakesLikeCharactersLiterallyAndFoldsAsciiCaseOnly) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store
                  ->UpsertTerritories({{"fr:1", "100% Ville_A", "commune", "FR", 5, {}, {}, {}},
                                       {"fr:2", "100 Ville-B", "commune", "FR", 9, {}, {}, {}},
                                       {"fr:3", "Évry", "commune", "FR", {}, {}, {}, {}}})
                  .ok());
  auto percent = store->SearchTerritories("0% v", 10);
  ASSERT_EQ(percent->size(), 1u);
  EXPECT_EQ((*percent)[0].id, "fr:1");
  auto underscore = store->SearchTerritories("e_", 10);
  ASSERT_EQ(underscore->size(), 1u);
  EXPECT_EQ((*underscore)[0].id, "fr:1");
  EXPECT_EQ(store->SearchTerritories("ÉVRY", 10)->size(), 1u);
  EXPECT_EQ(store->SearchTerritories("évry", 10)->size(), 0u);  // É is not ASCII: not folded
  auto evry = store->FindTerritory("ÉVRY");
  ASSERT_TRUE(evry.ok() && *evry);
  EXPECT_EQ((*evry)->id, "fr:3");
  // Unpopulated territories come last on both backends.
  EXPECT_EQ(store->SearchTerritories("", 0)->back().population, std::nullopt);
}

DUCKWEED_BOTH_BACKENDS(StoreExchange);

}  // namespace
}  // namespace duckweed::store
