// Neutralising CSV cells against formula injection, and restoring them on reading.
#include <charconv>

#include "duckweed/core/csv.h"

namespace duckweed::core {
namespace {

bool IsNumber(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size();
}

// Whether a spreadsheet would take `text`, once its leading apostrophes are set aside, as a
// formula.
bool LooksLikeFormula(std::string_view text) {
  const size_t start = text.find_first_not_of('\'');
  if (start == std::string_view::npos) return false;
  const std::string_view rest = text.substr(start);
  switch (rest.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !IsNumber(rest);
    default:
      return false;
  }
}

}  // namespace

std::string NeutraliseCsvCell(std::string_view text) {
  if (!LooksLikeFormula(text)) return std::string(text);
  std::string out = "'";
  out += text;
  return out;
}

std::string_view RestoreCsvCell(std::string_view cell) {
  if (cell.empty() || cell.front() != '\'' || !LooksLikeFormula(cell)) return cell;
  return cell.substr(1);
}

}  // namespace duckweed::core
