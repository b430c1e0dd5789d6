#include "duckweed/referentiel/personnalisation.h"

#include <gtest/gtest.h>

#include <string>

#include "duckweed/core/csv.h"
#include "support/shared_data.h"

namespace duckweed::evaluate {
namespace {

// A one-action référentiel carrying `formula` as its rule of `kind`, evaluated for the identity
// and answers given.
core::Result<Personnalisation> Evaluate(const std::string& kind, const std::string& formula,
                                        const std::string& identite, const Answers& answers) {
  auto table = core::ParseCsv("referentiel,action_id,parent_id,points\nx,x_1,x,10\n", "a.csv");
  DUCKWEED_ASSIGN_OR_RETURN(auto ref, Referentiel::FromActionsCsv(*table));
  auto rules_table =
      core::ParseCsv("action_id,type,formule\nx_1," + kind + ",\"" + formula + "\"\n", "r.csv");
  DUCKWEED_ASSIGN_OR_RETURN(auto rules, RulesFromCsv(*rules_table, ref));
  DUCKWEED_ASSIGN_OR_RETURN(auto id, ParseIdentite(identite));
  return ApplyRules(rules, ref, id, answers);
}

std::optional<double> Reduction(const std::string& formula, const std::string& identite,
                                const Answers& answers = {}) {
  auto p = Evaluate("reduction", formula, identite, answers);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  if (!p.ok() || !p->consequences.count(0)) return std::nullopt;
  return p->consequences.at(0).reduction;
}

bool Desactive(const std::string& formula, const std::string& identite,
               const Answers& answers = {}) {
  auto p = Evaluate("desactivation", formula, identite, answers);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() && p->consequences.count(0) && p->consequences.at(0).desactive;
}

TEST(PersonnalisationFormula, SinonChainsTakeTheFirstTrueBranch) {
  // cae_1.2.2's rule: 2/12 when both answers are NON, 6/12 when only AOM_1 is.
  const std::string rule =
      "si reponse(centre_urbain, NON) et reponse (AOM_1, NON) alors 2/12 \n"
      "sinon si reponse (AOM_1, NON) alors 6/12";
  EXPECT_DOUBLE_EQ(*Reduction(rule, "", {{"centre_urbain", "NON"}, {"AOM_1", "NON"}}), 2.0 / 12);
  EXPECT_DOUBLE_EQ(*Reduction(rule, "", {{"centre_urbain", "OUI"}, {"AOM_1", "NON"}}), 0.5);
  EXPECT_FALSE(Reduction(rule, "", {{"centre_urbain", "OUI"}, {"AOM_1", "OUI"}}).has_value());
}

TEST(PersonnalisationFormula, ArithmeticMinMaxAndProportions) {
  EXPECT_DOUBLE_EQ(*Reduction("max(reponse(habitat_2), 0.5)", "", {{"habitat_2", "0.8"}}), 0.8);
  EXPECT_DOUBLE_EQ(*Reduction("max(reponse(habitat_2), 0.5)", "", {{"habitat_2", "0.2"}}), 0.5);
  EXPECT_DOUBLE_EQ(*Reduction("min(1 - 0.25, 2 * 0.5)", ""), 0.75);
  EXPECT_DOUBLE_EQ(*Reduction("12/8", ""), 1.5);
}

TEST(PersonnalisationFormula, IdentityTypeLocalisationAndPopulationBands) {
  EXPECT_TRUE(Desactive("identite(type, commune)", "type=commune"));
  EXPECT_FALSE(Desactive("identite(type, EPCI)", "type=commune"));
  EXPECT_TRUE(
      Desactive("Si identite(localisation, DOM) alors VRAI sinon FAUX", "localisation=DOM"));
  EXPECT_TRUE(Desactive("identite(population, moins_de_20000)", "population=19999"));
  EXPECT_FALSE(Desactive("identite(population, moins_de_20000)", "population=20000"));
  EXPECT_TRUE(Desactive("identite(population, plus_de_100000)", "population=100001"));
}

TEST(PersonnalisationFormula, AMissingAnswerGivesNoConsequenceUnlessShortCircuited) {
  auto p = Evaluate("desactivation", "reponse(SPASER, OUI)", "", {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->consequences.empty());
  EXPECT_EQ(p->unanswered.count("SPASER"), 1u);
  // `et` does not read its right side when the left is false, `ou` when it is true.
  EXPECT_FALSE(Desactive("reponse(a, NON) et reponse(b, NON)", "", {{"a", "OUI"}}));
  EXPECT_TRUE(Desactive("reponse(a, OUI) ou reponse(b, NON)", "", {{"a", "OUI"}}));
  auto needs_type = Evaluate("desactivation", "identite(type, commune)", "", {});
  ASSERT_TRUE(needs_type.ok());
  EXPECT_EQ(needs_type->unanswered.count("identite:type"), 1u);
}

TEST(PersonnalisationFormula, BadFormulasAreErrorsNamingThePosition) {
  auto deep = Evaluate("reduction", std::string(300, '(') + "1" + std::string(300, ')'), "", {});
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().ToString().find("at most 200 nested levels"), std::string::npos);
  std::string chain = "1";
  for (int k = 0; k < 1001; ++k) chain += "+1";
  auto long_chain = Evaluate("reduction", chain, "", {});
  ASSERT_FALSE(long_chain.ok());
  EXPECT_NE(long_chain.status().ToString().find("at most 1000 operators"), std::string::npos);
  auto call = Evaluate("reduction", "val(cae_5)", "", {});
  ASSERT_FALSE(call.ok());
  EXPECT_NE(call.status().ToString().find("at character 1, unknown function 'val'"),
            std::string::npos);
  auto zero = Evaluate("reduction", "1/0", "", {});
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().ToString().find("division by zero"), std::string::npos);
  auto type = Evaluate("desactivation", "0.5", "", {});
  ASSERT_FALSE(type.ok());
  EXPECT_NE(type.status().ToString().find("expected VRAI or FAUX, found 0.5"), std::string::npos);
  EXPECT_FALSE(ParseIdentite("population=-3").ok());
  EXPECT_FALSE(ParseIdentite("size=big").ok());
}

TEST(PersonnalisationFormula, AnswersFileRejectsDuplicatesAndEmptyAnswers) {
  auto table = core::ParseCsv("question_id,reponse\nAOM_1,OUI\nAOM_1,NON\nEP_1,\n", "a.csv");
  auto answers = ParseAnswers(*table);
  ASSERT_FALSE(answers.ok());
  const std::string text = answers.status().ToString();
  EXPECT_NE(text.find("a.csv:3:1: field 'question_id': question 'AOM_1' answered twice"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("a.csv:4:"), std::string::npos) << text;
}

// Every desactivation and reduction rule of the platform's three référentiels parses, and the
// CAE's rules desactivate, for a commune, the tâche reserved to EPCIs' PCAET obligations.
TEST(PersonnalisationShared, EveryRuleOfTheRealReferentielsParses) {
  int rules_seen = 0;
  for (const char* name : {"cae", "eci", "te"}) {
    DUCKWEED_SHARED_FILE_OR_SKIP(csv,
                                 std::string("referentiels/referentiel_") + name + "_actions.csv");
    auto table = core::ReadCsvFile(csv);
    ASSERT_TRUE(table.ok());
    auto ref = Referentiel::FromActionsCsv(*table);
    ASSERT_TRUE(ref.ok());
    auto rules = RulesFromReferentiel(*ref);
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    rules_seen += static_cast<int>(rules->size());
    if (std::string(name) != "cae") continue;
    auto applied = ApplyRules(*rules, *ref, *ParseIdentite("type=commune,population=6500"), {});
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    EXPECT_TRUE(applied->consequences.at(ref->IndexOf("cae_1.1.2.0.1")).desactive);
    EXPECT_FALSE(applied->consequences.count(ref->IndexOf("cae_1.1.2.1.5")) &&
                 applied->consequences.at(ref->IndexOf("cae_1.1.2.1.5")).desactive);
  }
  EXPECT_EQ(rules_seen, 354);  // the non-empty expr_* fields of the three CSVs (counted apart)
}

}  // namespace
}  // namespace duckweed::evaluate
