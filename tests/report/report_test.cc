#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "duckweed/core/file.h"
#include "duckweed/report/page.h"

namespace duckweed::report {
namespace {

// The text of the element that starts with `open`, up to the next "</script>".
std::string Block(const std::string& html, const std::string& open) {
  const size_t start = html.find(open);
  if (start == std::string::npos) return "";
  const size_t from = start + open.size();
  return html.substr(from, html.find("</script>", from) - from);
}

const char* kDataOpen = "<script type=\"application/json\" id=\"duckweed-data\">";

TEST(OfflinePageTest, DataRoundTripsAndNoTextEndsTheBlock) {
  const nlohmann::json api = {
      {"/territories/fr:62528",
       {{"territory",
         {{"id", "fr:62528"}, {"name", "Loos-en-Gohelle </script><script>x()</script>"}}},
        {"observations", {{{"indicator", "farm_holdings"}, {"year", 2020}, {"value", 7.5}}}}}}};
  const std::string html = RenderOfflinePage({"Loos <&>", "/town/fr:62528", api.dump()});
  const auto data = nlohmann::json::parse(Block(html, kDataOpen));
  EXPECT_EQ(data["route"], "/town/fr:62528");
  EXPECT_EQ(data["api"], api);  // the same values, the '<' escaped as \u003c
  EXPECT_EQ(data["api"]["/territories/fr:62528"]["observations"][0]["value"], 7.5);
  // The data's "</script>" did not end the block: exactly the page's own script elements close.
  size_t closes = 0;
  for (size_t at = html.find("</script>"); at != std::string::npos;
       at = html.find("</script>", at + 1))
    ++closes;
  EXPECT_EQ(closes, HasDashboardBundle() ? 2u : 1u);
  EXPECT_NE(html.find("<title>Loos &lt;&amp;&gt;</title>"), std::string::npos);
}

TEST(OfflinePageTest, InlinesTheDashboardBundle) {
  if (!HasDashboardBundle()) GTEST_SKIP() << "this build has no web/node_modules: no bundle";
  const std::string html = RenderOfflinePage({"t", "/transfer/x", "{}"});
  const std::string script = Block(html, "<script type=\"module\">\n");
  // The dashboard's own code (its offline branch reads the data block) with its stylesheet.
  EXPECT_NE(script.find("duckweed-data"), std::string::npos);
  EXPECT_GT(script.size(), 100000u);  // Chart.js and d3-geo are in it: nothing is fetched
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("src=\""), std::string::npos);
  EXPECT_EQ(html.find("href=\"/assets"), std::string::npos);
}

TEST(OfflinePageTest, WritesAtomicallyIntoANewDirectory) {
  const auto dir = std::filesystem::temp_directory_path() / "duckweed_report_page_test";
  std::filesystem::remove_all(dir);
  const OfflinePage page{"Loos-en-Gohelle", "/town/fr:62528", R"({"/x":{"a":1}})"};
  ASSERT_TRUE(WriteOfflinePage(page, dir / "sub").ok());
  auto text = core::ReadFile(dir / "sub" / "index.html");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, RenderOfflinePage(page));
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "sub"))
    files += e.is_regular_file();
  EXPECT_EQ(files, 1u);  // no temporary left behind
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace duckweed::report
