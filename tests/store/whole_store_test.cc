// A whole store: export --all / import --all round trips and cross-backend copies, on both
// backends.
#include <gtest/gtest.h>

#include "duckweed/store/copy.h"
#include "duckweed/store/exchange.h"
#include "duckweed/store/recipes.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::Bytes;

constexpr const char* kFiles[] = {"territories.csv", "indicators.csv", "observations.csv",
                                  "initiatives.csv", "recipes.json"};

// The sample store with one recipe (schema 5), so whole-store copies carry recipes too.
RecipeRecord SampleRecipe() {
  RecipeRecord r;
  r.name = "loos";
  r.created_at = "2026-12-05T00:00:00Z";
  r.data_file = "cases.csv";
  r.case_base = "every territory with an initiative";
  r.case_count = 3;
  r.outcome = "OK";
  r.outcome_definition = "indicator:turnout>=0.5";
  r.cutoffs = "incl.cut=1 n.cut=1 pri.cut=0";
  r.solution = "parsimonious";
  r.expression = "PART";
  r.consistency = 1;
  r.coverage = 0.5;
  r.conditions = {{"PART", "lever", "initiative:*:co-produce"}};
  r.terms = {{"PART", 1.0, 0.5, {"Loos-en-Gohelle"}}};
  return r;
}

std::unique_ptr<Store> SampleStoreWithRecipe(const std::string& address) {
  auto store = testing::SampleStore(address);
  if (store) {
    EXPECT_TRUE(SaveRecipe(*store, SampleRecipe()).ok());
  }
  return store;
}

class StoreWholeStore : public testing::BackendTest {};

TEST_P(StoreWholeStore, ExportAllImportAllExportAgainIsByteIdentical) {
  auto store = SampleStoreWithRecipe(address());
  ASSERT_NE(store, nullptr);
  auto first = ExportAll(*store, dir_ / "first", Format::kCsv);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 5u);
  EXPECT_EQ(Bytes(dir_ / "first" / "territories.csv").substr(0, 58),
            "id,name,kind,country,population,latitude,longitude,parents");

  auto copy = Store::Open(testing::FreshAddress(GetParam(), &dir_));
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  auto imported = ImportAll(**copy, dir_ / "first", Format::kCsv);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  ASSERT_EQ(imported->size(), 5u);
  EXPECT_EQ((*imported)[0].rows, 5u);  // territories
  EXPECT_EQ((*imported)[2].rows, 4u);  // observations
  EXPECT_EQ((*imported)[4].name, "recipes");
  EXPECT_EQ((*imported)[4].rows, 1u);
  EXPECT_EQ(**GetRecipe(**copy, "loos"), SampleRecipe());
  ASSERT_TRUE(ExportAll(**copy, dir_ / "second", Format::kCsv).ok());
  for (const char* file : kFiles) {
    EXPECT_EQ(Bytes(dir_ / "second" / file), Bytes(dir_ / "first" / file)) << file;
  }
  EXPECT_EQ(*(*copy)->Counts(), *store->Counts());
}

TEST_P(StoreWholeStore, ImportAllIsOneTransaction) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(ExportAll(*store, dir_ / "out", Format::kCsv).ok());
  // A bad last file: the territories and indicators before it must not be written either.
  testing::WriteText(dir_ / "out" / "initiatives.csv",
                     "territory,title,involvement\nfr:62528,x,shouting\n");
  auto empty = Store::Open(testing::FreshAddress(GetParam(), &dir_));
  ASSERT_TRUE(empty.ok());
  auto imported = ImportAll(**empty, dir_ / "out", Format::kCsv);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().ExitCode(), 1);
  EXPECT_NE(imported.status().ToString().find("initiatives.csv:2:"), std::string::npos)
      << imported.status().ToString();
  auto counts = (*empty)->Counts();  // named: a range-for over *temporary would dangle
  ASSERT_TRUE(counts.ok());
  for (const auto& [name, n] : *counts) EXPECT_EQ(n, 0) << name;
}

TEST_P(StoreWholeStore, ImportAllOfAFolderWithoutEntityFilesIsNotFound) {
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok());
  auto imported = ImportAll(**store, dir_.path(), Format::kCsv);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), core::Code::kNotFound);
}

// Copies the sample store to the other backend and back: same exports, counts checked.
TEST_P(StoreWholeStore, CopyToTheOtherBackendAndBackKeepsEveryValue) {
  if (testing::PostgresAddress().empty()) GTEST_SKIP() << "no test PostgreSQL cluster";
  auto store = SampleStoreWithRecipe(address());
  ASSERT_NE(store, nullptr);
  const testing::Backend other =
      postgres() ? testing::Backend::kSqlite : testing::Backend::kPostgres;
  auto there = Store::Open(testing::FreshAddress(other, &dir_));
  ASSERT_TRUE(there.ok()) << there.status().ToString();
  auto copies = CopyStore(*store, **there);
  ASSERT_TRUE(copies.ok()) << copies.status().ToString();
  // The six tables of schema 1, the four of the case base (schema 2), accounts, audit and
  // survey responses (schema 4), and the three of recipes (schema 5).
  ASSERT_EQ(copies->size(), 16u);
  EXPECT_EQ((*copies)[0].table, "territory");
  EXPECT_EQ((*copies)[0].source_rows, 5);
  EXPECT_EQ((*copies)[0].destination_rows, 5);
  auto back = Store::Open(testing::FreshAddress(GetParam(), &dir_));
  ASSERT_TRUE(back.ok());
  ASSERT_TRUE(CopyStore(**there, **back).ok());
  for (Entity e :
       {Entity::kTerritories, Entity::kIndicators, Entity::kObservations, Entity::kInitiatives}) {
    EXPECT_EQ(*ExportText(**back, e, Format::kJson), *ExportText(*store, e, Format::kJson));
  }
  EXPECT_EQ(*ListRecipes(**back), *ListRecipes(*store));
  // A second copy into the now non-empty store is refused and writes nothing.
  auto again = CopyStore(*store, **there);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("is not empty"), std::string::npos);
  EXPECT_EQ(*(*there)->Counts(), *store->Counts());
}

DUCKWEED_BOTH_BACKENDS(StoreWholeStore);

}  // namespace
}  // namespace duckweed::store
