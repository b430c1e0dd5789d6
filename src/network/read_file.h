// Internal: whole-file reading with one fread (core::ReadFile goes through a stream and copies).
#ifndef DUCKWEED_SRC_NETWORK_READ_FILE_H_
#define DUCKWEED_SRC_NETWORK_READ_FILE_H_

#include <filesystem>
#include <string>

#include "duckweed/core/result.h"

namespace duckweed::network::internal {

core::Result<std::string> ReadWholeFile(const std::filesystem::path& path);

// IoError naming `path` with the system's reason for the last failure.
core::Status IoErrorFor(const std::filesystem::path& path, const std::string& what);

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_READ_FILE_H_
