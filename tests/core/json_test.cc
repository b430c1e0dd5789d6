#include "duckweed/core/json.h"

#include <gtest/gtest.h>

#include <string>

namespace duckweed::core {
namespace {

TEST(JsonTest, ParsesADocumentAndKeepsOrderWhenAsked) {
  auto doc = ParseOrderedJson(R"({"b": 1, "a": [2.5, "x"]})", "d.json");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->begin().key(), "b");
  EXPECT_EQ((*doc)["a"][0].get<double>(), 2.5);
}

TEST(JsonTest, MalformedTextIsLocatedAtLineAndColumn) {
  // The parser stops at the '}' on line 3, column 8 (after "x": with no value).
  auto doc = ParseJson("{\n  \"a\": 1,\n  \"x\": }\n", "d.json");
  ASSERT_FALSE(doc.ok());
  const Diagnostic& d = doc.status().diagnostics().front();
  EXPECT_EQ(d.where.source, "d.json");
  EXPECT_EQ(d.where.line, 3);
  EXPECT_EQ(d.where.column, 8);
  EXPECT_NE(d.message.find("invalid JSON"), std::string::npos);
}

TEST(JsonTest, NumberTooLargeForADoubleIsInvalidInputNotAnException) {
  auto doc = ParseJson("[6E6666]", "n.json");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidInput);
  EXPECT_NE(doc.status().message().find("number overflow"), std::string::npos);
}

TEST(JsonTest, NestingDeeperThanTheLimitIsRefusedAtTheBracket) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto doc = ParseJson(deep, "deep.json");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().diagnostics().front().where.column, kDefaultJsonMaxDepth + 1);
  // Exactly at the limit is fine; brackets inside strings do not count.
  const std::string at_limit =
      std::string(kDefaultJsonMaxDepth, '[') + std::string(kDefaultJsonMaxDepth, ']');
  EXPECT_TRUE(ParseJson(at_limit, "ok.json").ok());
  EXPECT_TRUE(ParseJson("[\"" + std::string(1000, '[') + "\\\"\"]", "s.json").ok());
}

TEST(JsonTest, LocationOfOffsetCountsLinesAndBytes) {
  const Location where = LocationOfOffset("ab\ncd\nef", 7, "f");
  EXPECT_EQ(where.line, 3);
  EXPECT_EQ(where.column, 2);
}

}  // namespace
}  // namespace duckweed::core
