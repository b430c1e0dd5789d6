// Fuzzy cognitive map (FCM): named concepts and a signed causal weight matrix.
//
// Convention (FCMpy, Mental Modeler, Kosko): weight(i, j) is the causal weight of concept i (the
// cause, a row) on concept j (the effect, a column), in [-1, 1]. A map may carry an initial
// activation for some concepts (the concepts file's `initial` column, JSON `initial_state`).
//
// Invariants (enforced by Create): at least one concept; names non-empty and unique; every weight
// finite and within [-1, 1]; initial values finite and within [-1, 1] (the widest range of a
// transfer function; a run checks its own transfer's range).
//
// Thread safety: an FcmMap is an immutable value after Create.
#ifndef DUCKWEED_FCM_FCM_H_
#define DUCKWEED_FCM_FCM_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::fcm {

class FcmMap {
 public:
  // Builds a map from `concepts` and a row-major n×n `weights` matrix (weights[i*n + j] is
  // i → j). `initial` is empty or has n entries (nullopt = not given). `source` names the input
  // in diagnostics. Errors (InvalidInput, every problem at once): no concepts, an empty or
  // duplicate name, a weight outside [-1, 1] or not finite, a matrix or initial vector of the
  // wrong size. O(n²).
  static core::Result<FcmMap> Create(std::vector<std::string> concepts, std::vector<double> weights,
                                     std::vector<std::optional<double>> initial = {},
                                     const std::string& source = "");

  size_t size() const { return concepts_.size(); }
  const std::vector<std::string>& concepts() const { return concepts_; }
  const std::string& concept_name(size_t i) const { return concepts_[i]; }
  // REQUIRES: from, to < size().
  double weight(size_t from, size_t to) const { return weights_[from * concepts_.size() + to]; }
  const std::vector<double>& weights() const { return weights_; }
  // The initial activation the map's file gave for concept i, if any.
  std::optional<double> initial(size_t i) const { return initial_[i]; }
  // Index of the concept named exactly `name`, or nullopt. O(n).
  std::optional<size_t> Index(std::string_view name) const;
  // Number of non-zero weights.
  size_t edge_count() const;

 private:
  std::vector<std::string> concepts_;
  std::vector<double> weights_;
  std::vector<std::optional<double>> initial_;
};

// The matrix is dense: a map of n concepts holds n x n weights, and a run a working copy. Ok when
// that fits core::MemoryBudgetBytes() (core/memory.h: 60% of the memory this process can have,
// or DUCKWEED_MEMORY_BUDGET); else InvalidInput at `where` with the estimate. Readers call it
// before allocating the matrix. O(1).
core::Status CheckFcmSize(size_t n, const core::Location& where);

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_H_
