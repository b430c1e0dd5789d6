// CsvReader: ParseCsv's record parser driven one record at a time over a mapped file.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/csv_record_parser.h"
#include "duckweed/core/csv.h"

namespace duckweed::core {
namespace {

constexpr size_t kReleaseEveryBytes = size_t{16} << 20;

}  // namespace

// A read-only mapping of a whole file, unmapped on destruction.
struct CsvReader::Mapping {
  void* base = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (base != nullptr) ::munmap(base, size);
  }
};

CsvReader::CsvReader(std::unique_ptr<Mapping> mapping, std::string_view text,
                     std::string source_name, const CsvOptions& options)
    : mapping_(std::move(mapping)), options_(options), sink_(options.max_diagnostics) {
  row_.source_ = std::move(source_name);
  parser_ = std::make_unique<internal::CsvRecordParser>(text, row_.source_, options_, &sink_);
  std::vector<CsvField> first;
  if (!parser_->Next(first)) {
    if (options_.has_header) {
      sink_.Add({row_.source_, 1, 1, ""}, "expected a header row, found an empty file");
    }
    return;
  }
  if (options_.has_header) {
    internal::CheckHeader(first, row_.source_, sink_);
    for (CsvField& f : first) row_.header_.push_back(std::move(f.text));
    return;
  }
  for (size_t i = 0; i < first.size(); ++i) row_.header_.push_back(std::to_string(i + 1));
  pending_first_ = std::move(first);
}

CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::OpenFile(const std::filesystem::path& path,
                                                       const CsvOptions& options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError(fmt::format("cannot open for reading: {}", std::strerror(errno)),
                           {path.string()});
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IoError("expected a file, found a directory", {path.string()});
  }
  auto mapping = std::make_unique<Mapping>();
  if (st.st_size > 0) {
    mapping->size = static_cast<size_t>(st.st_size);
    mapping->base = ::mmap(nullptr, mapping->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping->base == MAP_FAILED) {
      const int error = errno;
      mapping->base = nullptr;
      ::close(fd);
      return Status::IoError(fmt::format("cannot read: {}", std::strerror(error)), {path.string()});
    }
    ::madvise(mapping->base, mapping->size, MADV_SEQUENTIAL);
  }
  ::close(fd);
  const std::string_view text(static_cast<const char*>(mapping->base), mapping->size);
  return std::unique_ptr<CsvReader>(
      new CsvReader(std::move(mapping), text, path.string(), options));
}

std::unique_ptr<CsvReader> CsvReader::FromText(std::string_view text, std::string source_name,
                                               const CsvOptions& options) {
  return std::unique_ptr<CsvReader>(new CsvReader(nullptr, text, std::move(source_name), options));
}

bool CsvReader::Next() {
  row_.rows_.resize(1);
  std::vector<CsvField>& fields = row_.rows_[0];
  while (true) {
    if (!pending_first_.empty()) {
      fields = std::move(pending_first_);
      pending_first_.clear();
    } else if (!parser_->Next(fields)) {
      row_.rows_.clear();
      return false;
    }
    ReleaseParsedPages();
    if (fields.size() == row_.header_.size()) return true;
    internal::CheckWidth(fields, row_.header_.size(), row_.source_, sink_);
  }
}

// Hands the mapped pages already parsed back to the system (they are re-read from the file if
// ever touched again), so the resident size does not grow with the file.
void CsvReader::ReleaseParsedPages() {
  if (!mapping_ || mapping_->base == nullptr) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t upto = parser_->position() / page * page;
  if (upto < released_ + kReleaseEveryBytes) return;
  ::madvise(static_cast<char*>(mapping_->base) + released_, upto - released_, MADV_DONTNEED);
  released_ = upto;
}

}  // namespace duckweed::core
