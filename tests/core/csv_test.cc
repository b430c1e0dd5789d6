#include "duckweed/core/csv.h"

#include <gtest/gtest.h>

#include <string>

namespace duckweed::core {
namespace {

CsvTable MustParse(std::string_view text, const CsvOptions& options = {}) {
  auto table = ParseCsv(text, "t.csv", options);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : CsvTable{};
}

std::string ErrorsOf(std::string_view text, const CsvOptions& options = {}) {
  auto table = ParseCsv(text, "t.csv", options);
  EXPECT_FALSE(table.ok());
  return table.ok() ? "" : table.status().ToString();
}

TEST(CsvTest, ParsesQuotedFieldsWithEscapesAndEmbeddedNewlines) {
  CsvTable t =
      MustParse("name,note\n\"Loos, en Gohelle\",\"said \"\"fifty-fifty\"\"\nthen\"\nx,y\n");
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.text(0, 0), "Loos, en Gohelle");
  EXPECT_EQ(t.text(0, 1), "said \"fifty-fifty\"\nthen");
  EXPECT_EQ(t.row_line(1), 4);  // the quoted newline moved the next record to line 4
  EXPECT_EQ(t.field(1, 1).column, 3);
}

TEST(CsvTest, AcceptsCrlfCrOnlyBomAndMissingFinalNewline) {
  for (std::string_view text : {"\xEF\xBB\xBF"
                                "a,b\r\n1,2\r\n3,4",
                                "a,b\r1,2\r3,4\r", "a,b\n1,2\n3,4"}) {
    CsvTable t = MustParse(text);
    ASSERT_EQ(t.header().size(), 2u);
    EXPECT_EQ(t.header()[0], "a");
    ASSERT_EQ(t.row_count(), 2u);
    EXPECT_EQ(t.text(1, 1), "4");
    EXPECT_EQ(t.row_line(1), 3);
  }
}

TEST(CsvTest, CollectsEveryProblemWithLineAndColumn) {
  const std::string errors = ErrorsOf("a,b\n1,2,3\n4\n\"open,5\n");
  EXPECT_NE(errors.find("t.csv:2: expected 2 fields (as in the header), found 3"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("t.csv:3: expected 2 fields (as in the header), found 1"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("t.csv:4:1: expected a closing quote, found the end of the file"),
            std::string::npos)
      << errors;
}

TEST(CsvTest, RejectsStrayQuotesAndTextAfterClosingQuote) {
  EXPECT_NE(ErrorsOf("a\nab\"c\n").find("t.csv:2:3: expected no quote inside an unquoted field"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("a,b\n\"x\"y,1\n")
                .find("t.csv:2:4: expected a delimiter or line end after a "
                      "closing quote, found 'y'"),
            std::string::npos);
}

TEST(CsvTest, RejectsInvalidUtf8AtItsPosition) {
  const std::string errors = ErrorsOf("name\nLoos\nB\xE9thune\n");
  EXPECT_NE(errors.find("t.csv:3:2: expected UTF-8 text, found invalid byte 0xE9"),
            std::string::npos)
      << errors;
  EXPECT_TRUE(ParseCsv("name\nB\xC3\xA9thune\n", "t.csv").ok());  // the same in UTF-8
}

TEST(CsvTest, RejectsEnormousLinesWithoutKeepingThem) {
  CsvOptions options;
  options.max_line_bytes = 64;
  const std::string text = "a\n" + std::string(1000, 'x') + "\nok\n";
  EXPECT_NE(
      ErrorsOf(text, options).find("t.csv:2:1: expected a record of at most 64 bytes, found 1001"),
      std::string::npos);
}

TEST(CsvTest, RejectsDuplicateAndEmptyColumnNamesAndEmptyFile) {
  EXPECT_NE(ErrorsOf("a,a\n1,2\n").find("field 'a': column name appears more than once"),
            std::string::npos);
  EXPECT_NE(ErrorsOf("a,,c\n").find("t.csv:1:3: expected a column name"), std::string::npos);
  EXPECT_NE(ErrorsOf("").find("expected a header row, found an empty file"), std::string::npos);
}

TEST(CsvTest, TypedAccessorsConvertOrExplain) {
  CsvTable t = MustParse("id,pop,share,flag\nfr:62528,6649,0.5,yes\nx,6.6k,abc,maybe\ny,,1e-3,0\n");
  DiagnosticSink sink;
  EXPECT_EQ(t.Integer(0, 1, sink), 6649);
  EXPECT_DOUBLE_EQ(*t.Real(0, 2, sink), 0.5);
  EXPECT_EQ(t.Boolean(0, 3, sink), true);
  EXPECT_DOUBLE_EQ(*t.Real(2, 2, sink), 1e-3);
  EXPECT_EQ(t.Integer(2, 1, sink, /*required=*/false), std::nullopt);
  EXPECT_TRUE(sink.empty());
  EXPECT_EQ(t.Integer(1, 1, sink), std::nullopt);
  EXPECT_EQ(t.Real(1, 2, sink), std::nullopt);
  EXPECT_EQ(t.Boolean(1, 3, sink), std::nullopt);
  EXPECT_EQ(t.Integer(2, 1, sink), std::nullopt);
  const std::string errors = sink.ToStatus().ToString();
  EXPECT_NE(errors.find("t.csv:3:3: field 'pop': expected an integer, found '6.6k'"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("t.csv:3:8: field 'share': expected a number, found 'abc'"),
            std::string::npos)
      << errors;
  EXPECT_NE(
      errors.find("t.csv:3:12: field 'flag': expected true/false, yes/no or 1/0, found 'maybe'"),
      std::string::npos)
      << errors;
  EXPECT_NE(errors.find("t.csv:4:3: field 'pop': expected an integer, found an empty field"),
            std::string::npos)
      << errors;
}

TEST(CsvTest, RequireColumnNamesTheMissingColumn) {
  CsvTable t = MustParse("a,b\n1,2\n");
  DiagnosticSink sink;
  EXPECT_EQ(t.RequireColumn("b", sink), 1u);
  EXPECT_EQ(t.RequireColumn("outcome", sink), std::nullopt);
  EXPECT_EQ(
      sink.ToStatus().message(),
      "t.csv:1: field 'outcome': expected a column named 'outcome' in the header, found none");
}

TEST(CsvTest, EscapeRoundTrips) {
  const std::string tricky = "a \"quoted\", value\nwith newline";
  const std::string text = "h\n" + CsvEscape(tricky) + "\n";
  CsvTable t = MustParse(text);
  EXPECT_EQ(t.text(0, 0), tricky);
  EXPECT_EQ(CsvEscape("plain"), "plain");
}

TEST(CsvTest, MissingFileIsAnIoErrorNamingThePath) {
  auto t = ReadCsvFile("/nonexistent/dir/x.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kIoError);
  EXPECT_NE(t.status().message().find("/nonexistent/dir/x.csv"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::core
