// Capacities (fuzzy measures) over a small set of criteria (the domains of a town's transition),
// and the Choquet integral that aggregates criterion scores with them.
//
// Two representations:
//  * TwoAdditiveCapacity: Shapley importances phi_i and pairwise interaction indices I_ij
//    (positive = synergy, negative = redundancy). Its Mobius transform is
//    m({i}) = phi_i - 1/2 sum_j I_ij, m({i,j}) = I_ij, zero on larger sets (Grabisch 1997,
//    "k-order additive discrete fuzzy measures and their representation", FSS 92).
//  * SetCapacity: the value mu(S) of every subset S (bitmask), for general capacities from the
//    literature and as the oracle the 2-additive formulas are tested against.
//
// Validation of a 2-additive capacity (MakeTwoAdditive):
//  * normalisation: sum_i phi_i = 1 (equivalently mu(N) = 1), within 1e-9;
//  * monotonicity: for every i and every T in N\{i}, m_i + sum_{j in T} m_ij >= 0. The binding T
//    is {j : m_ij < 0}, so the check is m_i + sum_{j: m_ij<0} m_ij >= 0 for each i
//    (Chateauneuf & Jaffray 1989; Grabisch, Kojadinovic & Meyer 2008, Kappalab).
// A failure names the criterion and the constraint's value.
//
// Thread safety: immutable values. Complexity: Choquet O(n log n) for SetCapacity (sort),
// O(n^2) for TwoAdditiveCapacity.
#ifndef DUCKWEED_SYSTEMIC_CAPACITY_H_
#define DUCKWEED_SYSTEMIC_CAPACITY_H_

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "duckweed/core/result.h"

namespace duckweed::evaluate {

class TwoAdditiveCapacity {
 public:
  const std::vector<std::string>& criteria() const { return criteria_; }
  size_t size() const { return criteria_.size(); }
  double shapley(size_t i) const { return shapley_[i]; }
  double interaction(size_t i, size_t j) const { return interaction_[i * size() + j]; }
  // Mobius masses: singleton m({i}) and pair m({i,j}) = I_ij.
  double mobius_single(size_t i) const;
  // Capacity of a subset given as a bitmask over criteria() (bit i = criterion i).
  double Mu(uint64_t subset) const;
  // Index of a criterion by name, or -1.
  int IndexOf(const std::string& name) const;

 private:
  friend core::Result<TwoAdditiveCapacity> MakeTwoAdditive(
      std::vector<std::string>, std::vector<double>,
      const std::vector<std::pair<std::pair<std::string, std::string>, double>>&);
  std::vector<std::string> criteria_;
  std::vector<double> shapley_;
  std::vector<double> interaction_;  // n x n, symmetric, zero diagonal
};

using Interactions = std::vector<std::pair<std::pair<std::string, std::string>, double>>;

// Builds and validates a 2-additive capacity. `interactions` lists unordered pairs of criterion
// names with their index; pairs not listed are 0. Errors (InvalidInput): duplicate or empty
// criterion names, a pair naming an unknown criterion, a pair listed twice, a criterion paired
// with itself, non-finite numbers, sum of Shapley values != 1, a violated monotonicity
// constraint (message names the criterion and the value of m_i + sum of negative m_ij).
core::Result<TwoAdditiveCapacity> MakeTwoAdditive(std::vector<std::string> criteria,
                                                  std::vector<double> shapley,
                                                  const Interactions& interactions);

// Reads {"shapley":{"energy":0.3,...},"interaction":{"energy|participation":0.1,...}}.
// Criteria are ordered as in the "shapley" object. `source` names the file in diagnostics.
core::Result<TwoAdditiveCapacity> ParseCapacityJson(std::string_view text,
                                                    const std::string& source);
// The same JSON shape, with Mobius masses added under "mobius" for readers.
std::string CapacityToJson(const TwoAdditiveCapacity& capacity);

// Choquet integral of x (x[i] scores criterion i) w.r.t. a 2-additive capacity:
// sum_i m_i x_i + sum_{i<j} I_ij min(x_i, x_j). REQUIRES: x.size() == capacity.size().
double Choquet(const TwoAdditiveCapacity& capacity, std::span<const double> x);
// The two parts of that Choquet integral: the stand-alone sum sum_i m_i x_i, and the systemic
// surplus sum_{i<j} I_ij min(x_i, x_j) (the pair masses m_ij are the interactions I_ij).
double StandaloneSum(const TwoAdditiveCapacity& capacity, std::span<const double> x);
double SystemicSurplus(const TwoAdditiveCapacity& capacity, std::span<const double> x);
// Weighted arithmetic mean with the Shapley importances as weights.
double WeightedSum(const TwoAdditiveCapacity& capacity, std::span<const double> x);

// A general capacity: values_[S] = mu(S) for every bitmask S over n criteria (n <= 20).
class SetCapacity {
 public:
  // REQUIRES: values.size() == 2^n. Errors: mu(empty) != 0, mu(N) != 1, a subset whose value is
  // below one of its subsets' (named as bitmasks).
  static core::Result<SetCapacity> Make(int n, std::vector<double> values);
  static SetCapacity FromTwoAdditive(const TwoAdditiveCapacity& capacity);
  int n() const { return n_; }
  double Mu(uint64_t subset) const { return values_[subset]; }
  // Shapley value of criterion i: sum_{S not containing i} (n-s-1)! s! / n! (mu(S+i) - mu(S)).
  double Shapley(int i) const;
  // Shapley interaction index of i and j (Murofushi & Soneda 1993).
  double Interaction(int i, int j) const;

 private:
  int n_ = 0;
  std::vector<double> values_;
};

// Choquet integral by its definition: sort x ascending, sum (x_(k) - x_(k-1)) mu(A_(k)),
// A_(k) = criteria with the k-th smallest score and above. REQUIRES: x.size() == n.
double Choquet(const SetCapacity& capacity, std::span<const double> x);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_CAPACITY_H_
