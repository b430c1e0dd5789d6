// An offline page of the dashboard (web/): one self-contained HTML file that shows the same page
// `duckweed serve` shows, drawn by the same code, with its data inlined instead of fetched.
//
// The dashboard's script and stylesheet are compiled into this library at build time (web/build.mjs
// --cc, from web/node_modules; no network). The page's data is a JSON object in
//   <script type="application/json" id="duckweed-data">
//   {"route": "/town/fr:62528", "api": {"/territories/fr:62528": {...}, ...}}
// where `route` is the dashboard address the page shows and `api` maps each API path (below
// /api/v1) to the body GET would answer; the script reads it instead of calling the server, and
// names a path it needs and does not find as not part of this report. Every '<' inside the data and
// the inlined code is escaped, so no text in the data can end the script block.
//
// Without a bundle (a build without node or web/node_modules), the page is static: the title, a
// sentence saying so, and the data block (HasDashboardBundle() tells which).
//
// Thread safety: pure functions; WriteOfflinePage writes through core::OutputFile (atomic).
#ifndef DUCKWEED_REPORT_PAGE_H_
#define DUCKWEED_REPORT_PAGE_H_

#include <filesystem>
#include <string>

#include "duckweed/core/status.h"

namespace duckweed::report {

struct OfflinePage {
  std::string title;     // the document's title (a town's name), escaped here
  std::string route;     // e.g. "/town/fr:62528", "/transfer/Loos-en-Gohelle"
  std::string api_json;  // a JSON object: API path -> response body (already serialised)
};

// True when this build compiled the dashboard's bundle in.
bool HasDashboardBundle();

std::string RenderOfflinePage(const OfflinePage& page);

// Creates `directory` if needed and writes `file_name` inside it atomically.
core::Status WriteOfflinePage(const OfflinePage& page, const std::filesystem::path& directory,
                              const std::string& file_name = "index.html");

}  // namespace duckweed::report

#endif  // DUCKWEED_REPORT_PAGE_H_
