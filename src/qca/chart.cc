// Exact covers of a prime implicant chart by depth-first branch and bound (see minimizer.h).
#include "qca/chart.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>

namespace duckweed::qca::internal {

size_t Chart::AddRow(const std::vector<uint64_t>& bits) {
  bits_.insert(bits_.end(), bits.begin(), bits.end());
  return rows_++;
}

size_t Chart::Count(size_t r) const {
  size_t n = 0;
  for (size_t w = 0; w < words_; ++w) n += std::popcount(Row(r)[w]);
  return n;
}

bool Chart::Coverable() const {
  std::vector<uint64_t> all(words_, 0);
  for (size_t r = 0; r < rows_; ++r) {
    for (size_t w = 0; w < words_; ++w) all[w] |= Row(r)[w];
  }
  size_t n = 0;
  for (uint64_t x : all) n += std::popcount(x);
  return n == columns_;
}

std::vector<size_t> Chart::Undominated() const {
  std::vector<size_t> kept;
  for (size_t a = 0; a < rows_; ++a) {
    bool dominated = false;
    for (size_t b = 0; b < rows_ && !dominated; ++b) {
      if (a == b) continue;
      bool subset = true, equal = true;
      for (size_t w = 0; w < words_ && subset; ++w) {
        subset = (Row(a)[w] & ~Row(b)[w]) == 0;
        equal = equal && Row(a)[w] == Row(b)[w];
      }
      dominated = subset && !equal;
    }
    if (!dominated) kept.push_back(a);
  }
  return kept;
}

size_t Chart::GreedyCoverSize() const {
  if (!Coverable()) return std::numeric_limits<size_t>::max();
  std::vector<uint64_t> left(words_, ~uint64_t{0});
  if (columns_ % 64) left[words_ - 1] = (uint64_t{1} << (columns_ % 64)) - 1;
  size_t remaining = columns_, used = 0;
  while (remaining > 0) {
    size_t best = 0, best_gain = 0;
    for (size_t r = 0; r < rows_; ++r) {
      size_t gain = 0;
      for (size_t w = 0; w < words_; ++w) gain += std::popcount(Row(r)[w] & left[w]);
      if (gain > best_gain) best_gain = gain, best = r;
    }
    for (size_t w = 0; w < words_; ++w) left[w] &= ~Row(best)[w];
    remaining -= best_gain;
    ++used;
  }
  return used;
}

// Depth-first search over covers: branch on the uncovered column with the fewest candidate rows;
// sibling branches forbid the rows tried before them, so each cover is produced once. Lower
// bound: uncovered columns whose candidate sets are pairwise disjoint each need their own row.
struct Chart::Search {
  const Chart& chart;
  size_t limit;  // maximum cover size (SIZE_MAX: none)
  size_t max_covers;
  bool irredundant_only;
  size_t row_words;
  std::vector<uint64_t> candidates;  // per column: bitset of allowed rows covering it
  std::vector<uint64_t> forbidden;   // bitset of rows excluded in this subtree
  std::vector<char> allowed_row;
  std::vector<std::vector<size_t>> found;
  std::vector<size_t> chosen;
  Budget* budget = nullptr;

  Search(const Chart& c, const std::vector<size_t>& allowed, size_t limit_in, size_t max_in,
         bool irredundant)
      : chart(c), limit(limit_in), max_covers(max_in), irredundant_only(irredundant) {
    row_words = (c.rows_ + 63) / 64;
    candidates.assign(c.columns_ * row_words, 0);
    forbidden.assign(row_words, 0);
    allowed_row.assign(c.rows_, 0);
    for (size_t r : allowed) {
      allowed_row[r] = 1;
      const uint64_t* bits = c.Row(r);
      for (size_t w = 0; w < c.words_; ++w) {
        for (uint64_t b = bits[w]; b; b &= b - 1) {
          size_t col = w * 64 + std::countr_zero(b);
          candidates[col * row_words + r / 64] |= uint64_t{1} << (r % 64);
        }
      }
    }
  }

  size_t Gain(size_t r, const std::vector<uint64_t>& left) const {
    size_t g = 0;
    for (size_t w = 0; w < chart.words_; ++w) g += std::popcount(chart.Row(r)[w] & left[w]);
    return g;
  }

  bool Irredundant() const {
    for (size_t a : chosen) {
      bool unique = false;
      for (size_t w = 0; w < chart.words_ && !unique; ++w) {
        uint64_t others = 0;
        for (size_t b : chosen) {
          if (b != a) others |= chart.Row(b)[w];
        }
        unique = (chart.Row(a)[w] & ~others) != 0;
      }
      if (!unique) return false;
    }
    return true;
  }

  size_t Candidates(size_t col) const {
    size_t n = 0;
    const uint64_t* c = &candidates[col * row_words];
    for (size_t w = 0; w < row_words; ++w) n += std::popcount(c[w] & ~forbidden[w]);
    return n;
  }

  void Run(std::vector<uint64_t>& left, size_t remaining) {
    if (found.size() >= max_covers) return;
    if (budget && budget->Exceeded()) return;
    if (remaining == 0) {
      if (!irredundant_only || Irredundant()) {
        std::vector<size_t> cover = chosen;
        std::sort(cover.begin(), cover.end());
        found.push_back(std::move(cover));
      }
      return;
    }
    if (chosen.size() >= limit) return;
    // Uncovered columns by increasing number of candidates.
    std::vector<std::pair<size_t, size_t>> cols;
    for (size_t w = 0; w < chart.words_; ++w) {
      for (uint64_t bits = left[w]; bits; bits &= bits - 1) {
        size_t col = w * 64 + std::countr_zero(bits);
        size_t n = Candidates(col);
        if (n == 0) return;
        cols.emplace_back(n, col);
      }
    }
    std::sort(cols.begin(), cols.end());
    if (limit != std::numeric_limits<size_t>::max()) {
      std::vector<uint64_t> used(row_words, 0);
      size_t bound = 0;
      for (const auto& [n, col] : cols) {
        const uint64_t* c = &candidates[col * row_words];
        bool disjoint = true;
        for (size_t w = 0; w < row_words && disjoint; ++w) {
          disjoint = (c[w] & ~forbidden[w] & used[w]) == 0;
        }
        if (!disjoint) continue;
        for (size_t w = 0; w < row_words; ++w) used[w] |= c[w] & ~forbidden[w];
        if (chosen.size() + ++bound > limit) return;
      }
      size_t max_gain = 0;
      for (size_t r = 0; r < chart.rows_; ++r) {
        if (!(forbidden[r / 64] >> (r % 64) & 1) && allowed_row[r]) {
          max_gain = std::max(max_gain, Gain(r, left));
        }
      }
      if (max_gain == 0 || chosen.size() + (remaining + max_gain - 1) / max_gain > limit) return;
    }
    const size_t best_col = cols.front().second;
    std::vector<size_t> branch;
    const uint64_t* c = &candidates[best_col * row_words];
    for (size_t w = 0; w < row_words; ++w) {
      for (uint64_t b = c[w] & ~forbidden[w]; b; b &= b - 1) {
        branch.push_back(w * 64 + std::countr_zero(b));
      }
    }
    // Larger gains first: good covers early, same set of covers either way.
    std::stable_sort(branch.begin(), branch.end(),
                     [&](size_t a, size_t b) { return Gain(a, left) > Gain(b, left); });
    std::vector<uint64_t> saved = left;
    for (size_t r : branch) {
      size_t gain = Gain(r, left);
      for (size_t w = 0; w < chart.words_; ++w) left[w] &= ~chart.Row(r)[w];
      chosen.push_back(r);
      Run(left, remaining - gain);
      chosen.pop_back();
      left = saved;
      forbidden[r / 64] |= uint64_t{1} << (r % 64);
    }
    for (size_t r : branch) forbidden[r / 64] &= ~(uint64_t{1} << (r % 64));
  }
};

std::vector<std::vector<size_t>> Chart::MinimumCovers(const std::vector<size_t>& allowed,
                                                      size_t max_covers, Budget* budget) const {
  auto run = [&](const std::vector<size_t>& rows, size_t size, size_t cap) {
    Search s(*this, rows, size, cap, false);
    s.budget = budget;
    std::vector<uint64_t> left(words_, ~uint64_t{0});
    if (columns_ % 64) left[words_ - 1] = (uint64_t{1} << (columns_ % 64)) - 1;
    s.Run(left, columns_);
    return s.found;
  };
  // The minimum size first, on the row-dominance-reduced chart (same minimum, fewer rows)...
  std::vector<size_t> reduced;
  std::vector<char> in(rows_, 0);
  for (size_t r : allowed) in[r] = 1;
  for (size_t r : Undominated()) {
    if (in[r]) reduced.push_back(r);
  }
  // (rows of equal coverage are all kept by Undominated; keep one of each for the size search)
  std::vector<size_t> distinct;
  for (size_t r : reduced) {
    bool dup = false;
    for (size_t q : distinct) {
      dup = std::equal(Row(r), Row(r) + words_, Row(q));
      if (dup) break;
    }
    if (!dup) distinct.push_back(r);
  }
  size_t minimum = 0;
  for (size_t size = 1; size <= distinct.size() && minimum == 0; ++size) {
    if (budget && budget->CheckNow()) return {};
    if (!run(distinct, size, 1).empty()) minimum = size;
  }
  if (minimum == 0) return {};
  // ...then every cover of that size on the full chart.
  return run(allowed, minimum, max_covers);
}

std::vector<std::vector<size_t>> Chart::IrredundantCovers(const std::vector<size_t>& allowed,
                                                          size_t max_covers, Budget* budget) const {
  Search s(*this, allowed, std::numeric_limits<size_t>::max(), max_covers, true);
  s.budget = budget;
  std::vector<uint64_t> left(words_, ~uint64_t{0});
  if (columns_ % 64) left[words_ - 1] = (uint64_t{1} << (columns_ % 64)) - 1;
  s.Run(left, columns_);
  return s.found;
}

}  // namespace duckweed::qca::internal
