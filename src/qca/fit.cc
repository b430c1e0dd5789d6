// Sufficiency and necessity scores, and memberships in terms and disjunctions.
#include "duckweed/qca/fit.h"

#include <algorithm>

#include "duckweed/qca/truth_table.h"

namespace duckweed::qca {

namespace {
double Ratio(double a, double b) { return b > 0 ? a / b : 0.0; }
}  // namespace

SufficiencyFit Sufficiency(const std::vector<double>& x, const std::vector<double>& y) {
  double sx = 0, sy = 0, sxy = 0, sxyn = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxy += std::min(x[i], y[i]);
    sxyn += std::min({x[i], y[i], 1.0 - y[i]});
  }
  return {Ratio(sxy, sx), Ratio(sxy - sxyn, sx - sxyn), Ratio(sxy, sy)};
}

NecessityFit Necessity(const std::vector<double>& x, const std::vector<double>& y) {
  double sx = 0, sy = 0, sxy = 0, snx = 0, snxy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double m = std::min(x[i], y[i]);
    sx += x[i];
    sy += y[i];
    sxy += m;
    snx += 1.0 - x[i];
    snxy += 1.0 - m;
  }
  return {Ratio(sxy, sy), Ratio(snx, snxy), Ratio(sxy, sx)};
}

std::vector<double> TermMembership(const Dataset& data, const Cube& term) {
  std::vector<double> m(data.case_count(), 1.0);
  for (size_t i = 0; i < m.size(); ++i) {
    for (size_t c = 0; c < term.values.size(); ++c) {
      if (term.values[c] == Cube::kAbsent) continue;
      m[i] = std::min(m[i], LiteralMembership(data, i, c, term.values[c]));
    }
  }
  return m;
}

std::vector<double> UnionMembership(const Dataset& data, const std::vector<Cube>& terms) {
  std::vector<double> m(data.case_count(), 0.0);
  for (const auto& t : terms) {
    auto tm = TermMembership(data, t);
    for (size_t i = 0; i < m.size(); ++i) m[i] = std::max(m[i], tm[i]);
  }
  return m;
}

}  // namespace duckweed::qca
