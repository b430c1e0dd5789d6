// The commune table (data/places/communes_fr_2024.csv, derived from INSEE and La Poste open data):
// `places import france` gives communes its coordinates and census context, with the figures of
// the INSEE comparateur de territoires.
#include <gtest/gtest.h>

#include "duckweed/store/places.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::WriteText;

const std::filesystem::path kTable =
    std::filesystem::path(DUCKWEED_SOURCE_DIR) / "data" / "places" / "communes_fr_2024.csv";

class CommuneTable : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteText(dir_ / "regions.json", R"([{"code": "32", "nom": "Hauts-de-France"}])");
    WriteText(dir_ / "departements.json",
              R"([{"code": "62", "region": "32", "nom": "Pas-de-Calais"}])");
    WriteText(dir_ / "epci.json", "[]");
    WriteText(dir_ / "communes.json", R"([
      {"code": "62528", "nom": "Loos-en-Gohelle", "type": "commune-actuelle", "departement": "62", "region": "32", "population": 6799},
      {"code": "62498", "nom": "Lens", "type": "commune-actuelle", "departement": "62", "region": "32", "population": 32920}])");
    store_ = std::move(Store::Open(":memory:")).value();
  }

  double Value(const std::string& territory, const std::string& indicator, int year) {
    const std::vector<Observation> all = *store_->ListObservations(territory);
    for (const Observation& o : all) {
      if (o.indicator_id == indicator && o.year == year) return o.value;
    }
    ADD_FAILURE() << "no " << indicator << " " << year << " for " << territory;
    return -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CommuneTable, ShippedTableLocatesLoosAndGivesItsCensusFigures) {
  auto summary = ImportFrancePlaces(*store_, dir_.path(), kTable);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->communes, 2);
  EXPECT_EQ(summary->located, 2);
  EXPECT_EQ(summary->communes_unknown, 35369 - 2);  // every other row of the table
  auto loos = *store_->GetTerritory("fr:62528");
  ASSERT_TRUE(loos && loos->latitude);
  EXPECT_DOUBLE_EQ(*loos->latitude, 50.45844);  // La Poste, via the comparateur table
  EXPECT_DOUBLE_EQ(*loos->longitude, 2.78647);
  // INSEE comparateur de territoires, Loos-en-Gohelle (62528).
  EXPECT_EQ(Value("fr:62528", "population", 2015), 6568);
  EXPECT_EQ(Value("fr:62528", "population", 2021), 6896);
  EXPECT_EQ(Value("fr:62528", "households", 2021), 2850);
  EXPECT_EQ(Value("fr:62528", "births", 2022), 68);
  EXPECT_EQ(Value("fr:62528", "deaths", 2022), 53);
  EXPECT_EQ(Value("fr:62528", "unemployed_15_64", 2021), 457);
  EXPECT_EQ(Value("fr:62528", "active_15_64", 2021), 2970);
  EXPECT_NEAR(Value("fr:62528", "unemployment_rate", 2021), 100.0 * 457 / 2970, 1e-12);
  EXPECT_EQ(Value("fr:62528", "area_km2", 2024), 12.7);
  auto indicator = *store_->GetIndicator("unemployment_rate");
  ASSERT_TRUE(indicator);
  EXPECT_EQ(indicator->formula, "100 * unemployed_15_64 / active_15_64");
  // The département sits on the population-weighted mean of its two communes.
  const double lens_lat = *(*store_->GetTerritory("fr:62498"))->latitude;
  EXPECT_NEAR(*(*store_->GetTerritory("fr-dep:62"))->latitude,
              (50.45844 * 6800 + lens_lat * 32921) / (6800 + 32921), 1e-9);
}

TEST_F(CommuneTable, TableCoordinatesWinOverGeoNamesInEitherOrder) {
  WriteText(dir_ / "communes_fr.csv",
            "insee_com,lat,lng,superficie_km2,population_2015,population_2021,menages_2021,"
            "naissances_2022,deces_2022,pop_15_64_totale_2021,pop_15_64_active_2021,"
            "pop_15_64_chomage_2021\n"
            "62528,50.45844,2.78647,12.7,6568,6896,2850,68,53,4274,2970,457\n"
            "62498,,,11.7,,,,,,,,\n");
  ASSERT_TRUE(ImportFrancePlaces(*store_, dir_.path(), dir_ / "communes_fr.csv").ok());
  auto summary = ImportFrancePlaces(*store_, dir_.path(), dir_ / "communes_fr.csv");
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->located, 1);                       // Lens has no coordinates in this table
  EXPECT_EQ(summary->context_observations, 9 + 1 + 1);  // Loos: 9 figures + the rate; Lens: area
  // A rerun replaces, never duplicates.
  EXPECT_EQ((*store_->ListObservations("fr:62528")).size(), 10u);
}

TEST_F(CommuneTable, BadCoordinateIsRejectedWithItsLocationAndNothingWritten) {
  WriteText(dir_ / "communes_fr.csv",
            "insee_com,lat,lng,superficie_km2,population_2015,population_2021,menages_2021,"
            "naissances_2022,deces_2022,pop_15_64_totale_2021,pop_15_64_active_2021,"
            "pop_15_64_chomage_2021\n"
            "62528,150.4,2.78647,12.7,6568,6896,2850,68,53,4274,2970,457\n");
  auto summary = ImportFrancePlaces(*store_, dir_.path(), dir_ / "communes_fr.csv");
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().ExitCode(), 1);
  EXPECT_NE(summary.status().ToString().find("communes_fr.csv:2:7"), std::string::npos)
      << summary.status().ToString();
  EXPECT_EQ((*store_->Counts())[0].second, 0);
}

TEST(CommuneTableFile, LocatesAllButThreeCommunes) {
  auto table = FindCommuneTable(kTable.string());
  ASSERT_TRUE(table.ok());
  auto none = FindCommuneTable("none");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(FindCommuneTable("/nonexistent/communes.csv").ok());
}

}  // namespace
}  // namespace duckweed::store
