// Timestamps as duckweed stores and prints them: ISO 8601 in UTC to the second
// ("2026-12-05T13:12:00Z"), the form of recipe, import, account, audit and job records.
//
// Thread safety: pure functions (gmtime_r).
#ifndef DUCKWEED_CORE_UTC_TIME_H_
#define DUCKWEED_CORE_UTC_TIME_H_

#include <ctime>
#include <string>

namespace duckweed::core {

// `t` as "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatUtc(std::time_t t);

// The current time in that form.
std::string UtcNow();

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_UTC_TIME_H_
