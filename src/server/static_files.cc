// The dashboard's files: a GET outside /api/ is a file under --static, or, for the dashboard's
// own addresses (/town/fr:62528, /source-code, ...: no file extension), its index.html. A path
// that leaves the folder ("..", plain or %-encoded, since httplib decodes the path first) is
// refused with 400, whatever follows.
#include <filesystem>

#include "duckweed/core/file.h"
#include "server/context.h"

namespace duckweed::server {
namespace {

namespace fs = std::filesystem;
using core::Status;

const char* ContentType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".geojson") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

// Every segment of `path` is a plain name: no "..", ".", empty-but-inner segment, backslash or
// NUL. `path` is the decoded request path.
bool SafeRelative(const std::string& path, fs::path& out) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  std::stringstream parts(path);
  std::string segment;
  out.clear();
  while (std::getline(parts, segment, '/')) {
    if (segment.empty()) continue;
    if (segment == ".." || segment == ".") return false;
    out /= segment;
  }
  return true;
}

bool SendFile(const fs::path& file, httplib::Response& res) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  auto body = core::ReadFile(file);
  if (!body.ok()) return false;
  res.set_content(std::move(body).value(), ContentType(file));
  return true;
}

}  // namespace

void AddStaticFiles(ServerContext& ctx) {
  ctx.http.Get(R"(/(?!api/).*|/)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    fs::path relative;
    if (!SafeRelative(req.path, relative)) {
      SendError(res,
                Status::InvalidInput("the path leaves the static folder", {"path", 0, 0, "path"}));
      return;
    }
    if (ctx.options.static_dir.empty()) {
      SendError(res, Status::NotFound("no static files (serve --static DIR)"));
      return;
    }
    const fs::path root = fs::path(ctx.options.static_dir);
    if (!relative.empty() && SendFile(root / relative, res)) return;
    // The dashboard's own addresses have no extension: its index.html routes them.
    if (relative.empty() || !relative.has_extension()) {
      if (SendFile(root / "index.html", res)) return;
    }
    SendError(res, Status::NotFound("no file " + req.path));
  });
}

}  // namespace duckweed::server
