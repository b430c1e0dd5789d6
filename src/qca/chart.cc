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
// sibling branches forbid the rows tried before them, so each cover is produced once.
struct Chart::Search {
  const Chart& chart;
  std::vector<size_t> rows;  // allowed rows
  size_t limit;              // maximum cover size (SIZE_MAX: none)
  size_t max_covers;
  bool irredundant_only;
  std::vector<std::vector<size_t>> found;
  std::vector<size_t> chosen;
  std::vector<char> forbidden;

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

  void Run(std::vector<uint64_t>& left, size_t remaining) {
    if (found.size() >= max_covers) return;
    if (remaining == 0) {
      if (!irredundant_only || Irredundant()) {
        std::vector<size_t> cover = chosen;
        std::sort(cover.begin(), cover.end());
        found.push_back(std::move(cover));
      }
      return;
    }
    if (chosen.size() >= limit) return;
    const size_t slots = limit - chosen.size();
    size_t best_gain = 0;
    for (size_t r : rows) {
      if (!forbidden[r]) best_gain = std::max(best_gain, Gain(r, left));
    }
    if (best_gain == 0) return;
    if (slots != std::numeric_limits<size_t>::max() && best_gain * slots < remaining) return;
    // The uncovered column with the fewest candidates.
    size_t best_col = 0, best_count = std::numeric_limits<size_t>::max();
    for (size_t w = 0; w < chart.words_; ++w) {
      for (uint64_t bits = left[w]; bits; bits &= bits - 1) {
        size_t col = w * 64 + std::countr_zero(bits);
        uint64_t mask = uint64_t{1} << (col % 64);
        size_t count = 0;
        for (size_t r : rows) count += !forbidden[r] && (chart.Row(r)[w] & mask);
        if (count < best_count) best_count = count, best_col = col;
      }
    }
    if (best_count == 0) return;
    const size_t cw = best_col / 64;
    const uint64_t cmask = uint64_t{1} << (best_col % 64);
    std::vector<size_t> branch;
    for (size_t r : rows) {
      if (!forbidden[r] && (chart.Row(r)[cw] & cmask)) branch.push_back(r);
    }
    std::vector<uint64_t> saved = left;
    for (size_t r : branch) {
      size_t gain = Gain(r, left);
      for (size_t w = 0; w < chart.words_; ++w) left[w] &= ~chart.Row(r)[w];
      chosen.push_back(r);
      Run(left, remaining - gain);
      chosen.pop_back();
      left = saved;
      forbidden[r] = 1;
    }
    for (size_t r : branch) forbidden[r] = 0;
  }
};

std::vector<std::vector<size_t>> Chart::MinimumCovers(const std::vector<size_t>& allowed,
                                                      size_t max_covers) const {
  for (size_t size = 1; size <= allowed.size(); ++size) {
    Search s{*this, allowed, size, max_covers, false, {}, {}, std::vector<char>(rows_, 0)};
    std::vector<uint64_t> left(words_, ~uint64_t{0});
    if (columns_ % 64) left[words_ - 1] = (uint64_t{1} << (columns_ % 64)) - 1;
    s.Run(left, columns_);
    if (!s.found.empty()) return s.found;
  }
  return {};
}

std::vector<std::vector<size_t>> Chart::IrredundantCovers(const std::vector<size_t>& allowed,
                                                          size_t max_covers) const {
  Search s{*this, allowed, std::numeric_limits<size_t>::max(), max_covers, true, {}, {},
           std::vector<char>(rows_, 0)};
  std::vector<uint64_t> left(words_, ~uint64_t{0});
  if (columns_ % 64) left[words_ - 1] = (uint64_t{1} << (columns_ % 64)) - 1;
  s.Run(left, columns_);
  return s.found;
}

}  // namespace duckweed::qca::internal
