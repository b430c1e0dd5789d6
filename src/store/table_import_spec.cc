// Parsing of the `import table` options: the column map, declared levels, --on-unknown.
#include <fmt/format.h>

#include <set>

#include "duckweed/store/table_import.h"

namespace duckweed::store {

using core::Result;
using core::Status;

namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    out.push_back(Trim(text.substr(start, comma - start)));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ParseColumnMap(
    const std::vector<std::string>& pieces) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& option : pieces) {
    for (const std::string& piece : SplitCommas(option)) {
      if (piece.empty()) continue;
      const size_t eq = piece.rfind('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == piece.size()) {
        return Status::Usage(fmt::format(
            "--map: expected COLUMN=FIELD (e.g. organisation_name=name), found '{}'", piece));
      }
      out.emplace_back(Trim(piece.substr(0, eq)), Trim(piece.substr(eq + 1)));
    }
  }
  if (out.empty()) return Status::Usage("--map: expected at least one COLUMN=FIELD");
  return out;
}

Result<std::pair<std::string, std::vector<std::string>>> ParseLevels(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    return Status::Usage(fmt::format(
        "--levels: expected NAME=VALUE,VALUE,... (e.g. plan=A1,A2,B), found '{}'", text));
  }
  std::vector<std::string> values = SplitCommas(text.substr(eq + 1));
  std::set<std::string> seen;
  for (const auto& v : values) {
    if (v.empty() || !seen.insert(v).second) {
      return Status::Usage(fmt::format("--levels {}: value '{}' is empty or listed twice",
                                       Trim(text.substr(0, eq)), v));
    }
  }
  return std::pair(Trim(text.substr(0, eq)), std::move(values));
}

Result<OnUnknown> ParseOnUnknown(const std::string& text) {
  if (text == "fail") return OnUnknown::kFail;
  if (text == "skip") return OnUnknown::kSkip;
  if (text == "create") return OnUnknown::kCreate;
  return Status::Usage(
      fmt::format("--on-unknown: expected fail, skip or create, found '{}'", text));
}

}  // namespace duckweed::store
