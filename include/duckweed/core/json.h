// JSON reading with located errors: the one way duckweed turns JSON text into a document.
//
// Every failure is InvalidInput "invalid JSON: <reason>" located at source:line:column of the
// offending byte: malformed text, a number too large for a double, or nesting deeper than
// `max_depth` arrays and objects (refused before parsing, so hostile input cannot exhaust the stack
// of whatever walks the document recursively afterwards).
//
// Thread safety: pure functions.
#ifndef DUCKWEED_CORE_JSON_H_
#define DUCKWEED_CORE_JSON_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::core {

inline constexpr int kDefaultJsonMaxDepth = 256;

Result<nlohmann::json> ParseJson(std::string_view text, const std::string& source,
                                 int max_depth = kDefaultJsonMaxDepth);
// The same, keeping members in document order.
Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text, const std::string& source,
                                                int max_depth = kDefaultJsonMaxDepth);

// source:line:column of byte `offset` of `text` (1-based line and column, in bytes).
Location LocationOfOffset(std::string_view text, size_t offset, const std::string& source);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_JSON_H_
