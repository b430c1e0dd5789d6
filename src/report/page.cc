#include "duckweed/report/page.h"

#include <fmt/format.h>

#include "duckweed/core/file.h"
#include "report/bundle.h"

namespace duckweed::report {
namespace {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A JSON string literal (the route).
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// In JSON a '<' can only stand inside a string, where \u003c means the same: no "</script"
// survives.
std::string EscapeJsonForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// "</" becomes "<\/" (the same text inside a JS string, template or regular expression, and in
// CSS), so inlined code cannot close its own element.
std::string EscapeClosingTags(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    out += code[i];
    if (code[i] == '<' && i + 1 < code.size() && code[i + 1] == '/') out += '\\';
  }
  return out;
}

}  // namespace

bool HasDashboardBundle() { return !internal::kBundleScript.empty(); }

std::string RenderOfflinePage(const OfflinePage& page) {
  const std::string data =
      EscapeJsonForScript(fmt::format("{{\"route\":{},\"api\":{}}}", JsonString(page.route),
                                      page.api_json.empty() ? "{}" : page.api_json));
  const std::string title = EscapeHtml(page.title);
  std::string head = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"duckweed\">\n<title>{}</title>\n",
      title);
  head += "<script type=\"application/json\" id=\"duckweed-data\">" + data + "</script>\n";
  if (!HasDashboardBundle()) {
    return head + fmt::format(
                      "</head>\n<body>\n<h1>{}</h1>\n<p>This build of duckweed has no dashboard "
                      "bundle (web/node_modules was missing when it was built), so this page "
                      "cannot draw its charts. Its data is in the block above.</p>\n"
                      "</body>\n</html>\n",
                      title);
  }
  head += "<style>\n" + EscapeClosingTags(internal::kBundleStyle) + "</style>\n";
  head += "<script type=\"module\">\n" + EscapeClosingTags(internal::kBundleScript) + "</script>\n";
  return head +
         "</head>\n<body data-offline=\"true\">\n"
         "<a class=\"skip\" href=\"#main\">Aller au contenu / Skip to content</a>\n"
         "<header class=\"top\"><span class=\"brand\">duckweed</span>"
         "<nav id=\"nav\" aria-label=\"Pages\"></nav>"
         "<button id=\"lang\" type=\"button\"></button></header>\n"
         "<main id=\"main\" tabindex=\"-1\"><noscript><h1>" +
         title +
         "</h1><p>This report draws its charts with JavaScript; its data is in the page's "
         "duckweed-data block.</p></noscript></main>\n</body>\n</html>\n";
}

core::Status WriteOfflinePage(const OfflinePage& page, const std::filesystem::path& directory,
                              const std::string& file_name) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    return core::Status::IoError(fmt::format("cannot create the directory: {}", ec.message()),
                                 {directory.string()});
  }
  return core::WriteFileAtomic(directory / file_name, RenderOfflinePage(page));
}

}  // namespace duckweed::report
