// Cube: a conjunction of literals over the conditions of an analysis, one optional value per
// condition ("DEV[2]*~URB" fixes DEV to 2 and URB to 0). Terms of solutions are cubes.
//
// R QCA's order of terms (used for prime implicants, model terms and models): fewer literals
// first, then lexicographic over the conditions where, per condition, a lower value comes first
// and an absent condition last.
//
// Thread safety: values; no shared state.
#ifndef DUCKWEED_QCA_CUBE_H_
#define DUCKWEED_QCA_CUBE_H_

#include <string>
#include <vector>

namespace duckweed::qca {

struct Condition;

struct Cube {
  static constexpr int kAbsent = -1;
  std::vector<int> values;  // one per condition: required value, or kAbsent

  int LiteralCount() const;
  // True when the configuration (one value per condition) satisfies every literal.
  bool Covers(const std::vector<int>& config) const;
  // True when every configuration covered by `other` is covered by this cube.
  bool Contains(const Cube& other) const;
  friend bool operator==(const Cube& a, const Cube& b) { return a.values == b.values; }
};

// R QCA's term order (see above). A strict weak order.
bool TermLess(const Cube& a, const Cube& b);

// R notation: "DEV*~URB" for binary conditions, "DEV[2]*URB[0]" when any condition is
// multi-value (`multi_value` true), conditions in the order given.
std::string FormatTerm(const Cube& cube, const std::vector<Condition>& conditions,
                       bool multi_value);

// " + "-joined terms.
std::string FormatExpression(const std::vector<Cube>& terms,
                             const std::vector<Condition>& conditions, bool multi_value);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_CUBE_H_
