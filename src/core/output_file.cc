// OutputFile: write-through output (see file.h). The temporary is unnamed (O_TMPFILE) until its
// bytes are on disk, then linked under `TARGET.tmp-PID` and renamed over the target.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "duckweed/core/file.h"

namespace duckweed::core {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBufferBytes = size_t{1} << 20;

Status Error(const fs::path& path, std::string_view what, int error) {
  return Status::IoError(fmt::format("{}: {}", what, std::strerror(error)), {path.string()});
}

fs::path TempNameFor(const fs::path& target) {
  return target.string() + fmt::format(".tmp-{}", static_cast<long>(::getpid()));
}

// Follows a chain of symbolic links to the path it ends at (which may not exist yet).
Result<fs::path> ResolveLinks(const fs::path& path) {
  fs::path current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
    std::error_code ec;
    const fs::path next = fs::read_symlink(current, ec);
    if (ec) return Error(path, "cannot read the symbolic link", ec.value());
    current = next.is_absolute() ? next : current.parent_path() / next;
  }
  return Error(path, "cannot resolve the symbolic link", ELOOP);
}

// Removes `TARGET.tmp-PID` files next to `target` left by processes that no longer run.
void RemoveStaleTemporaries(const fs::path& target) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    long pid = 0;
    const char* first = name.data() + prefix.size();
    const char* last = name.data() + name.size();
    auto [end_ptr, err] = std::from_chars(first, last, pid);
    if (err != std::errc() || end_ptr != last || pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    std::error_code ignored;
    if (it->is_regular_file(ignored)) fs::remove(it->path(), ignored);
  }
}

Result<int> ConnectSocket(const fs::path& path, const fs::path& shown) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.native().size() >= sizeof addr.sun_path) {
    return Error(shown, "cannot connect to the socket", ENAMETOOLONG);
  }
  std::memcpy(addr.sun_path, path.c_str(), path.native().size());
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error(shown, "cannot create a socket", errno);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const int error = errno;
    ::close(fd);
    return Error(shown, "cannot connect to the socket", error);
  }
  return fd;
}

// write(2) until done. SIGPIPE is held back so that a reader that went away is an EPIPE error
// rather than the end of the process.
int WriteAll(int fd, std::string_view bytes) {
  sigset_t pipe_only, old_mask;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_only, &old_mask);
  int error = 0;
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : EIO;
      break;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (error == EPIPE && !sigismember(&old_mask, SIGPIPE)) {
    const timespec zero{0, 0};
    while (::sigtimedwait(&pipe_only, nullptr, &zero) == SIGPIPE) {
    }
  }
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  return error;
}

}  // namespace

OutputFile::OutputFile(fs::path path, fs::path target, Mode mode, int fd, fs::path named_temp)
    : path_(std::move(path)),
      target_(std::move(target)),
      mode_(mode),
      fd_(fd),
      named_temp_(std::move(named_temp)) {}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : path_(std::move(other.path_)),
      target_(std::move(other.target_)),
      mode_(other.mode_),
      fd_(other.fd_),
      named_temp_(std::move(other.named_temp_)),
      buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
  other.named_temp_.clear();
}

OutputFile::~OutputFile() { Discard(); }

void OutputFile::Discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!named_temp_.empty()) ::unlink(named_temp_.c_str());
  named_temp_.clear();
}

Result<OutputFile> OutputFile::Open(const fs::path& path) {
  DUCKWEED_ASSIGN_OR_RETURN(fs::path target, ResolveLinks(path));
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return Error(path, "cannot open for writing", errno);
  if (exists && S_ISDIR(st.st_mode)) {
    return Status::IoError("is a directory; expected a file path", {path.string()});
  }
  if (exists && S_ISBLK(st.st_mode)) {
    return Status::IoError("is a block device; expected a file path", {path.string()});
  }
  if (exists && S_ISSOCK(st.st_mode)) {
    DUCKWEED_ASSIGN_OR_RETURN(int fd, ConnectSocket(target, path));
    return OutputFile(path, target, Mode::kDirect, fd, {});
  }
  if (exists && !S_ISREG(st.st_mode)) {  // FIFO or character device: write through
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return Error(path, "cannot open for writing", errno);
    return OutputFile(path, target, Mode::kDirect, fd, {});
  }
  RemoveStaleTemporaries(target);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const mode_t mode = exists ? (st.st_mode & 07777) : 0666;
  int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
  if (fd >= 0) {
    if (exists) (void)::fchmod(fd, mode);
    return OutputFile(path, target, Mode::kTmpFile, fd, {});
  }
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
    return Error(path, "cannot open for writing", errno);
  }
  const fs::path temp = TempNameFor(target);
  ::unlink(temp.c_str());  // our own pid's leftover, if any
  fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Error(path, "cannot open for writing", errno);
  if (exists) (void)::fchmod(fd, mode);
  return OutputFile(path, target, Mode::kNamedTemp, fd, temp);
}

Status OutputFile::Flush() {
  if (buffer_.empty()) return Status::Ok();
  const int error = WriteAll(fd_, buffer_);
  buffer_.clear();
  if (error != 0) return Error(path_, "write failed", error);
  return Status::Ok();
}

Status OutputFile::Write(std::string_view bytes) {
  if (fd_ < 0) return Status::IoError("write after commit or failure", {path_.string()});
  if (buffer_.size() + bytes.size() <= kBufferBytes) {
    buffer_.append(bytes);
    return Status::Ok();
  }
  Status status = Flush();
  if (status.ok() && bytes.size() > kBufferBytes) {
    const int error = WriteAll(fd_, bytes);
    if (error != 0) status = Error(path_, "write failed", error);
  } else if (status.ok()) {
    buffer_.append(bytes);
  }
  if (!status.ok()) Discard();
  return status;
}

Status OutputFile::LinkIntoPlace() {
  const fs::path temp = TempNameFor(target_);
  if (mode_ == Mode::kTmpFile) {
    ::unlink(temp.c_str());
    const std::string proc = fmt::format("/proc/self/fd/{}", fd_);
    if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) != 0 &&
        ::linkat(fd_, "", AT_FDCWD, temp.c_str(), AT_EMPTY_PATH) != 0) {
      return Error(path_, "cannot link the written file into place", errno);
    }
    named_temp_ = temp;  // from here on, Discard() removes it
  }
  if (::rename(named_temp_.c_str(), target_.c_str()) != 0) {
    return Error(path_, "cannot rename into place", errno);
  }
  named_temp_.clear();
  return Status::Ok();
}

Status OutputFile::Commit() {
  if (fd_ < 0) return Status::IoError("write after commit or failure", {path_.string()});
  Status status = Flush();
  if (status.ok() && mode_ != Mode::kDirect && ::fsync(fd_) != 0) {
    status = Error(path_, "write failed", errno);
  }
  if (status.ok() && mode_ != Mode::kDirect) status = LinkIntoPlace();
  if (status.ok()) {
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0 && mode_ == Mode::kDirect) status = Error(path_, "write failed", errno);
  }
  Discard();
  return status;
}

}  // namespace duckweed::core
