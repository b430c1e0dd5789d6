// Finding the npm place data (node_modules) without asking the user for a path.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "duckweed/store/places.h"

namespace duckweed::store {

namespace fs = std::filesystem;

namespace {

std::optional<fs::path> WalkUp(fs::path dir, std::string_view package) {
  std::error_code error;
  for (int depth = 0; depth < 8 && !dir.empty(); ++depth) {
    const fs::path candidate = dir / "node_modules";
    if (fs::exists(candidate / package, error)) return candidate;
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

}  // namespace

core::Result<fs::path> FindPlaceData(const std::string& from, std::string_view package) {
  if (!from.empty()) {
    std::error_code error;
    if (!fs::is_directory(from, error)) {
      return core::Status::NotFound(fmt::format("--from '{}' is not a folder", from));
    }
    return fs::path(from);
  }
  if (const char* env = std::getenv("DUCKWEED_NODE_MODULES"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    if (auto found = WalkUp(exe.parent_path(), package)) return *found;
  }
  if (auto found = WalkUp(fs::current_path(error), package)) return *found;
  return core::Status::NotFound(fmt::format(
      "cannot find node_modules/{} near the executable or the working directory; install it with "
      "tools/bootstrap.sh (npm ci in the repository) or pass --from DIR",
      package));
}

}  // namespace duckweed::store
