#include "duckweed/transfer/transfer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "duckweed/qca/recipe.h"

namespace duckweed::evaluate {
namespace {

TownData Data() {
  auto t = core::ParseCsv(
      "case,PART,CAR,SOLAR,ENERGY\nLoos,0.9,0.2,0.8,2\nTarget,0.4,0.7,0.6,1\n"
      "Other,0.8,0.1,0.3,2\nFar,0.1,0.9,0.1,0\n",
      "cal.csv");
  EXPECT_TRUE(t.ok());
  auto d = ParseTownData(*t);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return *d;
}

qca::Recipe MakeRecipe(const std::string& expression, std::vector<qca::RecipeCondition> conditions,
                       std::vector<std::string> exemplars = {}) {
  qca::Recipe r;
  r.expression = expression;
  r.outcome = "SUCCESS";
  r.conditions = std::move(conditions);
  r.exemplars = std::move(exemplars);
  return r;
}

TEST(TransferTest, MembershipMissingKeysAndExemplarsByHand) {
  const std::vector<qca::Recipe> recipes = {
      MakeRecipe("PART*~CAR*SOLAR", {{"PART", 1}, {"CAR", 0}, {"SOLAR", 1}}),
      MakeRecipe("PART", {{"PART", 1}}, {"Other", "Loos"}),
      MakeRecipe("ENERGY[2]*~CAR", {{"ENERGY", 2}, {"CAR", 0}})};
  auto fits = Transfer(recipes, Data(), "Target");
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  const RecipeFit& a = (*fits)[0];
  // Literals for Target: PART 0.4, ~CAR 0.3, SOLAR 0.6 -> membership 0.3.
  EXPECT_DOUBLE_EQ(*a.membership, 0.3);
  ASSERT_EQ(a.missing.size(), 3u);
  EXPECT_EQ(a.missing[0].literal.ToString(), "~CAR");  // raising it lifts the minimum to 0.4
  EXPECT_NEAR(a.missing[0].gain, 0.1, 1e-12);
  EXPECT_EQ(a.missing[1].literal.ToString(), "PART");  // gain 0, lower current value first
  EXPECT_EQ(a.missing[2].literal.ToString(), "SOLAR");
  // Exemplars (membership > 0.5): only Loos (0.8), at distance sqrt(0.25 + 0.25 + 0.04).
  ASSERT_EQ(a.closest.size(), 1u);
  EXPECT_EQ(a.closest[0].town, "Loos");
  EXPECT_NEAR(a.closest[0].distance, std::sqrt(0.54), 1e-12);
  // Listed cases are the exemplars, nearest first: Other (0.4 away on PART) then Loos (0.5).
  const RecipeFit& b = (*fits)[1];
  EXPECT_DOUBLE_EQ(*b.membership, 0.4);
  EXPECT_NEAR(b.missing[0].gain, 0.6, 1e-12);
  ASSERT_EQ(b.closest.size(), 2u);
  EXPECT_EQ(b.closest[0].town, "Other");
  EXPECT_EQ(b.closest[1].town, "Loos");
  // Multi-value: Target's ENERGY is 1, not 2.
  const RecipeFit& c = (*fits)[2];
  EXPECT_DOUBLE_EQ(*c.membership, 0.0);
  EXPECT_EQ(c.missing[0].literal.ToString(), "ENERGY[2]");
  EXPECT_NEAR(c.missing[0].gain, 0.3, 1e-12);
}

TEST(TransferTest, ReadsTheRecipesTheQcaModuleWrites) {
  qca::Recipe r = MakeRecipe("PART*~CAR", {{"PART", 1}, {"CAR", 0}}, {"Loos"});
  r.incl = 0.9;
  r.cov_r = 0.4;
  auto recipes = qca::RecipesFromJson(qca::RecipesToJson({r}), "qca.json");
  ASSERT_TRUE(recipes.ok()) << recipes.status().ToString();
  ASSERT_EQ(recipes->size(), 1u);
  auto literals = LiteralsOf((*recipes)[0]);
  ASSERT_TRUE(literals.ok()) << literals.status().ToString();
  EXPECT_EQ((*literals)[1].ToString(), "~CAR");
  EXPECT_EQ((*recipes)[0].exemplars, std::vector<std::string>{"Loos"});
  auto fits = Transfer(*recipes, Data(), "Target");
  ASSERT_TRUE(fits.ok());
  EXPECT_DOUBLE_EQ(*(*fits)[0].membership, 0.3);  // min(0.4, 1 - 0.7)
  EXPECT_EQ((*fits)[0].closest[0].town, "Loos");
}

TEST(TransferTest, BadInput) {
  EXPECT_FALSE(ParseTerm("A+B").ok());
  EXPECT_FALSE(ParseTerm("A*").ok());
  // The expression must say what the conditions say: ~CAR is CAR = 0, ENERGY[2] is ENERGY = 2.
  auto negation = LiteralsOf(MakeRecipe("PART*~CAR", {{"PART", 1}, {"CAR", 1}}));
  ASSERT_FALSE(negation.ok());
  EXPECT_NE(negation.status().message().find("literal '~CAR'"), std::string::npos);
  EXPECT_FALSE(LiteralsOf(MakeRecipe("ENERGY[2]", {{"ENERGY", 1}})).ok());
  EXPECT_FALSE(LiteralsOf(MakeRecipe("PART", {{"PART", 1}, {"CAR", 0}})).ok());
  EXPECT_FALSE(Transfer({MakeRecipe("PART+CAR", {{"PART", 1}})}, Data(), "Target").ok());
  const std::vector<qca::Recipe> recipes = {MakeRecipe("PART*TRAM", {{"PART", 1}, {"TRAM", 1}})};
  auto unknown_town = Transfer(recipes, Data(), "Nowhere");
  ASSERT_FALSE(unknown_town.ok());
  EXPECT_EQ(unknown_town.status().ExitCode(), 1);
  auto unknown_condition = Transfer(recipes, Data(), "Target");
  ASSERT_FALSE(unknown_condition.ok());
  EXPECT_NE(unknown_condition.status().message().find("condition 'TRAM'"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::evaluate
