// Identifier canonicalisation for XMILE (OASIS XMILE 1.0, section 3.2.2): names compare
// case-insensitively, a run of spaces, underscores or newlines counts as one underscore, and
// surrounding double quotes are not part of the name.
//
// Thread safety: pure functions.
#ifndef DUCKWEED_SD_SD_NAMES_H_
#define DUCKWEED_SD_SD_NAMES_H_

#include <string>
#include <string_view>

namespace duckweed::sd {

// The canonical key of a display name or a reference: quotes removed, escape sequences `\"`, `\\`
// resolved, `\n` and whitespace runs turned into `_`, ASCII letters lowercased, leading and
// trailing separators dropped. "Teacup  Temperature", "teacup_temperature" and
// "\"Teacup Temperature\"" all map to "teacup_temperature". Linear in the input's length.
std::string CanonicalName(std::string_view name);

// The display form used in output headers: `\n` escapes, newlines and underscores become spaces
// (XMILE treats them alike; Stella writes "hares_killed\nper_lynx" for "hares killed per lynx"),
// runs of them collapse to one space.
std::string DisplayName(std::string_view name);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_NAMES_H_
