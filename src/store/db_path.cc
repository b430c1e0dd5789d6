#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "duckweed/store/store.h"

namespace duckweed::store {

core::Result<std::string> ResolveDbPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("DUCKWEED_DB"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    return core::Status::Usage("no database path: pass --db PATH or set DUCKWEED_DB or HOME");
  }
  const std::filesystem::path dir = base / "duckweed";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return core::Status::IoError(
        fmt::format("cannot create data directory '{}': {}", dir.string(), error.message()));
  }
  return (dir / "duckweed.db").string();
}

}  // namespace duckweed::store
