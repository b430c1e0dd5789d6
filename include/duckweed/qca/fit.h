// Parameters of fit for sufficiency and necessity of set memberships (R QCA's definitions).
//   inclS = Σ min(X,Y) / Σ X          covS = Σ min(X,Y) / Σ Y
//   PRI   = (Σ min(X,Y) − Σ min(X,Y,1−Y)) / (Σ X − Σ min(X,Y,1−Y))
//   inclN = Σ min(X,Y) / Σ Y          covN = Σ min(X,Y) / Σ X
//   RoN   = Σ (1 − X) / Σ (1 − min(X,Y))
// A zero denominator gives 0. Complexity O(N). Thread safety: pure functions.
#ifndef DUCKWEED_QCA_FIT_H_
#define DUCKWEED_QCA_FIT_H_

#include <vector>

#include "duckweed/qca/cube.h"
#include "duckweed/qca/dataset.h"

namespace duckweed::qca {

struct SufficiencyFit {
  double incl = 0, pri = 0, cov = 0;
};
struct NecessityFit {
  double incl = 0, ron = 0, cov = 0;
};

SufficiencyFit Sufficiency(const std::vector<double>& x, const std::vector<double>& y);
NecessityFit Necessity(const std::vector<double>& x, const std::vector<double>& y);

// Membership of every case in a term (minimum over its literals; 1 for the empty term).
std::vector<double> TermMembership(const Dataset& data, const Cube& term);
// Membership of every case in a disjunction of terms (maximum over terms).
std::vector<double> UnionMembership(const Dataset& data, const std::vector<Cube>& terms);

}  // namespace duckweed::qca

#endif  // DUCKWEED_QCA_FIT_H_
