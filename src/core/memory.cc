#include "duckweed/core/memory.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace duckweed::core {
namespace {

constexpr double kFloor = 64e6;

// DUCKWEED_MEMORY_BUDGET as bytes; 0 when unset or malformed.
double BudgetFromEnvironment() {
  const char* text = std::getenv("DUCKWEED_MEMORY_BUDGET");
  if (text == nullptr || *text == '\0') return 0;
  char* end = nullptr;
  double value = std::strtod(text, &end);
  if (end == text || !std::isfinite(value) || value <= 0) return 0;
  switch (*end) {
    case 'K':
    case 'k':
      value *= 1e3;
      ++end;
      break;
    case 'M':
    case 'm':
      value *= 1e6;
      ++end;
      break;
    case 'G':
    case 'g':
      value *= 1e9;
      ++end;
      break;
    default:
      break;
  }
  return *end == '\0' ? value : 0;
}

}  // namespace

double MemoryBudgetBytes() {
  if (const double set = BudgetFromEnvironment(); set > 0) return set;
  double limit = INFINITY;
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    limit = static_cast<double>(as.rlim_cur);
  }
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) {
    limit = std::min(limit, static_cast<double>(pages) * static_cast<double>(page_size));
  }
  if (!std::isfinite(limit)) limit = 8e9;
  return std::max(kFloor, 0.6 * limit);
}

std::string FormatBytes(double bytes) {
  if (!std::isfinite(bytes)) return "more than 10^18 bytes";
  if (bytes < 1e3) return fmt::format("{:.0f} bytes", bytes);
  static constexpr const char* kUnits[] = {"KB", "MB", "GB", "TB", "PB", "EB"};
  double value = bytes / 1e3;
  size_t unit = 0;
  while (value >= 999.5 && unit + 1 < std::size(kUnits)) {
    value /= 1e3;
    ++unit;
  }
  if (value >= 999.5) return "more than 10^21 bytes";
  return value < 9.95 ? fmt::format("{:.1f} {}", value, kUnits[unit])
                      : fmt::format("{:.0f} {}", value, kUnits[unit]);
}

bool FitsMemory(double bytes) { return bytes <= MemoryBudgetBytes(); }

std::string MemoryNeedText(double bytes) {
  return fmt::format("about {} of memory, more than the {} this process can use",
                     FormatBytes(bytes), FormatBytes(MemoryBudgetBytes()));
}

Status CheckMemory(double bytes, std::string_view what, std::string_view hint) {
  if (FitsMemory(bytes)) return Status::Ok();
  return Status::InvalidInput(fmt::format("{} would need {}{}{}", what, MemoryNeedText(bytes),
                                          hint.empty() ? "" : "; ", hint));
}

}  // namespace duckweed::core
