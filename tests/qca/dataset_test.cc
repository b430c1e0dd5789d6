// Bad input for QCA data: every error names the case and the column; good input infers kinds.
#include "duckweed/qca/dataset.h"

#include <gtest/gtest.h>

#include <string>

#include "duckweed/core/csv.h"
#include "duckweed/qca/cube.h"
#include "duckweed/qca/truth_table.h"

namespace duckweed::qca {
namespace {

core::Result<Dataset> Load(const std::string& csv, const std::string& outcome,
                           std::vector<std::string> conditions = {}) {
  auto table = core::ParseCsv(csv, "test.csv");
  if (!table.ok()) return table.status();
  DatasetSpec spec;
  spec.outcome = outcome;
  spec.conditions = std::move(conditions);
  return DatasetFromCsv(*table, spec);
}

TEST(QcaDataset, InfersCrispMultiValueAndFuzzyKinds) {
  auto d = Load("case,A,B,C,Y\nx,0,2,0.3,1\ny,1,0,0.9,0\nz,1,1,0.5,1\n", "Y");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->conditions[0].kind, SetKind::kCrisp);
  EXPECT_EQ(d->conditions[1].kind, SetKind::kMultiValue);
  EXPECT_EQ(d->conditions[1].levels, 3);
  EXPECT_EQ(d->conditions[2].kind, SetKind::kFuzzy);
  EXPECT_EQ(d->case_ids, (std::vector<std::string>{"x", "y", "z"}));
}

TEST(QcaDataset, NegatedOutcomeIsOneMinus) {
  auto d = Load("case,A,Y\nx,0,0.25\ny,1,1\n", "~Y");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->neg_out);
  EXPECT_DOUBLE_EQ(d->outcome_values[0], 0.75);
  EXPECT_DOUBLE_EQ(d->outcome_values[1], 0.0);
}

void ExpectError(const core::Result<Dataset>& r, const std::string& fragment) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ExitCode(), 1);
  EXPECT_NE(r.status().ToString().find(fragment), std::string::npos) << r.status().ToString();
}

TEST(QcaDataset, MembershipAboveOneNamesCaseAndColumn) {
  ExpectError(Load("case,A,B,Y\nx,0.2,0,1\ny,1.4,1,0\n", "Y"), "case 'y', column 'A'");
}

TEST(QcaDataset, OutcomeOutsideUnitIntervalIsRejected) {
  ExpectError(Load("case,A,Y\nx,0,1\ny,1,2\n", "Y"), "case 'y', outcome 'Y'");
}

TEST(QcaDataset, NonNumericValueNamesCaseAndColumn) {
  ExpectError(Load("case,A,B,Y\nx,0,yes,1\ny,1,0,0\n", "Y"), "case 'x', column 'B'");
}

TEST(QcaDataset, NegativeMultiValueLevelIsRejected) {
  ExpectError(Load("case,A,B,Y\nx,0,2,1\ny,1,-1,0\n", "Y"), "case 'y', column 'B'");
}

TEST(QcaDataset, TooLargeMultiValueLevelIsRejected) {
  ExpectError(Load("case,A,B,Y\nx,0,2,1\ny,1,99,0\n", "Y"), "case 'y', column 'B'");
}

TEST(QcaDataset, ConditionNamedTwiceIsRejected) {
  ExpectError(Load("case,A,B,Y\nx,0,1,1\n", "Y", {"A", "B", "A"}), "'A' is named twice");
}

TEST(QcaDataset, MissingOutcomeColumnIsRejected) {
  ExpectError(Load("case,A,B\nx,0,1\n", "Y"), "'Y'");
}

TEST(QcaDataset, NoOutcomeNamedIsRejected) { ExpectError(Load("case,A\nx,0\n", ""), "outcome"); }

TEST(QcaDataset, UnknownConditionIsRejected) {
  ExpectError(Load("case,A,Y\nx,0,1\n", "Y", {"A", "Q"}), "'Q'");
}

TEST(QcaDataset, EmptyDataIsRejected) { ExpectError(Load("case,A,Y\n", "Y"), "empty data"); }

TEST(QcaTruthTable, TwoCutOffsMakeContradictionsAndToleranceMatchesR) {
  // Row A=1: incl = 0.8 - 1e-9 reaches 0.8 with R's tolerance; row A=0: incl 0.5 is 'C' at 0.4.
  auto d = Load("case,A,Y\na,1,0.7999999990\nb,1,0.8\nc,0,0.5\nd,0,0.5\n", "Y");
  ASSERT_TRUE(d.ok());
  // Memberships are crisp here, so incl of row A=1 is the mean of Y over its cases.
  TruthTableOptions o;
  o.incl_cut = {0.8, 0.4};
  auto tt = BuildTruthTable(*d, o);
  ASSERT_TRUE(tt.ok());
  ASSERT_EQ(tt->rows.size(), 2u);
  EXPECT_EQ(tt->rows[0].out, 'C');  // row 1: A=0
  EXPECT_EQ(tt->rows[1].out, '1');  // row 2: A=1, incl 0.7999999995
  o.incl_cut = {0.5, 0.6};
  EXPECT_FALSE(BuildTruthTable(*d, o).ok());
}

TEST(QcaTruthTable, NCutMakesSparseRowsRemainders) {
  auto d = Load("case,A,Y\na,1,1\nb,0,0\nc,0,0\n", "Y");
  ASSERT_TRUE(d.ok());
  TruthTableOptions o;
  o.n_cut = 2;
  auto tt = BuildTruthTable(*d, o);
  ASSERT_TRUE(tt.ok());
  EXPECT_EQ(tt->rows[0].out, '0');
  EXPECT_EQ(tt->rows[1].out, '?');
  EXPECT_EQ(tt->rows[1].n, 1);
}

}  // namespace
}  // namespace duckweed::qca

namespace duckweed::qca {
namespace {

// Temporal QCA: "-" and "dc" leave the condition free in the case's row; R numbers the
// placeholder as one more level (RS data: row (1,1,0,-,1) is R's row 42).
TEST(QcaDataset, TemporalPlaceholderLeavesTheConditionFree) {
  auto d = Load("case,P,E,A,EBA,S,Y\nx,1,1,0,-,1,1\ny,1,1,1,0,1,1\nz,1,1,0,dc,1,0\n", "Y");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->conditions[3].dont_care);
  EXPECT_EQ(d->conditions[3].kind, SetKind::kCrisp);
  auto tt = BuildTruthTable(*d, {});
  ASSERT_TRUE(tt.ok());
  ASSERT_EQ(tt->rows.size(), 2u);
  EXPECT_EQ(tt->rows[0].number, 42u);  // 24 + 12 + 0 + 2*2 + 1, plus 1
  EXPECT_EQ(tt->rows[0].config[3], Cube::kAbsent);
  EXPECT_EQ(tt->rows[0].n, 2);
  EXPECT_DOUBLE_EQ(tt->rows[0].incl, 0.5);
  EXPECT_EQ(tt->rows[1].number, 44u);
  EXPECT_DOUBLE_EQ(LiteralMembership(*d, 0, 3, 1), 0.0);
  EXPECT_DOUBLE_EQ(LiteralMembership(*d, 0, 3, 0), 0.0);
}

TEST(QcaDataset, TemporalPlaceholderInAFuzzyColumnIsRejected) {
  ExpectError(Load("case,A,Y\nx,0.3,1\ny,-,0\n", "Y"), "column 'A': the '-' placeholder");
}

TEST(QcaDataset, PlaceholderOutcomeIsRejected) {
  ExpectError(Load("case,A,Y\nx,1,-\n", "Y"), "case 'x', column 'Y'");
}

TEST(QcaDataset, NonFiniteMembershipIsRejected) {
  ExpectError(Load("case,A,Y\nx,nan,1\ny,1,0\n", "Y"), "case 'x', column 'A'");
  ExpectError(Load("case,A,Y\nx,inf,1\ny,1,0\n", "Y"), "case 'x', column 'A'");
}

}  // namespace
}  // namespace duckweed::qca
