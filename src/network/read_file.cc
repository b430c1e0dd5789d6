#include "network/read_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace duckweed::network::internal {

core::Status IoErrorFor(const std::filesystem::path& path, const std::string& what) {
  core::Location where;
  where.source = path.string();
  return core::Status::IoError(fmt::format("{}: {}", what, std::strerror(errno)), where);
}

}  // namespace duckweed::network::internal
