// Internal: the IoError of a failed read of a graph file.
#ifndef DUCKWEED_SRC_NETWORK_READ_FILE_H_
#define DUCKWEED_SRC_NETWORK_READ_FILE_H_

#include <filesystem>
#include <string>

#include "duckweed/core/result.h"

namespace duckweed::network::internal {

// IoError naming `path` with the system's reason for the last failure.
core::Status IoErrorFor(const std::filesystem::path& path, const std::string& what);

}  // namespace duckweed::network::internal

#endif  // DUCKWEED_SRC_NETWORK_READ_FILE_H_
