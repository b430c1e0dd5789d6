// Calibration: analytic anchor values, Cebotari & Vink's published calibration (CVR raw → CVF,
// two decimals, fsQCA's log-odds ±3), Lipset's crisp thresholds (LR → LC), and bad anchors.
#include "duckweed/qca/calibrate.h"

#include <gtest/gtest.h>

#include <cmath>

#include "duckweed/core/csv.h"
#include "support/shared_data.h"

namespace duckweed::qca {
namespace {

TEST(QcaCalibrate, AnchorsMapToIdmHalfAndOneMinusIdm) {
  auto m = CalibrateFuzzy({2, 7, 9.5, 100}, {2, 7, 9.5});
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR((*m)[0], 0.05, 1e-12);
  EXPECT_NEAR((*m)[1], 0.5, 1e-12);
  EXPECT_NEAR((*m)[2], 0.95, 1e-12);
  EXPECT_GT((*m)[3], 0.9999);
}

TEST(QcaCalibrate, DecreasingSetMirrorsIncreasing) {
  auto up = CalibrateFuzzy({1, 3, 4, 8}, {0, 4, 10});
  auto down = CalibrateFuzzy({1, 3, 4, 8}, {10, 4, 0});
  ASSERT_TRUE(up.ok() && down.ok());
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR((*up)[i] + (*down)[i], 1.0, 1e-12);
}

TEST(QcaCalibrate, AnchorsInWrongOrderAreRejected) {
  auto r = CalibrateFuzzy({1}, {5, 2, 9});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ExitCode(), 1);
  EXPECT_NE(r.status().ToString().find("wrong order"), std::string::npos);
  EXPECT_FALSE(CalibrateCrisp({1}, {3, 2}).ok());
}

TEST(QcaCalibrate, CrispThresholdsCountThresholdsReached) {
  auto r = CalibrateCrisp({549, 550, 851, 900}, {550, 850});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<double>{0, 1, 2, 2}));
}

std::vector<double> Column(const core::CsvTable& t, const std::string& name) {
  core::DiagnosticSink sink;
  auto c = *t.ColumnIndex(name);
  std::vector<double> out;
  for (size_t r = 0; r < t.row_count(); ++r) out.push_back(*t.Real(r, c, sink));
  return out;
}

TEST(QcaCalibrate, ReproducesCebotariVinkCalibration) {
  DUCKWEED_SHARED_FILE_OR_SKIP(raw_path, "qca/CVR.csv");
  DUCKWEED_SHARED_FILE_OR_SKIP(fuzzy_path, "qca/CVF.csv");
  auto raw = core::ReadCsvFile(raw_path);
  auto fuzzy = core::ReadCsvFile(fuzzy_path);
  ASSERT_TRUE(raw.ok() && fuzzy.ok());
  // Anchors from the QCA package's documentation (data README); fsQCA uses log-odds ±3.
  const double idm = 1 / (1 + std::exp(-3.0));
  const struct {
    const char* name;
    FuzzyAnchors anchors;
  } columns[] = {{"DEMOC", {2, 7, 9.5, idm}},
                 {"POLDIS", {0, 0.75, 3, idm}},
                 {"NATPRIDE", {0.5, 1.5, 2.5, idm}},
                 {"PROTEST", {0.5, 1.5, 3, idm}}};
  for (const auto& col : columns) {
    auto m = CalibrateFuzzy(Column(*raw, col.name), col.anchors);
    ASSERT_TRUE(m.ok());
    auto expected = Column(*fuzzy, col.name);
    for (size_t i = 0; i < m->size(); ++i) {
      EXPECT_NEAR((*m)[i], expected[i], 0.005 + 1e-9) << col.name << " case " << i + 1;
    }
  }
}

TEST(QcaCalibrate, ReproducesLipsetCrispThresholds) {
  DUCKWEED_SHARED_FILE_OR_SKIP(raw_path, "qca/LR.csv");
  DUCKWEED_SHARED_FILE_OR_SKIP(crisp_path, "qca/LC.csv");
  auto raw = core::ReadCsvFile(raw_path);
  auto crisp = core::ReadCsvFile(crisp_path);
  ASSERT_TRUE(raw.ok() && crisp.ok());
  const struct {
    const char* name;
    double threshold;
  } columns[] = {{"DEV", 550}, {"URB", 50}, {"LIT", 75}, {"IND", 30}};
  for (const auto& col : columns) {
    auto m = CalibrateCrisp(Column(*raw, col.name), {col.threshold});
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(*m, Column(*crisp, col.name)) << col.name;
  }
}

}  // namespace
}  // namespace duckweed::qca
