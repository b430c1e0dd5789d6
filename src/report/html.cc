#include "duckweed/report/html.h"

#include <fmt/format.h>

#include <algorithm>

#include "duckweed/core/file.h"
#include "duckweed/report/svg.h"

namespace duckweed::report {

HtmlReport::HtmlReport(std::string title) : title_(std::move(title)) {}

void HtmlReport::AddHeading(const std::string& text, int level) {
  body_ += fmt::format("<h{0}>{1}</h{0}>\n", std::clamp(level, 1, 4), EscapeXml(text));
}

void HtmlReport::AddParagraph(const std::string& text) {
  body_ += "<p>" + EscapeXml(text) + "</p>\n";
}

void HtmlReport::AddNote(const std::string& text) {
  body_ += "<p class=\"note\">" + EscapeXml(text) + "</p>\n";
}

void HtmlReport::AddTable(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows) {
  body_ += "<table>\n<tr>";
  for (const auto& h : header) body_ += "<th>" + EscapeXml(h) + "</th>";
  body_ += "</tr>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (const auto& cell : row) body_ += "<td>" + EscapeXml(cell) + "</td>";
    body_ += "</tr>\n";
  }
  body_ += "</table>\n";
}

void HtmlReport::AddFigure(const std::string& svg, const std::string& caption) {
  body_ += "<figure>" + svg + "<figcaption>" + EscapeXml(caption) + "</figcaption></figure>\n";
}

std::string HtmlReport::Render() const {
  return fmt::format(
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n<title>{0}</title>\n<style>\n"
      "body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}}\n"
      "table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:.2em "
      ".6em;text-align:right}}th{{background:#f3f3f3}}td:first-child{{text-align:left}}\n"
      "figure{{margin:1em 0}}figcaption{{color:#555;font-size:.9em}}.note{{color:#666;"
      "font-size:.9em}}\n</style>\n</head>\n<body>\n<h1>{0}</h1>\n{1}</body>\n</html>\n",
      EscapeXml(title_), body_);
}

core::Status HtmlReport::WriteTo(const std::filesystem::path& directory,
                                 const std::string& file_name) const {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    return core::Status::IoError(fmt::format("cannot create the directory: {}", ec.message()),
                                 {directory.string()});
  }
  return core::WriteFileAtomic(directory / file_name, Render());
}

}  // namespace duckweed::report
