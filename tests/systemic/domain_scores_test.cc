#include "duckweed/systemic/domain_scores.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/shared_data.h"

namespace duckweed::evaluate {
namespace {

TEST(ValueFunctionTest, LinearAtAnchorsBothDirections) {
  auto up = ValueFunction::Linear(10, 30);  // e.g. km of green belt
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->Apply(10), 0.0);
  EXPECT_EQ(up->Apply(30), 1.0);
  EXPECT_DOUBLE_EQ(up->Apply(15), 0.25);
  EXPECT_EQ(up->Apply(5), 0.0);                 // below the baseline holds at 0
  EXPECT_EQ(up->Apply(99), 1.0);                // beyond the target holds at 1
  auto down = ValueFunction::Linear(200, 100);  // e.g. MWh consumed: less is better
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->Apply(200), 0.0);
  EXPECT_EQ(down->Apply(100), 1.0);
  EXPECT_DOUBLE_EQ(down->Apply(175), 0.25);
  EXPECT_FALSE(ValueFunction::Linear(3, 3).ok());
}

TEST(ValueFunctionTest, PiecewiseAnchorsAndErrors) {
  auto f = ValueFunction::ParsePiecewise("0:0;10:0.8;20:1");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->Apply(10), 0.8);
  EXPECT_DOUBLE_EQ(f->Apply(5), 0.4);
  EXPECT_DOUBLE_EQ(f->Apply(15), 0.9);
  EXPECT_FALSE(ValueFunction::ParsePiecewise("0:0;0:1").ok());
  EXPECT_FALSE(ValueFunction::ParsePiecewise("0:0;5:1.5").ok());
  EXPECT_FALSE(ValueFunction::ParsePiecewise("0:0;x").ok());
}

TEST(TaxonomyTest, NineDomainsAndEveryAdemeIndicatorThemeMaps) {
  const Taxonomy& t = Taxonomy::Default();
  ASSERT_EQ(t.domains().size(), 9u);
  EXPECT_EQ(t.domains()[0].id, "energy");
  EXPECT_EQ(t.FromAdemeTheme("mobilite_et_transport")->id, "mobility");
  EXPECT_EQ(t.FromAdemeTheme("eci_dechets")->id, "economy");
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "referentiels/indicateurs_definitions.csv");
  auto table = core::ReadCsvFile(path);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const size_t col = *table->ColumnIndex("thematiques");
  int themed = 0;
  for (size_t r = 0; r < table->row_count(); ++r) {
    std::stringstream themes(table->text(r, col));
    for (std::string theme; std::getline(themes, theme, '|');) {
      EXPECT_NE(t.FromAdemeTheme(theme), nullptr) << "unmapped ADEME theme " << theme;
      ++themed;
    }
  }
  EXPECT_EQ(themed, 635);  // 730 definitions, 107 without a theme, some with two
}

TEST(DomainScoresTest, ScoresPerYearAndMissingStaysMissing) {
  auto spec = core::ParseCsv(
      "indicator,domain,baseline,baseline_year,target,direction,piecewise\n"
      "green_km,nature_green_belts,,2001,30,up,\n"
      "mwh_municipal,energy,200,,100,down,\n"
      "solar_kw,energy,,,,,0:0;100:0.5;300:1\n",
      "spec.csv");
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  auto specs = ParseIndicatorSpecs(*spec, Taxonomy::Default());
  ASSERT_TRUE(specs.ok()) << specs.status().ToString();
  auto obs_csv = core::ParseCsv(
      "territory,indicator,year,value\nLoos,green_km,2001,10\nLoos,green_km,2011,20\n"
      "Loos,mwh_municipal,2011,150\nLoos,solar_kw,2011,200\n",
      "obs.csv");
  auto obs = ParseObservations(*obs_csv);
  ASSERT_TRUE(obs.ok()) << obs.status().ToString();
  auto scores = ComputeDomainScores(*specs, *obs, Taxonomy::Default());
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  EXPECT_EQ(scores->years, (std::vector<int>{2001, 2011}));
  EXPECT_DOUBLE_EQ(*scores->At("nature_green_belts", 2001), 0.0);  // the baseline scores 0
  EXPECT_DOUBLE_EQ(*scores->At("nature_green_belts", 2011), 0.5);
  EXPECT_DOUBLE_EQ(*scores->At("energy", 2011), (0.5 + 0.75) / 2);
  EXPECT_FALSE(scores->At("energy", 2001).has_value());  // not observed: missing, not zero
  EXPECT_FALSE(scores->At("mobility", 2011).has_value());
  // Carrying observations forward up to 10 years fills energy in 2011 only from 2011 itself, and
  // nothing earlier exists: 2001 stays missing; nature 2011 is observed, not carried.
  auto carried = ComputeDomainScores(*specs, *obs, Taxonomy::Default(), {10});
  ASSERT_TRUE(carried.ok());
  EXPECT_FALSE(carried->At("energy", 2001).has_value());
  EXPECT_EQ(carried->carried[0][1], 0);
}

TEST(DomainScoresTest, CarryForwardWithinTheWindowOnly) {
  auto spec = core::ParseCsv("indicator,domain,baseline,target\na,energy,0,10\nb,mobility,0,10\n",
                             "spec.csv");
  auto specs = ParseIndicatorSpecs(*spec, Taxonomy::Default());
  ASSERT_TRUE(specs.ok()) << specs.status().ToString();
  auto obs_csv = core::ParseCsv(
      "indicator,year,value,kind\na,2010,5,result\nb,2014,2,result\nb,2030,9,target\n"
      "b,2020,4,result\n",
      "obs.csv");
  auto obs = ParseObservations(*obs_csv);
  ASSERT_TRUE(obs.ok());
  EXPECT_EQ(obs->size(), 3u);  // the target row is not an observation
  auto scores = ComputeDomainScores(*specs, *obs, Taxonomy::Default(), {5});
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  EXPECT_EQ(scores->years, (std::vector<int>{2010, 2014, 2020}));
  EXPECT_DOUBLE_EQ(*scores->At("energy", 2014), 0.5);    // 2010 carried 4 years
  EXPECT_FALSE(scores->At("energy", 2020).has_value());  // 10 years old: beyond the window
  EXPECT_DOUBLE_EQ(*scores->At("mobility", 2020), 0.4);
  EXPECT_FALSE(scores->At("mobility", 2010).has_value());  // never carried backwards
  EXPECT_EQ(scores->carried[0][1], 1);
}

TEST(DomainScoresTest, BadInputIsNamed) {
  auto spec = core::ParseCsv(
      "indicator,domain,baseline,baseline_year,target,direction\n"
      "a,tourism,1,,2,up\nb,energy,,,5,\nc,mobility,10,,5,up\n",
      "spec.csv");
  auto specs = ParseIndicatorSpecs(*spec, Taxonomy::Default());
  ASSERT_FALSE(specs.ok());
  const std::string all = specs.status().ToString();
  EXPECT_NE(all.find("spec.csv:2:3: field 'domain': unknown domain 'tourism'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("missing baseline for indicator 'b'"), std::string::npos) << all;
  EXPECT_NE(all.find("direction 'up' contradicts baseline 10 -> target 5"), std::string::npos)
      << all;

  auto ok_spec = core::ParseCsv("indicator,domain,baseline_year,target\na,energy,2001,5\n", "s");
  auto specs2 = ParseIndicatorSpecs(*ok_spec, Taxonomy::Default());
  ASSERT_TRUE(specs2.ok());
  auto obs_csv = core::ParseCsv("indicator,year,value\na,2005,3\nz,2005,1\n", "obs.csv");
  auto scores = ComputeDomainScores(*specs2, *ParseObservations(*obs_csv), Taxonomy::Default());
  ASSERT_FALSE(scores.ok());
  const std::string all2 = scores.status().ToString();
  EXPECT_NE(all2.find("unknown indicator 'z'"), std::string::npos) << all2;
  EXPECT_NE(all2.find("missing baseline: indicator 'a' has no observation in its baseline year "
                      "2001"),
            std::string::npos)
      << all2;
}

}  // namespace
}  // namespace duckweed::evaluate
