#include "duckweed/core/file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace duckweed::core {

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError("expected a file, found a directory", {path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IoError(fmt::format("cannot open for reading: {}", std::strerror(errno)),
                           {path.string()});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError("read failed", {path.string()});
  return std::move(buffer).str();
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content) {
  DUCKWEED_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Open(path));
  DUCKWEED_RETURN_IF_ERROR(out.Write(content));
  return out.Commit();
}

}  // namespace duckweed::core
