// Expert (linguistic) FCM construction, as FCMpy's ExpertFcm does it: each expert rates a causal
// link with a linguistic term (−VH … NA … +VH); each term is a triangular fuzzy set on the universe
// [−1, 1] sampled every 0.001 (2001 points). For one link, the share of experts choosing each term
// scales (Larsen: μ·s) or clips (Mamdani: min(μ, s)) the term's membership function; the scaled
// sets are combined by pointwise maximum (fMax) and defuzzified by the discrete centroid
// Σ x·μ(x) / Σ μ(x). A link nobody rated, or whose combined set is all zero, gets weight 0.
//
// Survey JSON (FCMpy's layout): {"Expert_1": [{"from": "C1", "to": "C2", "+M": 1, "-VL": "", ...},
// ...], ...}; a term counts as chosen when its value is a non-zero number (or a non-empty string
// other than "0"). Columns that are not terms (e.g. "Unsure") are ignored.
//
// Thread safety: pure functions. Complexity: O(links · terms · 2001).
#ifndef DUCKWEED_FCM_FCM_EXPERT_H_
#define DUCKWEED_FCM_FCM_EXPERT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/fcm/fcm.h"

namespace duckweed::fcm {

struct FcmTriangle {
  double a = 0, b = 0, c = 0;  // feet a, c and peak b; a ≤ b ≤ c
};

struct FcmLinguisticTerm {
  std::string name;
  FcmTriangle shape;
};

// FCMpy's default eleven terms: -VH [-1,-1,-.75], -H, -M, -L, -VL [-.25,0,0], NA [-.001,0,.001],
// +VL [0,0,.25], +L, +M, +H, +VH [.75,1,1].
const std::vector<FcmLinguisticTerm>& FcmDefaultTerms();

// Membership of x in the triangle (scikit-fuzzy's trimf: 1 at the peak, linear on each side,
// 0 outside (a, c); a vertical side when a = b or b = c).
double TriangularMembership(const FcmTriangle& t, double x);

enum class FcmImplication { kMamdani, kLarsen };

// The defuzzified weight of one link from (term name, share of experts) pairs.
// Errors: an unknown term name, a share outside [0, 1].
core::Result<double> DefuzzifyFcmLink(const std::vector<std::pair<std::string, double>>& shares,
                                      FcmImplication implication);

// Builds a map from a survey JSON. Concepts in order of first appearance.
// Errors: invalid JSON, an expert entry without from/to, a link rated twice by one expert.
core::Result<FcmMap> BuildFcmFromSurveyJson(std::string_view text, std::string source,
                                            FcmImplication implication = FcmImplication::kMamdani);

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_EXPERT_H_
