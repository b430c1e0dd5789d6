#include "duckweed/sd/sd_names.h"

#include <cctype>

namespace duckweed::sd {
namespace {

bool IsSeparator(char c) { return c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string CanonicalName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_sep = false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '"') continue;
    if (c == '\\' && i + 1 < name.size()) {
      char next = name[i + 1];
      if (next == 'n') {
        pending_sep = true;
        ++i;
        continue;
      }
      c = next;
      ++i;
    } else if (IsSeparator(c)) {
      pending_sep = true;
      continue;
    }
    if (pending_sep && !out.empty()) out.push_back('_');
    pending_sep = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string DisplayName(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '_';
    if (c == '\\' && i + 1 < name.size() && name[i + 1] == 'n') {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace duckweed::sd
