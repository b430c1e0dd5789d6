#include "duckweed/core/file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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
  const std::filesystem::path tmp =
      path.string() + fmt::format(".tmp-{}", static_cast<long>(::getpid()));
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return Status::IoError(fmt::format("cannot open for writing: {}", std::strerror(errno)),
                           {path.string()});
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  std::error_code ec;
  if (!written || !flushed || !closed) {
    std::filesystem::remove(tmp, ec);
    return Status::IoError("write failed (disk full?)", {path.string()});
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    const std::string reason = ec.message();  // before remove() overwrites ec
    std::filesystem::remove(tmp, ec);
    return Status::IoError(fmt::format("cannot rename into place: {}", reason), {path.string()});
  }
  return Status::Ok();
}

}  // namespace duckweed::core
