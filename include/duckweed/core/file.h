// Whole-file reading and atomic writing. Output files are never left half-written: WriteFileAtomic
// writes to a temporary name in the same directory, flushes, and renames over the target.
#ifndef DUCKWEED_CORE_FILE_H_
#define DUCKWEED_CORE_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "duckweed/core/result.h"

namespace duckweed::core {

// The file's bytes, or IoError naming the path and the system's reason.
Result<std::string> ReadFile(const std::filesystem::path& path);

// Replaces `path` with `content` atomically (temp file + rename). On failure the target is
// untouched and the temporary is removed. Creates no directories.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_FILE_H_
