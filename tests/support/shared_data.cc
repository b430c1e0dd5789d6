#include "shared_data.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace duckweed::testing {

std::optional<std::filesystem::path> SharedDataDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("DUCKWEED_SHARED_DATA"); env != nullptr && *env != '\0') {
    if (fs::is_directory(env, ec)) return fs::path(env);
  }
  const fs::path fallback = fs::path(DUCKWEED_SOURCE_DIR) / ".." / "shared" / "data";
  if (fs::is_directory(fallback, ec)) return fallback;
  return std::nullopt;
}

std::optional<std::filesystem::path> SharedDataFile(const std::string& relative) {
  auto dir = SharedDataDir();
  if (!dir) {
    std::cerr << "\n*** REFERENCE DATA FOLDER ../shared/data IS ABSENT: tests that need it are "
                 "SKIPPED ***\n";
    return std::nullopt;
  }
  auto path = *dir / relative;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::cerr << "\n*** REFERENCE FILE ABSENT: " << path << " ***\n";
    return std::nullopt;
  }
  return path;
}

std::string ReadFileOrFail(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace duckweed::testing
