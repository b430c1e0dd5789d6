// Internal: the prime implicant chart (PIs × ON rows as bitsets) and its exact covers.
#ifndef DUCKWEED_SRC_QCA_CHART_H_
#define DUCKWEED_SRC_QCA_CHART_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "qca/budget.h"

namespace duckweed::qca::internal {

class Chart {
 public:
  explicit Chart(size_t columns) : columns_(columns), words_((columns + 63) / 64) {}

  // Adds a row (a PI's coverage); returns its index.
  size_t AddRow(const std::vector<uint64_t>& bits);
  size_t rows() const { return rows_; }
  size_t words() const { return words_; }
  const uint64_t* Row(size_t r) const { return &bits_[r * words_]; }
  size_t Count(size_t r) const;

  // True when every column is covered by some row.
  bool Coverable() const;
  // Rows kept by row dominance (ascending): drop a row whose coverage is a strict subset of
  // another's (rows of equal coverage all stay, as in R QCA).
  std::vector<size_t> Undominated() const;
  // Size of a greedy cover (an upper bound on the minimum); SIZE_MAX when not coverable.
  size_t GreedyCoverSize() const;
  // Every cover of minimum size using only `allowed` rows, each as ascending row indices.
  // With a `budget`, the search stops (incomplete) once it is exceeded: check budget->exceeded().
  std::vector<std::vector<size_t>> MinimumCovers(const std::vector<size_t>& allowed,
                                                 size_t max_covers, Budget* budget = nullptr) const;
  // Every irredundant cover (no row removable), any size, using only `allowed` rows.
  std::vector<std::vector<size_t>> IrredundantCovers(const std::vector<size_t>& allowed,
                                                     size_t max_covers,
                                                     Budget* budget = nullptr) const;

 private:
  struct Search;
  size_t columns_, words_, rows_ = 0;
  std::vector<uint64_t> bits_;
};

}  // namespace duckweed::qca::internal

#endif  // DUCKWEED_SRC_QCA_CHART_H_
