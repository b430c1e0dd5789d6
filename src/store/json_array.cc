#include "store/json_array.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include "duckweed/core/json.h"
#include "duckweed/core/utf8.h"

namespace duckweed::store::internal {
namespace {

using core::Location;
using core::Status;
using Event = nlohmann::json::parse_event_t;

constexpr size_t kChunk = size_t{1} << 16;

// Thrown from the parser callback to end the parse; the reason is kept in the callback.
struct Stop {};

// Hands each complete top-level element to `fn` and discards it (returning false drops it from
// the array being built, which so stays empty).
class ElementCallback {
 public:
  explicit ElementCallback(const JsonElementFn& fn) : fn_(fn) {}

  bool operator()(int depth, Event event, nlohmann::json& parsed) {
    if (depth == 0 && (event == Event::object_start || event == Event::value)) {
      not_array_ = event == Event::object_start ? "object" : parsed.type_name();
      throw Stop{};
    }
    if (depth == 1 &&
        (event == Event::object_end || event == Event::array_end || event == Event::value)) {
      status_ = fn_(parsed, index_++);
      if (!status_.ok()) throw Stop{};
      return false;
    }
    return true;
  }

  // After a Stop: why.
  Status Reason(const std::string& source) const {
    if (!not_array_.empty()) {
      return Status::InvalidInput(
          fmt::format("expected a JSON array of objects, found {}", not_array_),
          Location{source, 1, 1, ""});
    }
    return status_;
  }

 private:
  const JsonElementFn& fn_;
  size_t index_ = 0;
  std::string not_array_;
  Status status_ = Status::Ok();
};

Status IoError(const std::filesystem::path& path, std::string_view what) {
  return Status::IoError(fmt::format("{}: {}", what, std::strerror(errno)), {path.string()});
}

// As core::LocationOfOffset, reading the file up to `offset`.
Location LocationInFile(const std::filesystem::path& path, size_t offset,
                        const std::string& source) {
  std::ifstream in(path, std::ios::binary);
  int line = 1;
  size_t line_start = 0, base = 0;
  std::string chunk(kChunk, '\0');
  while (base < offset && in.read(chunk.data(), kChunk).gcount() > 0) {
    const auto got = static_cast<size_t>(in.gcount());
    for (size_t i = 0; i < got && base + i < offset; ++i) {
      if (chunk[i] == '\n') {
        ++line;
        line_start = base + i + 1;
      }
    }
    base += got;
  }
  return Location{source, line, static_cast<int>(offset - line_start + 1), ""};
}

Status Utf8Error(Location where) {
  return Status::InvalidInput("expected UTF-8 text, found an invalid byte sequence",
                              std::move(where));
}

// The location of the first byte that is not valid UTF-8, or nullopt.
std::optional<size_t> FirstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = core::Utf8SequenceLength(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

// Checks the stream's UTF-8 in chunks; a sequence cut by a chunk's end is carried over.
Status CheckUtf8File(const std::filesystem::path& path, const std::string& source) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError("expected a file, found a directory", {path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path, "cannot open for reading");
  std::string buffer;
  std::string chunk(kChunk, '\0');
  size_t base = 0;  // file offset of buffer[0]
  while (true) {
    in.read(chunk.data(), kChunk);
    const auto got = static_cast<size_t>(in.gcount());
    const bool end = got == 0;
    buffer.append(chunk.data(), got);
    // Unless at the end, keep the last 3 bytes: they may start a sequence the next chunk ends.
    const size_t checked = end ? buffer.size() : (buffer.size() > 3 ? buffer.size() - 3 : 0);
    size_t i = 0;
    while (i < checked) {
      if (static_cast<unsigned char>(buffer[i]) < 0x80) {
        ++i;
        continue;
      }
      const size_t n = core::Utf8SequenceLength(buffer, i);
      if (n == 0) return Utf8Error(LocationInFile(path, base + i, source));
      i += n;
    }
    buffer.erase(0, i);
    base += i;
    if (end) break;
  }
  if (in.bad()) return Status::IoError("read failed", {path.string()});
  return Status::Ok();
}

// Parses `input` (text or stream) with the callback. `locate` maps a byte offset to a location.
template <typename Input, typename Locate>
Status Parse(Input&& input, const std::string& source, const JsonElementFn& fn, Locate locate) {
  ElementCallback callback(fn);
  try {
    // The elements go to the callback; what parse returns is the discarded remainder.
    [[maybe_unused]] const nlohmann::json rest =
        nlohmann::json::parse(std::forward<Input>(input), std::ref(callback), true);
  } catch (const Stop&) {
    return callback.Reason(source);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidInput(fmt::format("invalid JSON: {}", e.what()),
                                locate(e.byte > 0 ? e.byte - 1 : 0));
  } catch (const nlohmann::json::out_of_range& e) {  // a number too large for a double
    return Status::InvalidInput(fmt::format("invalid JSON: {}", e.what()), {source, 0, 0, ""});
  }
  return Status::Ok();
}

}  // namespace

Status ForEachJsonElement(std::string_view text, const std::string& source,
                          const JsonElementFn& fn) {
  if (auto bad = FirstInvalidUtf8(text))
    return Utf8Error(core::LocationOfOffset(text, *bad, source));
  return Parse(text, source, fn,
               [&](size_t offset) { return core::LocationOfOffset(text, offset, source); });
}

Status ForEachJsonElementInFile(const std::filesystem::path& path, const std::string& source,
                                const JsonElementFn& fn) {
  DUCKWEED_RETURN_IF_ERROR(CheckUtf8File(path, source));
  std::ifstream in;
  std::string buffer(size_t{1} << 20, '\0');
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  in.open(path, std::ios::binary);
  if (!in) return IoError(path, "cannot open for reading");
  return Parse(in, source, fn, [&](size_t offset) { return LocationInFile(path, offset, source); });
}

}  // namespace duckweed::store::internal
