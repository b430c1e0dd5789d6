// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
#ifndef DUCKWEED_CORE_UTF8_H_
#define DUCKWEED_CORE_UTF8_H_

#include <cstddef>
#include <string_view>

namespace duckweed::core {

// Length of the valid UTF-8 sequence starting at text[pos], or 0 when the bytes there are not
// valid UTF-8. REQUIRES: pos < text.size().
size_t Utf8SequenceLength(std::string_view text, size_t pos);

// True when the whole text is valid UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_UTF8_H_
