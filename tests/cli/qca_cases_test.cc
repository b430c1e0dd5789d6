// The store -> QCA glue of the CLI: case specs, case tables from a hand-seeded store, and the
// robustness grid on a hand-made crisp dataset whose term shares are counted by hand.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cli/qca_cases_spec.h"
#include "cli/qca_cases_table.h"
#include "duckweed/app/qca_robustness.h"
#include "duckweed/core/csv.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using app::CalibrationVariants;
using app::RobustnessOptions;
using app::RobustnessText;
using app::RunRobustness;

TEST(QcaCaseSpec, ParsesEachForm) {
  auto a = ParseCaseSpec("initiative:energy:co-produce");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->kind, CaseSpec::Kind::kInitiative);
  EXPECT_EQ(a->domain, "energy");
  EXPECT_EQ(a->min_involvement, 2);
  auto b = ParseCaseSpec("indicator:ghg>=2.5");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->kind, CaseSpec::Kind::kIndicator);
  EXPECT_EQ(b->indicator, "ghg");
  EXPECT_EQ(b->op, ">=");
  EXPECT_DOUBLE_EQ(b->threshold, 2.5);
  auto c = ParseNamedSpec("SMALL=population<10000");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->name, "SMALL");
  EXPECT_EQ(c->spec.op, "<");
  EXPECT_DOUBLE_EQ(c->spec.threshold, 10000);
  auto d = ParseCaseSpec("country:DE");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->kind, CaseSpec::Kind::kCountry);
  EXPECT_EQ(d->country, "DE");
}

TEST(QcaCaseSpec, RejectsMalformedSpecsNamingThem) {
  for (const char* bad :
       {"foo", "population<abc", "population=5", "initiative:", "initiative:energy:sometimes",
        "indicator:>=3", "population<", "country:France"}) {
    auto r = ParseCaseSpec(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), core::Status::Usage("").code()) << bad;
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().message();
  }
  EXPECT_FALSE(ParseNamedSpec("population<3").ok());     // no NAME=
  EXPECT_FALSE(ParseNamedSpec("1X=population<3").ok());  // not an identifier
  EXPECT_FALSE(ParseNamedSpec("=population<3").ok());
}

// Alpha: pop 5000, energy (co-produce) + food (inform); Beta: pop 20000, energy (consult);
// Gamma: no population field, observations 50000 (2015) then 8000 (2020), transition
// (citizen-led); Delta: pop 3000, no initiative, ghg 5 (2019) then 2 (2021).
std::unique_ptr<store::Store> SeededStore() {
  auto db = std::move(store::Store::Open(":memory:")).value();
  std::vector<store::Territory> ts = {{"t:a", "Alpha", "commune", "FR", 5000, {}, {}, {}},
                                      {"t:b", "Beta", "commune", "DE", 20000, {}, {}, {}},
                                      {"t:c", "Gamma", "commune", "FR", {}, {}, {}, {}},
                                      {"t:d", "Delta", "commune", "FR", 3000, {}, {}, {}}};
  EXPECT_TRUE(db->UpsertTerritories(ts).ok());
  store::Indicator pop{"population", "Population", "inhabitants", "demography", "", "", "", ""};
  store::Indicator ghg{"ghg", "GHG", "t/inh", "climate", "lower", "", "", ""};
  EXPECT_TRUE(db->UpsertIndicators({pop, ghg}).ok());
  std::vector<store::Observation> obs = {{"t:c", "population", 2015, "result", 50000, "", ""},
                                         {"t:c", "population", 2020, "result", 8000, "", ""},
                                         {"t:d", "ghg", 2019, "result", 5, "", ""},
                                         {"t:d", "ghg", 2021, "result", 2, "", ""}};
  EXPECT_TRUE(db->UpsertObservations(obs).ok());
  auto init = [](std::string t, std::string title, std::string domain, std::string inv) {
    store::Initiative i;
    i.territory_id = std::move(t);
    i.title = std::move(title);
    i.domain = std::move(domain);
    i.involvement = std::move(inv);
    return i;
  };
  auto s = db->UpsertInitiatives({init("t:a", "Wind coop", "energy", "co-produce"),
                                  init("t:a", "Canteen", "food", "inform"),
                                  init("t:b", "Solar roofs", "energy", "consult"),
                                  init("t:c", "Transition town", "transition", "citizen-led")});
  EXPECT_TRUE(s.ok()) << s.message();
  return db;
}

CaseTableRequest Request(std::vector<std::string> conditions, std::string outcome) {
  CaseTableRequest r;
  for (const auto& c : conditions) r.conditions.push_back(ParseNamedSpec(c).value());
  r.outcome = ParseNamedSpec(outcome).value();
  return r;
}

TEST(QcaCaseTable, HandSeededStoreGivesTheHandMatrix) {
  auto db = SeededStore();
  CaseTableRequest r = Request(
      {"SMALL=population<10000", "EN=initiative:energy", "FOOD=initiative:food", "DE=country:DE"},
      "COP=initiative:*:co-produce");
  r.territories = {"t:a", "Beta", "t:c", "t:d"};
  auto table = BuildCaseTable(*db, r);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->columns, (std::vector<std::string>{"SMALL", "EN", "FOOD", "DE", "COP"}));
  EXPECT_EQ(table->case_names, (std::vector<std::string>{"Alpha", "Beta", "Gamma", "Delta"}));
  std::vector<std::vector<double>> expected = {
      {1, 1, 1, 0, 1}, {0, 1, 0, 1, 0}, {1, 0, 0, 0, 1}, {1, 0, 0, 0, 0}};
  EXPECT_EQ(table->values, expected);
  EXPECT_EQ(CaseTableCsv(*table),
            "case,SMALL,EN,FOOD,DE,COP\nAlpha,1,1,1,0,1\nBeta,0,1,0,1,0\nGamma,1,0,0,0,1\nDelta,1,"
            "0,0,0,0\n");
}

// R's calibrate(): m = 1 / (1 + 19^(-u)), u = (x - c)/(c - e) below the crossover, else
// (x - c)/(i - c) (idm 0.95, so ln(0.95/0.05) = ln 19). Populations 5000, 20000, 8000 (Gamma's
// latest observation), 3000; ghg of Delta 2 (latest).
double Logistic(double u) { return 1.0 / (1.0 + std::pow(19.0, -u)); }

TEST(QcaCaseTable, FuzzyAndMultiValueCalibrationFromTheStore) {
  auto db = SeededStore();
  CaseTableRequest r =
      Request({"BIG=population:fuzzy=2000,10000,50000", "SIZE=population:levels=4000,10000"},
              "LOWGHG=indicator:ghg:fuzzy=6,4,1");
  r.territories = {"t:d"};
  auto delta = BuildCaseTable(*db, r);
  ASSERT_TRUE(delta.ok()) << delta.status().message();
  ASSERT_EQ(delta->values.size(), 1u);
  EXPECT_NEAR(delta->values[0][0], Logistic(-7000.0 / 8000), 1e-12);
  EXPECT_EQ(delta->values[0][1], 0);
  EXPECT_NEAR(delta->values[0][2], Logistic((2.0 - 4) / (1 - 4)), 1e-12);  // decreasing set
  r.outcome = ParseNamedSpec("EN=initiative:energy").value();
  r.territories = {"t:a", "t:b", "t:c"};
  auto t = BuildCaseTable(*db, r);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_NEAR(t->values[0][0], Logistic(-5000.0 / 8000), 1e-12);
  EXPECT_NEAR(t->values[1][0], Logistic(10000.0 / 40000), 1e-12);
  EXPECT_NEAR(t->values[2][0], Logistic(-2000.0 / 8000), 1e-12);
  EXPECT_EQ(t->values[0][1], 1);
  EXPECT_EQ(t->values[1][1], 2);
  EXPECT_EQ(t->values[2][1], 1);
}

TEST(QcaCaseSpec, CalibrationErrorsNameTheSpec) {
  auto wrong = ParseCaseSpec("population:fuzzy=10000,5000,20000");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), core::Status::InvalidInput("").code());
  EXPECT_NE(wrong.status().message().find("population:fuzzy=10000,5000,20000"), std::string::npos);
  EXPECT_NE(wrong.status().message().find("anchors in the wrong order"), std::string::npos);
  auto two = ParseCaseSpec("indicator:ghg:fuzzy=1,2");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().code(), core::Status::Usage("").code());
  auto levels = ParseCaseSpec("population:levels=5000,2000");
  ASSERT_FALSE(levels.ok());
  EXPECT_NE(levels.status().message().find("thresholds must increase"), std::string::npos);
  auto db = SeededStore();
  CaseTableRequest r = Request({"EN=initiative:energy"}, "SIZE=population:levels=4000,10000");
  r.territories = {"t:a"};
  auto table = BuildCaseTable(*db, r);
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("outcome 'SIZE'"), std::string::npos);
}

TEST(QcaCaseTable, AllWithInitiativesLeavesOutTerritoriesWithout) {
  auto db = SeededStore();
  CaseTableRequest r = Request({"SMALL=population<10000"}, "EN=initiative:energy:consult");
  r.all_with_initiatives = true;
  auto table = BuildCaseTable(*db, r);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->territory_ids, (std::vector<std::string>{"t:a", "t:b", "t:c"}));
  std::vector<std::vector<double>> expected = {{1, 1}, {0, 1}, {1, 0}};
  EXPECT_EQ(table->values, expected);
}

TEST(QcaCaseTable, MissingDataIsAnErrorNamingTerritoryAndSpecOrDropped) {
  auto db = SeededStore();
  CaseTableRequest r = Request({"LOW=indicator:ghg<=3"}, "EN=initiative:energy");
  r.territories = {"t:d", "t:a"};
  auto table = BuildCaseTable(*db, r);
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("Alpha"), std::string::npos);
  EXPECT_NE(table.status().message().find("indicator:ghg<=3"), std::string::npos);
  r.drop_missing = true;
  table = BuildCaseTable(*db, r);
  ASSERT_TRUE(table.ok()) << table.status().message();
  // Delta's latest ghg (2 in 2021) is <= 3; the 2019 value 5 would not be.
  EXPECT_EQ(table->case_names, std::vector<std::string>{"Delta"});
  EXPECT_EQ(table->values, (std::vector<std::vector<double>>{{1, 0}}));
  EXPECT_EQ(table->dropped.size(), 1u);
  r.territories = {"Nowhere"};
  EXPECT_FALSE(BuildCaseTable(*db, r).ok());
}

// Rows (A,B): 11 with 4 cases all Y=1 (incl 1); 10 with 5 cases, 4 Y=1 (incl 0.8); 01 with 2
// cases Y=0; 00 unobserved. At cut-offs <= 0.8 both A rows are positive and the solution is A;
// above, only 11 is, and it is A*B (00 cannot join 11). So over 0.7..0.9 (5 points), A appears
// at 3 (share 0.6, cuts 0.7..0.8) and A*B at 2 (share 0.4, cuts 0.85..0.9), in both solutions.
TEST(QcaRobustness, TermSharesOverTheGridMatchTheHandCount) {
  std::string csv = "case,A,B,Y\n";
  int id = 0;
  auto add = [&](int a, int b, int y, int times) {
    for (int i = 0; i < times; ++i) csv += fmt::format("c{},{},{},{}\n", ++id, a, b, y);
  };
  add(1, 1, 1, 4);
  add(1, 0, 1, 4);
  add(1, 0, 0, 1);
  add(0, 1, 0, 2);
  auto table = core::ParseCsv(csv, "hand.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  qca::DatasetSpec spec;
  spec.outcome = "Y";
  auto data = qca::DatasetFromCsv(*table, spec);
  ASSERT_TRUE(data.ok()) << data.status().message();
  RobustnessOptions o;
  o.incl_cuts = {0.7, 0.75, 0.8, 0.85, 0.9};
  auto r = RunRobustness(*data, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->grid_points, 5);
  EXPECT_EQ(r->points.size(), 10u);
  ASSERT_EQ(r->terms.size(), 4u);
  for (const char* kind : {"parsimonious", "complex"}) {
    int found = 0;
    for (const auto& t : r->terms) {
      if (t.kind != kind) continue;
      if (t.expression == "A") {
        ++found;
        EXPECT_EQ(t.count, 3);
        EXPECT_DOUBLE_EQ(t.share, 0.6);
        EXPECT_DOUBLE_EQ(t.min_incl_cut, 0.7);
        EXPECT_DOUBLE_EQ(t.max_incl_cut, 0.8);
      } else if (t.expression == "A*B") {
        ++found;
        EXPECT_EQ(t.count, 2);
        EXPECT_DOUBLE_EQ(t.share, 0.4);
        EXPECT_DOUBLE_EQ(t.min_incl_cut, 0.85);
        EXPECT_DOUBLE_EQ(t.max_incl_cut, 0.9);
      }
    }
    EXPECT_EQ(found, 2) << kind;
  }
  EXPECT_EQ(r->terms.front().kind, "parsimonious");
  EXPECT_EQ(r->terms.front().expression, "A");  // most robust first
  // A grid above every row's inclusion explains nothing: no terms, no error.
  o.incl_cuts = {1.0};
  o.n_cuts = {5};
  r = RunRobustness(*data, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->terms.empty());
  EXPECT_TRUE(r->points.front().models.empty());
  // Up to 0.8 the single model A holds at every point: A survives the whole grid.
  o.incl_cuts = {0.7, 0.75, 0.8};
  o.n_cuts = {1};
  r = RunRobustness(*data, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->terms.size(), 2u);
  EXPECT_EQ(r->terms[0].expression, "A");
  EXPECT_EQ(r->terms[0].in_every_model, 3);
  EXPECT_TRUE(r->terms[0].survives);
  o.incl_cuts = {};
  EXPECT_FALSE(RunRobustness(*data, o).ok());
}

// The cyclic function f = m(0,1,2,5,6,7) of A,B,C has two minimal covers (~A*~B + A*C + B*~C and
// ~A*~C + A*B + ~B*C, R order): every grid point lists both models, every term appears at every
// point but in no point's every model, so nothing survives.
TEST(QcaRobustness, AmbiguousSolutionsListEveryModelAndNoTermSurvives) {
  std::string csv = "case,A,B,C,Y\n";
  for (int m = 0; m < 8; ++m) {
    bool on = m != 3 && m != 4;
    csv += fmt::format("c{},{},{},{},{}\n", m, m >> 2 & 1, m >> 1 & 1, m & 1, on ? 1 : 0);
  }
  auto table = core::ParseCsv(csv, "cyclic.csv");
  ASSERT_TRUE(table.ok());
  qca::DatasetSpec spec;
  spec.outcome = "Y";
  auto data = qca::DatasetFromCsv(*table, spec);
  ASSERT_TRUE(data.ok());
  RobustnessOptions o;
  o.incl_cuts = {0.8, 0.9};
  o.kinds = {"complex"};
  auto r = RunRobustness(*data, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->points.size(), 2u);
  for (const auto& p : r->points) {
    EXPECT_EQ(p.models, (std::vector<std::string>{"~A*~B + A*C + B*~C", "~A*~C + A*B + ~B*C"}));
  }
  ASSERT_EQ(r->terms.size(), 6u);
  for (const auto& t : r->terms) {
    EXPECT_EQ(t.count, 2) << t.expression;
    EXPECT_EQ(t.in_every_model, 0) << t.expression;
    EXPECT_FALSE(t.survives) << t.expression;
  }
  EXPECT_NE(RobustnessText(*r).find("complex robust core (in every model at every grid point): "
                                    "none"),
            std::string::npos);
}

}  // namespace
}  // namespace duckweed::cli

namespace duckweed::cli {
namespace {

using app::CalibrationVariants;
using app::RobustnessOptions;
using app::RunRobustness;

// Raw X calibrated two ways (direct method). Anchors 0,4,10 put c3 (X = 5, m = 0.62) inside X:
// rows X*~B (c1) and X*B (c2, c3) are consistent (incl 0.764 and 1 at cut-off 0.75), ~X*~B
// (c4, c5) is not: the solution is X. Anchors 0,6,10 put c3 outside (m = 0.38): ~X*B (c3) joins
// with incl 1, X*~B keeps incl 0.818: the solution is X + B. X survives both; B half the grid.
TEST(QcaRobustness, CalibrationVariantsSpanTheGrid) {
  auto table =
      core::ParseCsv("case,X,B,Y\nc1,9,0,1\nc2,9,1,1\nc3,5,1,1\nc4,1,0,0\nc5,2,0,0\n", "raw.csv");
  ASSERT_TRUE(table.ok());
  qca::DatasetSpec spec;
  spec.outcome = "Y";
  auto variants = CalibrationVariants(*table, spec, {"X=0,4,10;0,6,10"});
  ASSERT_TRUE(variants.ok()) << variants.status().message();
  ASSERT_EQ(variants->size(), 2u);
  EXPECT_EQ((*variants)[0].label, "X=0,4,10");
  EXPECT_EQ((*variants)[1].label, "X=0,6,10");
  EXPECT_NEAR((*variants)[0].data.values[2][0], 1.0 / (1.0 + std::pow(19.0, -1.0 / 6)), 1e-12);
  EXPECT_NEAR((*variants)[1].data.values[2][0], 1.0 / (1.0 + std::pow(19.0, 1.0 / 6)), 1e-12);
  RobustnessOptions o;
  o.incl_cuts = {0.75};
  o.kinds = {"parsimonious"};
  auto r = RunRobustness(*variants, o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->grid_points, 2);
  ASSERT_EQ(r->points.size(), 2u);
  EXPECT_EQ(r->points[0].models, std::vector<std::string>{"X"});
  EXPECT_EQ(r->points[1].models, std::vector<std::string>{"X + B"});
  ASSERT_EQ(r->terms.size(), 2u);
  EXPECT_EQ(r->terms[0].expression, "X");
  EXPECT_TRUE(r->terms[0].survives);
  EXPECT_EQ(r->terms[1].expression, "B");
  EXPECT_DOUBLE_EQ(r->terms[1].share, 0.5);
  EXPECT_FALSE(r->terms[1].survives);
  // Bad specs: malformed (usage), unknown column and anchors out of order (bad input).
  EXPECT_EQ(CalibrationVariants(*table, spec, {"X=0,4"}).status().ExitCode(), 2);
  auto unknown = CalibrationVariants(*table, spec, {"Z=0,4,10"});
  EXPECT_NE(unknown.status().message().find("no column 'Z'"), std::string::npos);
  auto order = CalibrationVariants(*table, spec, {"X=0,4,10;5,4,6"});
  EXPECT_EQ(order.status().ExitCode(), 1);
  EXPECT_NE(order.status().message().find("anchors in the wrong order"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::cli
