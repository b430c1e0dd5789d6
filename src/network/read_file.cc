#include "network/read_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "network/big_vector.h"

namespace duckweed::network::internal {

core::Status IoErrorFor(const std::filesystem::path& path, const std::string& what) {
  core::Location where;
  where.source = path.string();
  return core::Status::IoError(fmt::format("{}: {}", what, std::strerror(errno)), where);
}

core::Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    core::Location where;
    where.source = path.string();
    return core::Status::IoError("expected a file, found a directory", where);
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return IoErrorFor(path, "cannot open for reading");
  std::string text;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 0) {
    text.reserve(size);
    AdviseHugePages(text.data(), text.capacity());
    text.resize(size);
    text.resize(std::fread(text.data(), 1, size, file.get()));
  }
  char chunk[1 << 16];  // the rest, for files that grew or report no size (pipes)
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) text.append(chunk, got);
  if (std::ferror(file.get())) return IoErrorFor(path, "read failed");
  return text;
}

}  // namespace duckweed::network::internal
