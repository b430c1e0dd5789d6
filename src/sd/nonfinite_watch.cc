#include "duckweed/sd/nonfinite_watch.h"

#include <fmt/format.h>

#include "duckweed/core/number.h"

namespace duckweed::sd {

std::string NonFiniteWatch::Message(const std::vector<std::string>& names,
                                    const std::string& axis) const {
  if (!found_) return "";
  std::string name = column_ < names.size() ? names[column_] : fmt::format("column {}", column_);
  return fmt::format("'{}' is {} at {} {} (the first value of the run that is not a finite number)",
                     name, core::NonFiniteSpelling(value_), axis, core::FormatNumber(at_));
}

}  // namespace duckweed::sd
