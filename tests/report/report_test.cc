#include <gtest/gtest.h>

#include <filesystem>
#include <pugixml.hpp>

#include "duckweed/core/file.h"
#include "duckweed/report/html.h"
#include "duckweed/report/svg.h"

namespace duckweed::report {
namespace {

pugi::xml_document ParseXml(const std::string& text) {
  pugi::xml_document doc;
  const auto result = doc.load_string(text.c_str());
  EXPECT_TRUE(result) << result.description() << "\n" << text.substr(0, 400);
  return doc;
}

TEST(SvgTest, RadarPlacesValuesOnTheAxesAndMarksMissing) {
  ChartOptions o;
  o.width = 400;
  o.height = 400;  // centre (160, 220), radius min(112, 144) = 112
  const std::string svg =
      RadarChart({"energy", "mobility", "a<b"}, {{"2020", {1.0, 0.5, std::nullopt}}}, o);
  auto doc = ParseXml(svg);
  // First axis points up: value 1 at (160, 220 - 112).
  auto circle = doc.select_node("//circle").node();
  EXPECT_DOUBLE_EQ(circle.attribute("cx").as_double(), 160.0);
  EXPECT_DOUBLE_EQ(circle.attribute("cy").as_double(), 108.0);
  EXPECT_EQ(doc.select_nodes("//circle").size(), 2u);  // the missing value draws no point
  EXPECT_NE(svg.find("a&lt;b (n/a)"), std::string::npos);
  EXPECT_EQ(doc.select_nodes("//polygon[@fill-opacity]").size(), 0u);  // no closed shape
}

TEST(SvgTest, LineChartBreaksAtMissingValues) {
  ChartOptions o;
  o.y_min = 0;
  o.y_max = 1;
  const std::string svg =
      LineChart({"2001", "2006", "2011", "2016"}, {{"surplus", {0.1, 0.2, std::nullopt, 0.4}}}, o);
  auto doc = ParseXml(svg);
  EXPECT_EQ(doc.select_nodes("//polyline").size(), 2u);
  EXPECT_EQ(doc.select_nodes("//circle").size(), 3u);
}

TEST(SvgTest, BarChartWithIntervals) {
  ChartOptions o;
  o.y_min = 0;
  o.y_max = 5;  // plot from y=30 to y=270 (height 320 - 50)
  const std::string svg = BarChart({{"residents", 2.5, 2.0, 3.0}, {"elected", std::nullopt}}, o);
  auto doc = ParseXml(svg);
  auto rect = doc.select_node("//rect").node();
  EXPECT_DOUBLE_EQ(rect.attribute("y").as_double(), 150.0);
  EXPECT_DOUBLE_EQ(rect.attribute("height").as_double(), 120.0);
  EXPECT_NE(svg.find(">n/a<"), std::string::npos);
}

TEST(HtmlTest, WritesWellFormedFileAtomically) {
  HtmlReport report("Loos-en-Gohelle & co");
  report.AddHeading("Domains");
  report.AddTable({"domain", "2020"}, {{"energy", "0.5"}});
  report.AddFigure(BarChart({{"x", 1.0}}, {}), "a <figure>");
  const auto dir = std::filesystem::temp_directory_path() / "duckweed_report_test";
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(report.WriteTo(dir / "sub").ok());
  auto text = core::ReadFile(dir / "sub" / "index.html");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, report.Render());
  auto doc = ParseXml(text->substr(text->find("<html")));
  EXPECT_STREQ(doc.select_node("//*[local-name()='h1']").node().child_value(),
               "Loos-en-Gohelle & co");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "sub"))
    files += e.is_regular_file();
  EXPECT_EQ(files, 1u);  // no temporary left behind
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace duckweed::report
