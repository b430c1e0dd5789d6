// Finding the npm place data (node_modules) and the commune table without asking the user for a
// path.
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

std::optional<fs::path> WalkUpToFile(fs::path dir, const fs::path& relative) {
  std::error_code error;
  for (int depth = 0; depth < 8 && !dir.empty(); ++depth) {
    if (fs::is_regular_file(dir / relative, error)) return dir / relative;
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

}  // namespace

core::Result<fs::path> FindCommuneTable(const std::string& flag) {
  if (flag == "none") return fs::path();
  std::error_code error;
  if (!flag.empty()) {
    if (!fs::is_regular_file(flag, error)) {
      return core::Status::NotFound(fmt::format("--communes '{}' is not a file", flag));
    }
    return fs::path(flag);
  }
  if (const char* env = std::getenv("DUCKWEED_COMMUNES"); env != nullptr && *env != '\0') {
    return fs::path(env);
  }
  const fs::path relative = fs::path("data") / "places" / "communes_fr_2024.csv";
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    if (auto found = WalkUpToFile(exe.parent_path(), relative)) return *found;
  }
  if (auto found = WalkUpToFile(fs::current_path(error), relative)) return *found;
  return core::Status::NotFound(
      "cannot find data/places/communes_fr_2024.csv (the commune table shipped with duckweed) "
      "near the executable or the working directory; pass --communes FILE, or --communes none "
      "to locate communes from GeoNames only");
}

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
