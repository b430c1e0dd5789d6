// Allocations sized by the input, estimated and refused up front (issue 10): a command that would
// need more memory than this process can have exits 1 with the figure, instead of ending in
// std::bad_alloc (exit 3), SIGABRT inside a parallel region, or the OOM killer.
//
// The budget is 60% of the smaller of the address-space limit (`ulimit -v`, RLIMIT_AS) and the
// physical memory, leaving room for the program, its libraries, thread stacks and transient
// copies. DUCKWEED_MEMORY_BUDGET (bytes, or with a K/M/G suffix) overrides it, for tests and for
// users who know better. Estimates are approximations of the peak (named as "about").
//
// Thread safety: pure functions (the budget is read from the environment and the system).
#ifndef DUCKWEED_CORE_MEMORY_H_
#define DUCKWEED_CORE_MEMORY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "duckweed/core/status.h"

namespace duckweed::core {

// Bytes this process may plan to allocate (see above). At least 64 MB.
double MemoryBudgetBytes();

// "14 GB", "3.2 GB", "850 MB", "12 KB", "300 bytes" (decimal units, 2 significant digits).
std::string FormatBytes(double bytes);

// Whether `bytes` fits MemoryBudgetBytes().
bool FitsMemory(double bytes);

// "about X of memory, more than the Y this process can use": the figure part of the one message
// form, for diagnostics that name their cause themselves ("a map of N concepts ... would need ").
std::string MemoryNeedText(double bytes);

// Ok when `bytes` fits the budget; otherwise InvalidInput: "WHAT would need about X of memory,
// more than the Y this process can use; HINT". `bytes` may be huge or infinite (an overflow).
Status CheckMemory(double bytes, std::string_view what, std::string_view hint);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_MEMORY_H_
