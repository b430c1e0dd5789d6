#include "duckweed/core/file.h"

#include <fmt/format.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

namespace duckweed::core {

namespace {

// Big buffers in 2 MB pages: one TLB entry where 4 KB pages need 512 (edge lists of gigabytes).
void AdviseHugePages(void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (bytes < 4 * kHuge) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

Status ReadError(const std::filesystem::path& path, const char* what) {
  return Status::IoError(fmt::format("{}: {}", what, std::strerror(errno)), {path.string()});
}

}  // namespace

// One fread into a buffer sized from the file (no stream copy), then whatever remains for files
// that grew or report no size (pipes, /proc).
Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError("expected a file, found a directory", {path.string()});
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) return ReadError(path, "cannot open for reading");
  std::string text;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 0) {
    text.reserve(size);
    AdviseHugePages(text.data(), text.capacity());
    text.resize(size);
    text.resize(std::fread(text.data(), 1, size, file.get()));
  }
  char chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) text.append(chunk, got);
  if (std::ferror(file.get())) return ReadError(path, "read failed");
  return text;
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content) {
  DUCKWEED_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Open(path));
  DUCKWEED_RETURN_IF_ERROR(out.Write(content));
  return out.Commit();
}

}  // namespace duckweed::core
