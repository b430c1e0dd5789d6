// Cube predicates, R's term order and R notation.
#include "duckweed/qca/cube.h"

#include <fmt/format.h>

#include "duckweed/qca/dataset.h"

namespace duckweed::qca {

int Cube::LiteralCount() const {
  int n = 0;
  for (int v : values) n += v != kAbsent;
  return n;
}

bool Cube::Covers(const std::vector<int>& config) const {
  for (size_t c = 0; c < values.size(); ++c) {
    if (values[c] != kAbsent && values[c] != config[c]) return false;
  }
  return true;
}

bool Cube::Contains(const Cube& other) const {
  for (size_t c = 0; c < values.size(); ++c) {
    if (values[c] != kAbsent && values[c] != other.values[c]) return false;
  }
  return true;
}

bool TermLess(const Cube& a, const Cube& b) {
  int la = a.LiteralCount(), lb = b.LiteralCount();
  if (la != lb) return la < lb;
  for (size_t c = 0; c < a.values.size(); ++c) {
    // Absent sorts after every value.
    unsigned va = static_cast<unsigned>(a.values[c]), vb = static_cast<unsigned>(b.values[c]);
    if (va != vb) return va < vb;
  }
  return false;
}

std::string FormatTerm(const Cube& cube, const std::vector<Condition>& conditions,
                       bool multi_value) {
  std::string out;
  for (size_t c = 0; c < cube.values.size(); ++c) {
    int v = cube.values[c];
    if (v == Cube::kAbsent) continue;
    if (!out.empty()) out += '*';
    if (multi_value) {
      out += fmt::format("{}[{}]", conditions[c].name, v);
    } else {
      out += (v == 0 ? "~" : "") + conditions[c].name;
    }
  }
  return out.empty() ? "1" : out;
}

std::string FormatExpression(const std::vector<Cube>& terms,
                             const std::vector<Condition>& conditions, bool multi_value) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += " + ";
    out += FormatTerm(t, conditions, multi_value);
  }
  return out;
}

}  // namespace duckweed::qca
