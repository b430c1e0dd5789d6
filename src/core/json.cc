#include "duckweed/core/json.h"

#include <fmt/format.h>

namespace duckweed::core {

Location LocationOfOffset(std::string_view text, size_t offset, const std::string& source) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Location{source, line, static_cast<int>(offset - line_start + 1), ""};
}

namespace {

// The offset of the first bracket that opens level max_depth + 1, outside strings; npos if none.
size_t TooDeepAt(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

template <typename Json>
Result<Json> Parse(std::string_view text, const std::string& source, int max_depth) {
  if (const size_t at = TooDeepAt(text, max_depth); at != std::string_view::npos) {
    return Status::InvalidInput(
        fmt::format("invalid JSON: nested deeper than {} arrays and objects", max_depth),
        LocationOfOffset(text, at, source));
  }
  try {
    return Json::parse(text);
  } catch (const typename Json::parse_error& e) {
    return Status::InvalidInput(fmt::format("invalid JSON: {}", e.what()),
                                LocationOfOffset(text, e.byte > 0 ? e.byte - 1 : 0, source));
  } catch (const typename Json::exception& e) {  // out_of_range: a number too large for a double
    return Status::InvalidInput(fmt::format("invalid JSON: {}", e.what()), Location{source});
  }
}

}  // namespace

Result<nlohmann::json> ParseJson(std::string_view text, const std::string& source, int max_depth) {
  return Parse<nlohmann::json>(text, source, max_depth);
}

Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text, const std::string& source,
                                                int max_depth) {
  return Parse<nlohmann::ordered_json>(text, source, max_depth);
}

}  // namespace duckweed::core
