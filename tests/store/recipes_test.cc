// Recipes with provenance (schema 3) on both backends: stored and read back field for field,
// names unique unless replaced, nothing half written.
#include "duckweed/store/recipes.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace duckweed::store {
namespace {

RecipeRecord Sample() {
  RecipeRecord r;
  r.name = "cov2030";
  r.created_at = "2026-12-05T02:30:00Z";
  r.data_file = "out/cases.csv";
  r.case_base = "members of network 'Covenant of Mayors', country FR";
  r.case_count = 812;
  r.outcome = "AMB2030";
  r.outcome_definition = "attr:com2030=1";
  r.cutoffs = "incl.cut=0.7 n.cut=1 pri.cut=0";
  r.solution = "parsimonious";
  r.expression = "COORD*~SMALL + SUPP";
  r.consistency = 0.734;
  r.coverage = 0.5125;
  r.query = R"({"network":"Covenant of Mayors"})";
  r.conditions = {{"COORD", "lever", "member:Covenant of Mayors:coordinator"},
                  {"SMALL", "context", "population<10000"},
                  {"SUPP", "condition", ""}};
  r.terms = {{"COORD*~SMALL", 0.75, 0.4, {"Lille", "Arras"}}, {"SUPP", std::nullopt, 0.1, {}}};
  return r;
}

class StoreRecipes : public testing::BackendTest {};

TEST_P(StoreRecipes, SavedRecipeReadsBackFieldForField) {
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE(SaveRecipe(**store, Sample()).ok());
  auto got = GetRecipe(**store, "cov2030");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, Sample());
  auto none = GetRecipe(**store, "other");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto all = ListRecipes(**store);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  // The JSON form round-trips too (the recipes.json of export --all).
  auto parsed = RecipesFromJsonText(RecipesToJsonText(*all), "recipes.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, *all);
}

TEST_P(StoreRecipes, ANameIsTakenUntilReplacedAndReplacingKeepsNoOldTerm) {
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(SaveRecipe(**store, Sample()).ok());
  RecipeRecord second = Sample();
  second.terms.pop_back();
  second.expression = "COORD*~SMALL";
  core::Status taken = SaveRecipe(**store, second);
  EXPECT_EQ(taken.code(), core::Code::kInvalidInput);
  EXPECT_NE(taken.message().find("already in the store"), std::string::npos) << taken.message();
  EXPECT_EQ(**GetRecipe(**store, "cov2030"), Sample());
  ASSERT_TRUE(SaveRecipe(**store, second, true).ok());
  EXPECT_EQ(**GetRecipe(**store, "cov2030"), second);
}

TEST_P(StoreRecipes, BadNameOrTagIsAUsageErrorAndWritesNothing) {
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok());
  RecipeRecord bad = Sample();
  bad.name = "has space";
  EXPECT_EQ(SaveRecipe(**store, bad).code(), core::Code::kUsage);
  bad = Sample();
  bad.conditions[0].tag = "knob";
  core::Status status = SaveRecipe(**store, bad);
  EXPECT_EQ(status.code(), core::Code::kUsage);
  EXPECT_NE(status.message().find("found 'knob'"), std::string::npos) << status.message();
  EXPECT_TRUE(ListRecipes(**store)->empty());
}

// A malformed recipes.json (import --all) is refused at the byte that breaks it, through
// core::ParseOrderedJson, not as an unlocated "malformed JSON".
TEST(RecipesJson, MalformedFileIsRefusedAtItsLineAndColumn) {
  auto parsed = RecipesFromJsonText("[\n  {\"name\": \"a\",, }\n]\n", "recipes.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), core::Code::kInvalidInput);
  EXPECT_NE(parsed.status().ToString().find("recipes.json:2:16"), std::string::npos)
      << parsed.status().ToString();
  std::string deep(300, '[');
  auto too_deep = RecipesFromJsonText(deep, "recipes.json");
  ASSERT_FALSE(too_deep.ok());
  EXPECT_NE(too_deep.status().ToString().find("recipes.json:1:"), std::string::npos)
      << too_deep.status().ToString();
}

DUCKWEED_BOTH_BACKENDS(StoreRecipes);

}  // namespace
}  // namespace duckweed::store
