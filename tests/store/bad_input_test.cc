// Bad input, case by case: a clear diagnostic naming file:line:column and field, exit code 1, and
// the database file byte-for-byte unchanged.
#include <gtest/gtest.h>

#include "duckweed/store/exchange.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::Bytes;

class StoreBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_ / "store.db").string();
    testing::SampleStore(path_);  // written and closed: the WAL is checkpointed into the file
    before_ = Bytes(path_);
    ASSERT_FALSE(before_.empty());
  }

  // Imports `text` into the file database and returns the failure; checks that the import failed
  // with exit code 1 and left the database file unchanged.
  core::Status ExpectRejected(Entity entity, const std::string& text,
                              Format format = Format::kCsv) {
    core::Status status;
    {
      auto store = Store::Open(path_);
      EXPECT_TRUE(store.ok()) << store.status().ToString();
      if (!store.ok()) return store.status();
      auto summary = ImportText(**store, entity, text, "bad.csv", format);
      EXPECT_FALSE(summary.ok());
      if (!summary.ok()) status = summary.status();
    }
    EXPECT_EQ(status.ExitCode(), 1) << status.ToString();
    EXPECT_EQ(Bytes(path_), before_) << "the database file changed after a failed import";
    EXPECT_FALSE(std::filesystem::exists(path_ + "-wal") &&
                 std::filesystem::file_size(path_ + "-wal") > 0);
    return status;
  }

  static bool Has(const core::Status& status, const std::string& text) {
    return status.ToString().find(text) != std::string::npos;
  }

  testing::TempDir dir_;
  std::string path_;
  std::string before_;
};

TEST_F(StoreBadInput, TruncatedCsvWithAnOpenQuote) {
  auto status = ExpectRejected(Entity::kObservations,
                               "territory,indicator,year,kind,value,source,note\n"
                               "fr:62528,turnout,2015,result,50,\"https://exa");
  EXPECT_TRUE(Has(status, "bad.csv:2:")) << status.ToString();
}

TEST_F(StoreBadInput, TruncatedCsvWithMissingFields) {
  auto status = ExpectRejected(Entity::kObservations,
                               "territory,indicator,year,kind,value,source,note\n"
                               "fr:62528,turnout,2015,result,50,x,\n"
                               "fr:62528,turnout,2016");
  EXPECT_TRUE(Has(status, "bad.csv:3")) << status.ToString();
}

TEST_F(StoreBadInput, WrongTypesAreAllReportedWithLineColumnAndField) {
  auto status = ExpectRejected(Entity::kObservations,
                               "territory,indicator,year,kind,value,source,note\n"
                               "fr:62528,turnout,2015,result,50,ok,\n"
                               "fr:62528,turnout,20x5,result,50,,\n"
                               "fr:62528,turnout,2016,result,fifty,,\n"
                               "fr:62528,turnout,2017,forecast,1,,\n");
  EXPECT_TRUE(Has(status, "bad.csv:3:18: field 'year': expected an integer, found '20x5'"))
      << status.ToString();
  EXPECT_TRUE(Has(status, "bad.csv:4:30: field 'value': expected a number")) << status.ToString();
  EXPECT_TRUE(Has(status,
                  "bad.csv:5:23: field 'kind': expected 'result' or 'target', found "
                  "'forecast'"))
      << status.ToString();
  EXPECT_EQ(status.diagnostics().size(), 3u);
}

TEST_F(StoreBadInput, UnknownTerritoryAndIndicator) {
  auto status = ExpectRejected(Entity::kObservations,
                               "territory,indicator,year,value\n"
                               "fr:62528,turnout,2015,50\n"
                               "fr:99999,turnout,2015,50\n"
                               "fr:62528,kwh_saved,2015,50\n");
  EXPECT_TRUE(Has(status, "bad.csv:3:1: field 'territory': unknown territory 'fr:99999'"))
      << status.ToString();
  EXPECT_TRUE(Has(status, "bad.csv:4:10: field 'indicator': unknown indicator 'kwh_saved'"))
      << status.ToString();
}

TEST_F(StoreBadInput, UnknownParentTerritory) {
  auto status = ExpectRejected(
      Entity::kTerritories, "id,name,kind,parents\nfr:62001,Ablain,commune,fr-dep:62|fr-dep:999\n");
  EXPECT_TRUE(Has(status, "unknown parent territory 'fr-dep:999'")) << status.ToString();
}

TEST_F(StoreBadInput, DuplicateKeysInOneFile) {
  auto status = ExpectRejected(Entity::kIndicators, "id,name\nnew_one,A\nturnout,B\nnew_one,C\n");
  EXPECT_TRUE(Has(status, "bad.csv:4:1: field 'id': duplicate key new_one (first at line 2)"))
      << status.ToString();
}

TEST_F(StoreBadInput, InvalidUtf8) {
  auto status = ExpectRejected(Entity::kIndicators, "id,name\nx,Caf\xC3\x28\n");
  EXPECT_TRUE(Has(status, "bad.csv:2")) << status.ToString();
  auto json = ExpectRejected(Entity::kIndicators, "[{\"id\": \"x\", \"name\": \"Caf\xC3\x28\"}]",
                             Format::kJson);
  EXPECT_TRUE(Has(json, "bad.csv:1:26")) << json.ToString();
}

TEST_F(StoreBadInput, EnormousLine) {
  std::string text = "id,name\nx," + std::string((1 << 20) + 16, 'a') + "\n";
  auto status = ExpectRejected(Entity::kIndicators, text);
  EXPECT_TRUE(Has(status, "bad.csv:2")) << status.ToString();
}

TEST_F(StoreBadInput, MissingRequiredColumnAndUnexpectedColumn) {
  auto status = ExpectRejected(Entity::kInitiatives, "territory,title,colour\nfr:62528,A,red\n");
  EXPECT_TRUE(Has(status, "field 'involvement'")) << status.ToString();
  EXPECT_TRUE(Has(status, "field 'colour': unexpected column")) << status.ToString();
}

TEST_F(StoreBadInput, InvalidVocabulariesAndRanges) {
  auto status = ExpectRejected(Entity::kInitiatives,
                               "territory,title,start_year,end_year,involvement,status\n"
                               "fr:62528,A,2010,2005,co-produce,ongoing\n"
                               "fr:62528,B,2010,,empower,done\n"
                               "Loos,C,,,inform,\n");
  EXPECT_TRUE(Has(status, "bad.csv:2:17: field 'end_year': expected an end year >= start year"))
      << status.ToString();
  EXPECT_TRUE(Has(status, "field 'involvement': expected 'inform', 'consult'"))
      << status.ToString();
  EXPECT_TRUE(Has(status, "field 'status'")) << status.ToString();
  EXPECT_TRUE(Has(status, "bad.csv:4:1: field 'territory': expected a territory id"))
      << status.ToString();
}

TEST_F(StoreBadInput, JsonWrongTypesNameThePath) {
  auto status =
      ExpectRejected(Entity::kTerritories,
                     R"([{"id": "fr:1", "name": "A", "kind": "commune", "population": "many"},
                                   {"id": "fr:2", "name": 7, "kind": "commune", "latitude": 95, "longitude": 0}])",
                     Format::kJson);
  EXPECT_TRUE(Has(status, "field '[0].population': expected an integer, found \"many\""))
      << status.ToString();
  EXPECT_TRUE(Has(status, "field '[1].name': expected a string")) << status.ToString();
  EXPECT_TRUE(Has(status, "field '[1].latitude': expected a value in [-90, 90], found 95"))
      << status.ToString();
}

TEST_F(StoreBadInput, TruncatedJson) {
  auto status = ExpectRejected(Entity::kIndicators, "[{\"id\": \"x\", \"name\": \"y\"}, {\"id\"",
                               Format::kJson);
  EXPECT_TRUE(Has(status, "invalid JSON")) << status.ToString();
}

TEST_F(StoreBadInput, OneBadRowAmongGoodOnesWritesNothing) {
  auto status =
      ExpectRejected(Entity::kIndicators, "id,name,direction\na,A,higher\nb,B,up\nc,C,lower\n");
  EXPECT_TRUE(Has(status, "bad.csv:3:5: field 'direction'")) << status.ToString();
  auto store = Store::Open(path_);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(*(*store)->IndicatorExists("a"));
}

}  // namespace
}  // namespace duckweed::store
