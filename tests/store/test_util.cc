#include "test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "duckweed/store/exchange.h"
#include "store/sql.h"

namespace duckweed::store::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "duckweed-store-XXXXXX").string();
  path_ = mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code error;
  std::filesystem::remove_all(path_, error);
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kPostgres ? "postgresql" : "sqlite";
}

std::string PostgresAddress() {
  std::ifstream in(DUCKWEED_TEST_PG_URI_FILE);
  std::string uri;
  std::getline(in, uri);
  return uri;
}

std::string FreshAddress(Backend backend, const TempDir* dir) {
  static int counter = 0;
  ++counter;
  if (backend == Backend::kSqlite) {
    return dir ? (*dir / ("store" + std::to_string(counter) + ".db")).string() : ":memory:";
  }
  const std::string uri = PostgresAddress();
  if (uri.empty()) return "";
  static auto admin = internal::Connect(uri);
  EXPECT_TRUE(admin.ok()) << admin.status().ToString();
  if (!admin.ok()) return "";
  const std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(counter);
  auto created = (*admin)->Exec("CREATE SCHEMA " + schema);
  EXPECT_TRUE(created.ok()) << created.ToString();
  return uri + "&options=-csearch_path%3D" + schema;
}

void BackendTest::SetUp() {
  address_ = FreshAddress(GetParam(), &dir_);
  if (address_.empty()) GTEST_SKIP() << "no test PostgreSQL cluster (run through ctest)";
}

std::string Bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const char kTerritoriesCsv[] =
    "id,name,kind,country,population,latitude,longitude,parents\n"
    "fr-reg:32,Hauts-de-France,region,FR,5992194,,,\n"
    "fr-dep:62,Pas-de-Calais,departement,FR,1457905,,,fr-reg:32\n"
    "fr:62528,Loos-en-Gohelle,commune,FR,6799,50.45786,2.79215,fr-dep:62\n"
    "fr:62498,Lens,commune,FR,32920,50.43302,2.82791,fr-dep:62\n"
    "fr:62386,Grenay,commune,FR,6644,50.44962,2.74937,fr-dep:62\n";

const char kIndicatorsCsv[] =
    "id,name,unit,domain,direction,description,source,formula\n"
    "turnout,Turnout,\"% of registered\",participation,higher,\"Votes cast, \"\"all\"\" rounds\","
    "https://example.org/a,\n"
    "pv_capacity,Solar capacity,kWc,energy,higher,,https://example.org/b,val(x)+val(y)\n";

const char kObservationsCsv[] =
    "territory,indicator,year,kind,value,source,note\n"
    "fr:62528,turnout,2014,result,45.12,https://example.org/a,\n"
    "fr:62528,turnout,2020,result,0.30000000000000004,https://example.org/a,odd double\n"
    "fr:62528,pv_capacity,2019,result,450,https://example.org/b,planned\n"
    "fr:62528,pv_capacity,2050,target,5000,https://example.org/b,\n";

const char kInitiativesCsv[] =
    "territory,title,domain,start_year,end_year,involvement,participants,budget,status,source\n"
    "fr:62528,Fifty-fifty,participation,2001,,co-produce,,,ongoing,https://example.org/c\n"
    "fr:62528,\"Mine de Soleil, citizen PV\",energy,2019,2049,citizen-led,130,40000.5,ongoing,"
    "https://example.org/d\n";

std::unique_ptr<Store> SampleStore(const std::string& path) {
  auto store = Store::Open(path);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return nullptr;
  const std::pair<Entity, const char*> files[] = {{Entity::kTerritories, kTerritoriesCsv},
                                                  {Entity::kIndicators, kIndicatorsCsv},
                                                  {Entity::kObservations, kObservationsCsv},
                                                  {Entity::kInitiatives, kInitiativesCsv}};
  for (const auto& [entity, text] : files) {
    auto summary = ImportText(**store, entity, text, "sample.csv", Format::kCsv);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  }
  return std::move(store).value();
}

}  // namespace duckweed::store::testing
