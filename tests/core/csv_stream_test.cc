// Formula-injection neutralisation (issue 10, F9), NUL bytes, and the streaming CsvReader.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"

namespace duckweed::core {
namespace {

TEST(CsvNeutraliseTest, PrefixesTextThatASpreadsheetWouldExecute) {
  EXPECT_EQ(NeutraliseCsvCell("=1+2"), "'=1+2");
  EXPECT_EQ(NeutraliseCsvCell("+33 cmd"), "'+33 cmd");
  EXPECT_EQ(NeutraliseCsvCell("-x"), "'-x");
  EXPECT_EQ(NeutraliseCsvCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseCsvCell("\tx"), "'\tx");
  EXPECT_EQ(NeutraliseCsvCell("\rx"), "'\rx");
  EXPECT_EQ(NeutraliseCsvCell("'=x"), "''=x");  // an author's own apostrophe survives
}

TEST(CsvNeutraliseTest, LeavesNumbersAndOrdinaryTextAlone) {
  for (const char* same : {"-3.5", "+2", "-1e-9", "-Inf", "Loos", "", "'", "'plain", "a=b", "-"}) {
    const std::string expected = std::string(same) == "-" ? "'-" : same;
    EXPECT_EQ(NeutraliseCsvCell(same), expected) << same;
  }
}

TEST(CsvNeutraliseTest, RestoreInvertsNeutraliseForEveryShape) {
  const std::vector<std::string> texts = {"=1", "''=1", "'", "'-3", "-3",    "@",
                                          "x",  "'x",   "+", "\t",  "'''@a", ""};
  for (const std::string& t : texts) {
    EXPECT_EQ(RestoreCsvCell(NeutraliseCsvCell(t)), t) << t;
  }
}

TEST(CsvNeutraliseTest, EscapeNeutralisesThenQuotesAndParseRestores) {
  const std::string cell = CsvEscape("=HYPERLINK(\"u\",\"x\")");
  EXPECT_EQ(cell, "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
  auto table = ParseCsv("a,b\n" + cell + ",'-x\n", "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->text(0, 0), "=HYPERLINK(\"u\",\"x\")");
  EXPECT_EQ(table->text(0, 1), "-x");
}

TEST(CsvNulTest, NulByteIsRefusedAtItsLocation) {
  auto table = ParseCsv(std::string("id,name\n1,Lo\0os\n", 16), "t.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().ToString().find("t.csv:2:5: expected text, found a NUL byte"),
            std::string::npos)
      << table.status().ToString();
}

TEST(CsvReaderTest, StreamsTheSameRowsAsParseCsvFromAFile) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("duckweed_csv_reader_" + std::to_string(::getpid()) + ".csv");
  std::string text = "id,value\n";
  for (int i = 0; i < 50000; ++i) text += std::to_string(i) + ",\"v\n" + std::to_string(i) + "\"\n";
  { std::ofstream(path, std::ios::binary) << text; }
  auto reader = CsvReader::OpenFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_EQ((*reader)->header(), (std::vector<std::string>{"id", "value"}));
  int rows = 0;
  while ((*reader)->Next()) {
    const CsvTable& row = (*reader)->row();
    ASSERT_EQ(row.text(0, 0), std::to_string(rows));
    ASSERT_EQ(row.text(0, 1), "v\n" + std::to_string(rows));
    ASSERT_EQ(row.row_line(0), 2 + 2 * rows);  // each record spans two lines
    ++rows;
  }
  EXPECT_EQ(rows, 50000);
  EXPECT_TRUE((*reader)->sink().empty());
  std::filesystem::remove(path);
}

TEST(CsvReaderTest, ReportsWrongWidthsAndSkipsThoseRows) {
  auto reader = CsvReader::FromText("a,b\n1,2\n3\n4,5\n", "t.csv");
  std::vector<std::string> firsts;
  while (reader->Next()) firsts.push_back(reader->row().text(0, 0));
  EXPECT_EQ(firsts, (std::vector<std::string>{"1", "4"}));
  EXPECT_NE(reader->sink().ToStatus().ToString().find(
                "t.csv:3: expected 2 fields (as in the header), found 1"),
            std::string::npos)
      << reader->sink().ToStatus().ToString();
}

TEST(CsvReaderTest, EmptyFileAndDirectoryAreReported) {
  auto empty = CsvReader::FromText("", "e.csv");
  EXPECT_FALSE(empty->Next());
  EXPECT_NE(empty->sink().ToStatus().ToString().find("expected a header row"), std::string::npos);
  auto dir = CsvReader::OpenFile(std::filesystem::temp_directory_path());
  ASSERT_FALSE(dir.ok());
  EXPECT_EQ(dir.status().code(), Code::kIoError);
}

}  // namespace
}  // namespace duckweed::core
