// An offline HTML report: headings, paragraphs, tables and inline SVG charts in one file with
// its own small stylesheet (no scripts, no network). The output is XHTML-compatible, so it is
// also well-formed XML. Written through core::OutputFile
// (atomic; links and FIFOs written through).
//
// Thread safety: an HtmlReport is not shared between threads while being built.
#ifndef DUCKWEED_REPORT_HTML_H_
#define DUCKWEED_REPORT_HTML_H_

#include <filesystem>
#include <string>
#include <vector>

#include "duckweed/core/status.h"

namespace duckweed::report {

class HtmlReport {
 public:
  explicit HtmlReport(std::string title);
  // Text arguments are escaped; `svg` is inserted as is (from svg.h).
  void AddHeading(const std::string& text, int level = 2);
  void AddParagraph(const std::string& text);
  void AddNote(const std::string& text);  // a muted paragraph (sources, caveats)
  void AddTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);
  void AddFigure(const std::string& svg, const std::string& caption);

  std::string Render() const;
  // Creates `directory` if needed and writes `file_name` inside it atomically.
  core::Status WriteTo(const std::filesystem::path& directory,
                       const std::string& file_name = "index.html") const;

 private:
  std::string title_;
  std::string body_;
};

}  // namespace duckweed::report

#endif  // DUCKWEED_REPORT_HTML_H_
