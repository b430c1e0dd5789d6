// Whole-file reading, and the one way every output file is written.
//
// OutputFile writes through to what the target path is, and never leaves anything half-written:
//   - a new path or a regular file: the bytes go to an unnamed temporary (Linux O_TMPFILE) in the
//     target's folder, linked under a temporary name and renamed over the target on Commit(), so a
//     crash or `kill -9` before Commit() leaves the target untouched and no temporary behind. Where
//     O_TMPFILE is unsupported, a named temporary `PATH.tmp-PID` is used instead (removed on
//     failure). An existing target keeps its permission bits.
//   - a symbolic link: resolved to its final target, which is replaced as above; the link stays a
//     link to the updated file.
//   - a FIFO, character device (/dev/null, a terminal) or socket: written to directly (opened
//     without truncation or creation), never replaced.
//   - a directory: IoError "is a directory; expected a file path".
// Older versions wrote `PATH.tmp-PID` temporaries that a `kill -9` could leave behind: opening an
// output removes those next to the target whose process no longer runs.
//
// Errors are IoError values naming the path and the system's reason (exit code 1).
// Thread safety: an OutputFile is used by one thread; distinct objects are independent.
#ifndef DUCKWEED_CORE_FILE_H_
#define DUCKWEED_CORE_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "duckweed/core/result.h"

namespace duckweed::core {

// The file's bytes, or IoError naming the path and the system's reason.
Result<std::string> ReadFile(const std::filesystem::path& path);

class OutputFile {
 public:
  // Prepares to write `path` as described above. Creates no directories. Opening a FIFO blocks
  // until a reader opens it, as a shell redirection does.
  static Result<OutputFile> Open(const std::filesystem::path& path);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&&) = delete;
  OutputFile(const OutputFile&) = delete;
  // Without a successful Commit(): discards the temporary; the target is untouched.
  ~OutputFile();

  // Appends bytes (buffered). Errors: IoError (disk full, reader gone).
  Status Write(std::string_view bytes);
  // Flushes, syncs a regular file to disk and moves it into place. Call once; afterwards the
  // object only owns nothing.
  Status Commit();

  const std::filesystem::path& path() const { return path_; }

 private:
  enum class Mode { kTmpFile, kNamedTemp, kDirect };
  OutputFile(std::filesystem::path path, std::filesystem::path target, Mode mode, int fd,
             std::filesystem::path named_temp);
  Status Flush();
  Status LinkIntoPlace();
  void Discard();

  std::filesystem::path path_;    // as given, for messages
  std::filesystem::path target_;  // the file replaced (symlinks resolved)
  Mode mode_;
  int fd_ = -1;
  std::filesystem::path named_temp_;  // kNamedTemp only
  std::string buffer_;
};

// Open + Write + Commit: replaces (or writes through to) `path` with `content`.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_FILE_H_
