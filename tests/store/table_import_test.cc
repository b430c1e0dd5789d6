// `import table`: rows matched by id, by name + country (+ coordinates), created or skipped;
// categorical attributes and network memberships stored with their source; bad input rejected
// with file:line:column and the database unchanged.
#include "duckweed/store/table_import.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::Bytes;
using testing::TempDir;
using testing::WriteText;

// Loos by name (country in lower case, as the Covenant writes it), Lens by id, an unknown town
// created from its organisation id, a row joining through a coordinator and a supporter.
constexpr char kSignatories[] =
    "organisation_id,organisation_name,territory,country_code,lat,lon,coordinator_name,"
    "supporter_name,plan,date_of_adhesion,population_adhesion\n"
    "1,Loos-en-Gohelle,-,fr,50.46,2.79,-,-,A1,2015-06-01,-\n"
    "2,Lens,fr:62498,fr,-,-,Pas-de-Calais,-,B,2012-01-30,-\n"
    "3,Nowhere-sur-Mer,-,fr,49.0,1.0,Pas-de-Calais,Energy Cities,-,2020-02-29,1500\n";

TableImportSpec SignatorySpec() {
  TableImportSpec spec;
  spec.map = {{"organisation_name", "name"},
              {"territory", "id"},
              {"country_code", "country"},
              {"lat", "latitude"},
              {"lon", "longitude"},
              {"coordinator_name", "coordinator"},
              {"supporter_name", "supporter"},
              {"plan", "attr:plan"},
              {"date_of_adhesion", "joined"},
              {"population_adhesion", "population"}};
  spec.network = "Covenant of Mayors";
  spec.on_unknown = OnUnknown::kCreate;
  spec.new_id = "com:{organisation_id}";
  spec.levels["plan"] = {"A1", "A2", "B"};
  spec.address = "https://example.org/covenant";
  spec.licence = "CC BY 4.0";
  return spec;
}

TEST(TableImport, MatchesCreatesAndStoresMembershipsWithProvenance) {
  TempDir dir;
  WriteText(dir / "s.csv", kSignatories);
  auto db = testing::SampleStore();
  auto summary = ImportTable(*db, (dir / "s.csv").string(), SignatorySpec());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->rows, 3u);
  EXPECT_EQ(summary->matched, 2u);
  EXPECT_EQ(summary->created, 1u);
  EXPECT_TRUE(summary->skipped.empty());
  // Two plans (the third row's "-" is absent); memberships: Loos direct, Lens via its
  // coordinator, the new town via coordinator and supporter.
  EXPECT_EQ(summary->attributes, 2u);
  EXPECT_EQ(summary->memberships, 4u);

  auto loos = ListAttributes(*db, "fr:62528");
  ASSERT_TRUE(loos.ok());
  ASSERT_EQ(loos->size(), 1u);
  EXPECT_EQ((*loos)[0].name, "plan");
  EXPECT_EQ((*loos)[0].type, "category");
  EXPECT_EQ((*loos)[0].value, "A1");
  auto lens = ListNetworkMemberships(*db, "fr:62498");
  ASSERT_TRUE(lens.ok());
  ASSERT_EQ(lens->size(), 1u);
  EXPECT_EQ((*lens)[0].network, "Covenant of Mayors");
  EXPECT_EQ((*lens)[0].channel, "coordinator");
  EXPECT_EQ((*lens)[0].via, "Pas-de-Calais");
  EXPECT_EQ((*lens)[0].joined, "2012-01-30");
  auto created = db->GetTerritory("com:3");
  ASSERT_TRUE(created.ok() && created->has_value());
  EXPECT_EQ((*created)->name, "Nowhere-sur-Mer");
  EXPECT_EQ((*created)->country, "FR");
  EXPECT_EQ((*created)->population, 1500);
  EXPECT_DOUBLE_EQ(*(*created)->latitude, 49.0);
  auto channels = ListNetworkMemberships(*db, "com:3");
  ASSERT_EQ(channels->size(), 2u);
  EXPECT_EQ((*channels)[0].channel, "coordinator");
  EXPECT_EQ((*channels)[1].channel, "supporter");
  EXPECT_EQ((*channels)[1].via, "Energy Cities");
  EXPECT_EQ((*channels)[1].source_id, summary->source_id);
  auto sources = ListSources(*db);
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].licence, "CC BY 4.0");
  EXPECT_EQ((*sources)[0].address, "https://example.org/covenant");
  EXPECT_EQ((*sources)[0].rows, 3);

  // Re-importing matches the created territory instead of creating it again.
  auto again = ImportTable(*db, (dir / "s.csv").string(), SignatorySpec());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->matched, 3u);
  EXPECT_EQ(again->created, 0u);
  EXPECT_EQ(ListNetworkMemberships(*db, "com:3")->size(), 2u);
}

TEST(TableImport, SkipReportsWhyAndCoordinatesRuleOutAFarNamesake) {
  TempDir dir;
  // Lens at its place matches; a "Lens" 300 km away does not; a name with no place is skipped.
  WriteText(dir / "t.csv",
            "city,cc,lat,lon\nLens,FR,50.43,2.83\nLens,FR,47.0,2.0\nAtlantis,FR,,\n");
  auto db = testing::SampleStore();
  TableImportSpec spec;
  spec.map = {{"city", "name"}, {"cc", "country"}, {"lat", "latitude"}, {"lon", "longitude"}};
  spec.on_unknown = OnUnknown::kSkip;
  auto summary = ImportTable(*db, (dir / "t.csv").string(), spec);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->matched, 1u);
  ASSERT_EQ(summary->skipped.size(), 2u);
  EXPECT_EQ(summary->skipped[0].line, 3);
  EXPECT_EQ(summary->skipped[0].why, "no place named 'Lens' in FR within 25 km");
  EXPECT_EQ(summary->skipped[1].why, "no place named 'Atlantis' in FR");
}

class TableImportBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_ / "store.db").string();
    {
      auto db = testing::SampleStore(path_);
      Territory a{"gn:1", "Saint-Martin", "city", "FR", 100, std::nullopt, std::nullopt, {}};
      Territory b{"gn:2", "Saint-Martin", "city", "FR", 200, std::nullopt, std::nullopt, {}};
      ASSERT_TRUE(db->UpsertTerritories({a, b}).ok());
    }
    before_ = Bytes(path_);
  }
  // Imports `csv` and returns every diagnostic; checks exit code 1 and the file unchanged.
  std::string Rejected(const std::string& csv, const TableImportSpec& spec) {
    WriteText(dir_ / "bad.csv", csv);
    std::string all;
    {
      auto db = Store::Open(path_);
      EXPECT_TRUE(db.ok());
      auto summary = ImportTable(**db, (dir_ / "bad.csv").string(), spec);
      EXPECT_FALSE(summary.ok());
      if (!summary.ok()) {
        EXPECT_EQ(summary.status().ExitCode(), 1);
        all = summary.status().ToString();
      }
    }
    EXPECT_EQ(Bytes(path_), before_) << "the database changed after a failed import";
    return all;
  }
  TempDir dir_;
  std::string path_, before_;
};

TEST_F(TableImportBadInput, EachProblemLocatedWithExpectedAndFound) {
  TableImportSpec spec = SignatorySpec();
  std::string all = Rejected(
      "organisation_id,organisation_name,territory,country_code,lat,lon,coordinator_name,"
      "supporter_name,plan,date_of_adhesion,population_adhesion\n"
      "1,Loos-en-Gohelle,-,fr,-,-,-,-,A3,2015-13-01,-\n"
      "2,Loos-en-Gohelle,-,France,-,-,-,-,A1,2015,-\n"
      "3,Saint-Martin,-,FR,-,-,-,-,A1,2015,-\n"
      "5,Grenay,-,fr,-,-,-,-,A1,2016,-\n"
      "6,GRENAY,-,fr,-,-,-,-,A2,2017,-\n",
      spec);
  EXPECT_NE(all.find("bad.csv:2:32: field 'plan': expected a value of attribute 'plan' in "
                     "{A1, A2, B}, found 'A3'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.csv:2:35: field 'date_of_adhesion': expected a date YYYY-MM-DD (or "
                     "YYYY-MM, YYYY), found '2015-13-01'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.csv:3:21: field 'country_code': expected an ISO 3166-1 alpha-2 "
                     "country code (e.g. FR), found 'France'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.csv:4:3: field 'organisation_name': 'Saint-Martin' in FR matches 2 "
                     "places: gn:1 (Saint-Martin, no coordinates), gn:2 (Saint-Martin, no "
                     "coordinates)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.csv:6:3: field 'organisation_name': duplicate: this row and line 5 are "
                     "both territory 'fr:62386'"),
            std::string::npos)
      << all;
}

// Real tables are noisy: with skip_bad_rows and skip_duplicates the same file imports, and each
// skipped row says why.
TEST_F(TableImportBadInput, NoisyRowsSkippedWithTheirReason) {
  TableImportSpec spec = SignatorySpec();
  spec.skip_bad_rows = true;
  spec.skip_duplicates = true;
  WriteText(dir_ / "noisy.csv",
            "organisation_id,organisation_name,territory,country_code,lat,lon,coordinator_name,"
            "supporter_name,plan,date_of_adhesion,population_adhesion\n"
            "1,Grenay,-,fr,\"50,45\",2.75,-,-,A1,2016,-\n"
            "2,Grenay,-,fr,-,-,-,-,A1,2016,-\n"
            "3,GRENAY,-,fr,-,-,-,-,A2,2017,-\n");
  auto db = Store::Open(path_);
  ASSERT_TRUE(db.ok());
  auto summary = ImportTable(**db, (dir_ / "noisy.csv").string(), spec);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->matched, 1u);
  ASSERT_EQ(summary->skipped.size(), 2u);
  EXPECT_NE(summary->skipped[0].why.find("noisy.csv:2:15: field 'lat': expected a number, found "
                                         "'50,45'"),
            std::string::npos)
      << summary->skipped[0].why;
  EXPECT_EQ(summary->skipped[1].why, "same territory 'fr:62386' as line 3");
}

TEST_F(TableImportBadInput, MissingMappedColumnListsTheHeader) {
  TableImportSpec spec;
  spec.map = {{"town", "name"}, {"year", "joined"}};
  std::string all = Rejected("city,year\nLens,2010\n", spec);
  EXPECT_NE(all.find("bad.csv:1: field 'town': --map names column 'town', not in the header: "
                     "expected one of city, year"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("joined, coordinator and supporter describe a membership: give --network"),
            std::string::npos)
      << all;
}

TEST_F(TableImportBadInput, UnknownTerritoryFailsByDefault) {
  TableImportSpec spec;
  spec.map = {{"city", "name"}, {"cc", "country"}};
  std::string all = Rejected("city,cc\nLens,FR\nAtlantis,FR\n", spec);
  EXPECT_NE(all.find("bad.csv:3:1: field 'city': no place named 'Atlantis' in FR (use "
                     "--on-unknown skip or create)"),
            std::string::npos)
      << all;
}

TEST(TableImportSpecParsing, MapLevelsAndOnUnknown) {
  auto map = ParseColumnMap({"a=name, b=attr:plan", "c=joined"});
  ASSERT_TRUE(map.ok());
  ASSERT_EQ(map->size(), 3u);
  EXPECT_EQ((*map)[1].first, "b");
  EXPECT_EQ((*map)[1].second, "attr:plan");
  EXPECT_EQ(ParseColumnMap({"a"}).status().ExitCode(), 2);
  auto levels = ParseLevels("plan=A1,A2,B");
  ASSERT_TRUE(levels.ok());
  EXPECT_EQ(levels->second, (std::vector<std::string>{"A1", "A2", "B"}));
  EXPECT_FALSE(ParseLevels("plan=A1,A1").ok());
  EXPECT_EQ(*ParseOnUnknown("create"), OnUnknown::kCreate);
  EXPECT_FALSE(ParseOnUnknown("ignore").ok());
}

}  // namespace
}  // namespace duckweed::store
