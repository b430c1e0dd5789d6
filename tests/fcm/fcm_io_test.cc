// FCM readers: the CSV layouts, JSON, round trips, and every bad-input case with its diagnostic.
#include "duckweed/fcm/fcm_io.h"

#include <gtest/gtest.h>

namespace duckweed::fcm {
namespace {

TEST(FcmIo, EdgeListDefinesConceptsInOrderOfAppearance) {
  auto map = ParseFcmCsv("from,to,weight\ntrust,involvement,0.7\ninvolvement,success,0.5\n", "m");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->concepts(), (std::vector<std::string>{"trust", "involvement", "success"}));
  EXPECT_EQ(map->weight(0, 1), 0.7);
  EXPECT_EQ(map->weight(1, 2), 0.5);
  EXPECT_EQ(map->weight(2, 0), 0.0);
  EXPECT_EQ(map->edge_count(), 2u);
}

TEST(FcmIo, ConceptsFileOrdersConceptsAndGivesInitialValues) {
  auto concepts = ParseFcmConceptsCsv("concept,initial,description\nA,0.2,x\nB,,y\nC,1,z\n", "c");
  ASSERT_TRUE(concepts.ok()) << concepts.status().ToString();
  auto map = ParseFcmCsv("from,to,weight\nC,A,-0.4\n", "m", &*concepts);
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->concepts(), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(map->weight(2, 0), -0.4);
  EXPECT_EQ(map->initial(0), 0.2);
  EXPECT_EQ(map->initial(1), std::nullopt);
}

TEST(FcmIo, MatrixRoundTripsThroughCsvAndJson) {
  auto map = ParseFcmCsv("concept,A,B\nA,,0.25\nB,-1,0.5\n", "m");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->weight(0, 0), 0.0);
  EXPECT_EQ(map->weight(1, 0), -1.0);
  auto again = ParseFcmCsv(FcmToMatrixCsv(*map), "again");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->weights(), map->weights());
  auto edges = ParseFcmCsv(FcmToEdgeCsv(*map), "edges");
  ASSERT_TRUE(edges.ok()) << edges.status().ToString();
  EXPECT_EQ(edges->weights(), map->weights());
  auto json = ParseFcmJson(FcmToJson(*map), "json");
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  EXPECT_EQ(json->weights(), map->weights());
  EXPECT_EQ(json->concepts(), map->concepts());
}

// Regression (fcm_fuzz, issue 10): a concept named "concept" repeated the label column's header,
// so the matrix CSV did not read back. The label becomes "concept_".
TEST(FcmIo, ConceptNamedConceptRoundTripsThroughTheMatrix) {
  auto map = ParseFcmCsv("from,to,weight\nconcept,A,0.5\nA,concept,-0.25\n", "e");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  std::string csv = FcmToMatrixCsv(*map);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "concept_,concept,A");
  auto again = ParseFcmCsv(csv, "again");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->weights(), map->weights());
  EXPECT_EQ(again->concepts(), map->concepts());
}

// Regression (issue 10): a matrix whose header names 3 concepts and has 2 rows took the missing
// row as zeros; the concept is named at the line after the last row.
TEST(FcmIoBadInput, MatrixRowMissing) {
  auto map = ParseFcmCsv("concept,A,B,C\nA,0,0.5,0\nB,0,0,0.5\n", "m.csv");
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.status().ToString().find("m.csv:4: field 'C': concept 'C' has no row"),
            std::string::npos)
      << map.status().ToString();
}

TEST(FcmIo, JsonEdgesWithInitialState) {
  auto map = ParseFcmJson(R"({"edges": [{"from": "A", "to": "B", "weight": 0.5}],
                              "initial_state": {"B": 0.25}})",
                          "j");
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->weight(0, 1), 0.5);
  EXPECT_EQ(map->initial(1), 0.25);
}

// Bad input: the status is InvalidInput (exit code 1) and the message names the place.
void ExpectError(const core::Status& status, const std::string& fragment) {
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.ExitCode(), 1);
  EXPECT_NE(status.ToString().find(fragment), std::string::npos) << status.ToString();
}

TEST(FcmIoBadInput, WeightOutsideRange) {
  auto map = ParseFcmCsv("from,to,weight\nA,B,0.5\nB,A,1.5\nA,A,-2\n", "m.csv");
  ExpectError(map.status(), "m.csv:3:");
  ExpectError(map.status(), "expected a weight in [-1, 1], found 1.5");
  ExpectError(map.status(), "found -2");  // every problem at once
}

TEST(FcmIoBadInput, NonNumericWeight) {
  auto map = ParseFcmCsv("from,to,weight\nA,B,strong\n", "m.csv");
  ExpectError(map.status(), "m.csv:2:");
  ExpectError(map.status(), "strong");
}

TEST(FcmIoBadInput, UnknownConceptInEdge) {
  auto concepts = ParseFcmConceptsCsv("concept\nA\nB\n", "c.csv");
  ASSERT_TRUE(concepts.ok());
  auto map = ParseFcmCsv("from,to,weight\nA,B,0.5\nB,Z,0.5\n", "m.csv", &*concepts);
  ExpectError(map.status(), "m.csv:3:3");
  ExpectError(map.status(), "unknown concept 'Z'");
}

TEST(FcmIoBadInput, UnknownConceptInMatrixRow) {
  auto map = ParseFcmCsv("concept,A,B\nA,0,0.1\nQ,0,0\n", "m.csv");
  ExpectError(map.status(), "m.csv:3:1");
  ExpectError(map.status(), "unknown concept 'Q'");
}

TEST(FcmIoBadInput, DuplicateConcept) {
  ExpectError(ParseFcmConceptsCsv("concept\nA\nB\nA\n", "c.csv").status(),
              "duplicate concept 'A' (first given on line 2)");
  // A repeated matrix header is caught by the CSV reader itself.
  ExpectError(ParseFcmCsv("concept,A,A\nA,0,0\n", "m.csv").status(), "m.csv:1:11");
  ExpectError(
      ParseFcmJson(R"({"concepts": ["A", "A"], "weight_matrix": [[0, 0], [0, 0]]})", "j").status(),
      "duplicate concept 'A'");
}

TEST(FcmIoBadInput, DuplicateEdge) {
  ExpectError(ParseFcmCsv("from,to,weight\nA,B,0.5\nA,B,0.4\n", "m.csv").status(),
              "duplicate edge A -> B (first given on line 2)");
}

TEST(FcmIoBadInput, DuplicateJsonEdge) {
  auto map = ParseFcmJson(R"({"edges": [{"from": "A", "to": "B", "weight": 0.5},
                                        {"from": "A", "to": "B", "weight": 0.1}]})",
                          "j");
  ExpectError(map.status(), "field 'edges[1]': duplicate edge A -> B");
}

TEST(FcmIoBadInput, EmptyMap) {
  ExpectError(ParseFcmCsv("from,to,weight\n", "m.csv").status(), "empty map");
  ExpectError(ParseFcmJson(R"({"concepts": [], "weight_matrix": []})", "j").status(), "empty map");
}

TEST(FcmIoBadInput, JsonWeightOutsideRangeNamesPath) {
  auto map = ParseFcmJson(R"({"concepts": ["A", "B"], "weight_matrix": [[0, 3], [0, "x"]]})", "j");
  ExpectError(map.status(), "field 'weight_matrix[0][1]': expected a weight in [-1, 1], found 3");
  ExpectError(map.status(), "field 'weight_matrix[1][1]': expected a number");
}

TEST(FcmIoBadInput, MalformedJson) {
  ExpectError(ParseFcmJson("{\"concepts\": [", "j.json").status(), "invalid JSON");
}

TEST(FcmIoBadInput, MissingFileIsAnIoError) {
  auto map = ReadFcmFile("/nonexistent/duckweed/map.csv");
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().ExitCode(), 1);
  EXPECT_NE(map.status().ToString().find("/nonexistent/duckweed/map.csv"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::fcm
