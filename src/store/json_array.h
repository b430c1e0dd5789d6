// Reading a JSON array of records one element at a time (imports of JSON files, issue 10 F8):
// nlohmann's parser callback hands over each top-level element once it is complete and discards
// it, so memory holds one record, not the document (2M observations in a few tens of MB).
//
// Diagnostics name the source: invalid UTF-8 at `source:line:column` ("expected UTF-8 text ..."),
// a syntax error at `source:line:column` ("invalid JSON: ..."), a number too large for a double
// ("invalid JSON: ... number overflow ..."), a document that is not an array at `source:1:1`
// ("expected a JSON array of objects, found object"). All are InvalidInput; an unreadable file is
// IoError. Elements already handed to `fn` before a syntax error stay handed: callers write inside
// a transaction that a failure rolls back.
// Thread safety: none needed (no shared state).
#ifndef DUCKWEED_STORE_JSON_ARRAY_H_
#define DUCKWEED_STORE_JSON_ARRAY_H_

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "duckweed/core/result.h"

namespace duckweed::store::internal {

// Called with each element of the top-level array and its 0-based index; an error it returns
// ends the reading and is returned as is.
using JsonElementFn = std::function<core::Status(const nlohmann::json& element, size_t index)>;

// Reads `text` (already in memory).
core::Status ForEachJsonElement(std::string_view text, const std::string& source,
                                const JsonElementFn& fn);

// Reads the file incrementally: one pass checks UTF-8 in 64 KB chunks, a second parses through
// a buffered stream. Memory: O(largest element + 1 MB), whatever the file's size.
core::Status ForEachJsonElementInFile(const std::filesystem::path& path, const std::string& source,
                                      const JsonElementFn& fn);

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_JSON_ARRAY_H_
