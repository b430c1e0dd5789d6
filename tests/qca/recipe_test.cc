// Recipes: content from a solution (Lipset, R's parsimonious term and its cases), JSON round trip,
// atomic file writing, malformed input.
#include "duckweed/qca/recipe.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "duckweed/core/csv.h"
#include "support/shared_data.h"

namespace duckweed::qca {
namespace {

TEST(QcaRecipe, LipsetParsimoniousTermIsARecipeWithItsCases) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "qca/LC.csv");
  auto table = core::ReadCsvFile(path);
  ASSERT_TRUE(table.ok());
  DatasetSpec spec;
  spec.outcome = "SURV";
  auto d = DatasetFromCsv(*table, spec);
  ASSERT_TRUE(d.ok());
  auto tt = BuildTruthTable(*d, {});
  ASSERT_TRUE(tt.ok());
  SolveOptions so;
  so.include_remainders = true;
  auto s = Solve(*tt, so);
  ASSERT_TRUE(s.ok());
  auto recipes = RecipesFromSolution(*tt, *s);
  ASSERT_EQ(recipes.size(), 1u);
  // R QCA 3.25.1 (reference LC_SURV): DEV*STB, cases FI,IE; FR,SE; BE,CZ,NL,UK.
  EXPECT_EQ(recipes[0].expression, "DEV*STB");
  EXPECT_EQ(recipes[0].conditions, (std::vector<RecipeCondition>{{"DEV", 1}, {"STB", 1}}));
  EXPECT_EQ(recipes[0].exemplars,
            (std::vector<std::string>{"FI", "IE", "FR", "SE", "BE", "CZ", "NL", "UK"}));
  EXPECT_DOUBLE_EQ(recipes[0].incl, 1.0);
}

TEST(QcaRecipe, JsonFileRoundTrip) {
  std::vector<Recipe> recipes = {
      {"DEV[2]*~URB", "~SURV", {{"DEV", 2}, {"URB", 0}}, {"x", "y"}, 0.9, 0.25},
      {"A", "Y", {{"A", 1}}, {}, 1.0, 1.0}};
  auto path = std::filesystem::temp_directory_path() / "duckweed_qca_recipes_test.json";
  ASSERT_TRUE(WriteRecipesFile(path, recipes).ok());
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));
  auto back = ReadRecipesFile(path);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, recipes);
  std::filesystem::remove(path);
}

TEST(QcaRecipe, MalformedRecipeNamesItsPath) {
  auto r = RecipesFromJson(R"({"recipes":[{"expression":"A"}]})", "r.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("recipes[0]"), std::string::npos);
  EXPECT_FALSE(RecipesFromJson("{not json", "r.json").ok());
}

}  // namespace
}  // namespace duckweed::qca
