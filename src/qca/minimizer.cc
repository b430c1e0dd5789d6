// Minimize(): prime implicants, the chart, and R's ordering of terms and models.
#include "duckweed/qca/minimizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <numeric>
#include <unordered_set>

#include "qca/chart.h"
#include "qca/prime_search.h"
#include "qca/r_order.h"

namespace duckweed::qca {

namespace {

using internal::Chart;
using internal::PackedCube;

core::Status CheckLimits(const ChartProblem& p) {
  if (p.levels.size() > static_cast<size_t>(internal::kMaxConditions)) {
    return core::Status::InvalidInput(
        fmt::format("minimisation supports at most {} conditions, found {}",
                    internal::kMaxConditions, p.levels.size()));
  }
  for (size_t c = 0; c < p.levels.size(); ++c) {
    if (p.levels[c] < 2 || p.levels[c] > internal::kMaxLevels) {
      return core::Status::InvalidInput(
          fmt::format("condition {}: minimisation supports 2..{} levels, found {}", c + 1,
                      internal::kMaxLevels, p.levels[c]));
    }
  }
  if (p.remainders_dc) {
    for (const auto* rows : {&p.on, &p.off}) {
      for (const auto& r : *rows) {
        if (std::find(r.begin(), r.end(), Cube::kAbsent) != r.end()) {
          return core::Status::InvalidInput(
              "temporal placeholders ('-') are supported for the conservative (complex) solution "
              "only "
              "(as R QCA's minimize() on the RS data): use --solution complex without --include ?");
        }
      }
    }
  }
  if (p.on.empty()) {
    return core::Status::InvalidInput(
        "no positive configurations to explain (no truth table row has OUT = 1)");
  }
  return core::Status::Ok();
}

// Bitsets of ON rows per (condition, value), for fast coverage of cubes.
class Coverage {
 public:
  explicit Coverage(const ChartProblem& p) : words_((p.on.size() + 63) / 64), levels_(p.levels) {
    offset_.resize(levels_.size() + 1, 0);
    for (size_t c = 0; c < levels_.size(); ++c) offset_[c + 1] = offset_[c] + levels_[c];
    bits_.assign(offset_.back() * words_, 0);
    for (size_t i = 0; i < p.on.size(); ++i) {
      for (size_t c = 0; c < levels_.size(); ++c) {
        if (p.on[i][c] == Cube::kAbsent) continue;  // a free condition matches no literal
        bits_[(offset_[c] + p.on[i][c]) * words_ + i / 64] |= uint64_t{1} << (i % 64);
      }
    }
    all_.assign(words_, ~uint64_t{0});
    if (p.on.size() % 64) all_[words_ - 1] = (uint64_t{1} << (p.on.size() % 64)) - 1;
  }
  std::vector<uint64_t> Of(const Cube& cube) const {
    std::vector<uint64_t> out = all_;
    for (size_t c = 0; c < cube.values.size(); ++c) {
      if (cube.values[c] == Cube::kAbsent) continue;
      const uint64_t* lit = &bits_[(offset_[c] + cube.values[c]) * words_];
      for (size_t w = 0; w < words_; ++w) out[w] &= lit[w];
    }
    return out;
  }

 private:
  size_t words_;
  std::vector<int> levels_;
  std::vector<size_t> offset_;
  std::vector<uint64_t> bits_, all_;
};

struct Primes {
  std::vector<Cube> cubes;
  int depth = 0;
  bool complete = true;
  bool stopped = false;  // the budget or the memory cap ended the search
};

// Largest number of ON rows that `t` of the PIs in `chart` cover together: exact by pruned
// depth-first search for t <= 3 (PIs by decreasing coverage), the sum of the t largest otherwise.
size_t MaxUnion(const Chart& chart, const std::vector<size_t>& order, size_t t) {
  if (t == 0) return 0;
  std::vector<size_t> size(order.size());
  for (size_t i = 0; i < order.size(); ++i) size[i] = chart.Count(order[i]);
  if (t > 3) {
    size_t total = 0;
    for (size_t i = 0; i < t && i < size.size(); ++i) total += size[i];
    return total;
  }
  size_t best = 0;
  std::vector<uint64_t> acc(chart.words(), 0);
  std::function<void(size_t, size_t, size_t)> dfs = [&](size_t from, size_t left, size_t have) {
    best = std::max(best, have);
    if (left == 0) return;
    for (size_t i = from; i < order.size(); ++i) {
      if (have + left * size[i] <= best) break;  // sizes decrease: nothing better after
      std::vector<uint64_t> saved = acc;
      size_t now = 0;
      for (size_t w = 0; w < chart.words(); ++w) {
        acc[w] |= chart.Row(order[i])[w];
        now += std::popcount(acc[w]);
      }
      dfs(i + 1, left - 1, now);
      acc = saved;
    }
  };
  dfs(0, t, 0);
  return best;
}

// True when some cover of at most m PIs could include a PI deeper than the current level: j
// deeper PIs cover at most j·bound rows, and s <= m-j known PIs at most MaxUnion(s), the other
// m-j-s slots being deeper PIs again.
bool DeeperCoverPossible(const Chart& chart, size_t bound, size_t m, size_t on) {
  std::vector<size_t> order(chart.rows());
  std::iota(order.begin(), order.end(), 0);
  std::vector<size_t> count(chart.rows());
  for (size_t r = 0; r < chart.rows(); ++r) count[r] = chart.Count(r);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return count[a] > count[b]; });
  for (size_t j = 1; j <= m; ++j) {
    for (size_t s = 0; s <= m - j; ++s) {
      if (MaxUnion(chart, order, s) + (m - s) * bound >= on) return true;
    }
  }
  return false;
}

// Remainder search, level by level, with the exact early stop of minimizer.h.
Primes RemainderPrimes(const ChartProblem& p, bool bounded, const Coverage& coverage,
                       internal::Budget* budget) {
  const int k = static_cast<int>(p.levels.size());
  Primes out;
  if (p.off.empty()) {  // no constraint: the empty term covers everything
    out.cubes.push_back(Cube{std::vector<int>(k, Cube::kAbsent)});
    return out;
  }
  internal::RemainderPrimeSearch search(p.levels, p.on, p.off);
  search.set_budget(budget);
  Chart chart(p.on.size());
  for (int d = 1; d <= k; ++d) {
    auto level = search.SearchLevel(d);
    out.depth = d;
    if (search.stopped()) {
      out.stopped = true;
      return out;
    }
    for (const PackedCube& pc : level.primes) {
      out.cubes.push_back(internal::Unpack(pc, k));
      chart.AddRow(coverage.Of(out.cubes.back()));
    }
    const size_t bound = level.max_nonimplicant_on;
    if (bound == 0) return out;  // no deeper cube can be prime
    if (bounded && d < k) {
      size_t m = chart.GreedyCoverSize();
      if (m != SIZE_MAX && !DeeperCoverPossible(chart, bound, m, p.on.size())) {
        out.complete = false;
        return out;
      }
    }
  }
  return out;
}

// The explicit problem's primes covering some ON row, in R's QMC order (r_order.h).
std::vector<Cube> ExplicitPrimesInROrder(const ChartProblem& p, internal::Budget* budget) {
  std::vector<std::vector<int>> rows = p.on;
  if (p.dc_follows_on) {
    std::sort(rows.begin(), rows.end());  // lexicographic = by row number
    rows.insert(rows.end(), p.dc.begin(), p.dc.end());
  } else {
    rows.insert(rows.end(), p.dc.begin(), p.dc.end());
    std::sort(rows.begin(), rows.end());
  }
  std::vector<std::vector<int>> unique_rows;
  std::unordered_set<PackedCube, internal::PackedCubeHash> seen;
  for (auto& r : rows) {
    if (seen.insert(internal::Pack(r)).second) unique_rows.push_back(std::move(r));
  }
  std::vector<Cube> kept;
  for (Cube& c : internal::QmcPrimesInROrder(p.levels, unique_rows, budget)) {
    bool covers_on = std::any_of(p.on.begin(), p.on.end(),
                                 [&](const std::vector<int>& r) { return c.Covers(r); });
    if (covers_on) kept.push_back(std::move(c));
  }
  return kept;
}

// The error when a stage ran out of time (`timed_out`) or the implicants out of memory.
core::Status TooLarge(const ChartProblem& p, const MinimizerOptions& o, const char* stage,
                      int depth, bool timed_out) {
  std::string where = depth > 0 ? fmt::format(" at {} literals", depth) : "";
  std::string why =
      timed_out ? fmt::format("after {} s (--time-limit)", o.time_limit_s)
                : fmt::format("at the cap of {} implicants of one size (about 1 GB of memory)",
                              internal::RemainderPrimeSearch::kMaxStoredCubes);
  return core::Status::InvalidInput(fmt::format(
      "problem too large: the {} stopped{} {} ({} conditions, {} positive and {} negative "
      "rows{}); raise --time-limit (0: none), use fewer conditions{}",
      stage, where, why, p.levels.size(), p.on.size(), p.off.size(),
      p.remainders_dc ? ", remainders as don't-cares" : "", o.all_sol ? " or drop --all-sol" : ""));
}

bool ModelLess(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

}  // namespace

core::Result<MinimizerResult> Minimize(const ChartProblem& problem,
                                       const MinimizerOptions& options) {
  DUCKWEED_RETURN_IF_ERROR(CheckLimits(problem));
  const int k = static_cast<int>(problem.levels.size());
  Coverage coverage(problem);
  internal::Budget budget(options.time_limit_s);
  MinimizerResult result;
  if (problem.remainders_dc) {
    bool bounded = !options.all_sol && !options.full_depth;
    Primes primes = RemainderPrimes(problem, bounded, coverage, &budget);
    if (primes.stopped) {
      return TooLarge(problem, options, "prime implicant search", primes.depth, budget.exceeded());
    }
    result.primes = std::move(primes.cubes);
    result.depth_searched = primes.depth;
    result.all_primes = primes.complete;
    std::sort(result.primes.begin(), result.primes.end(), TermLess);
  } else {
    result.primes = ExplicitPrimesInROrder(problem, &budget);
    if (budget.exceeded()) return TooLarge(problem, options, "merging of configurations", 0, true);
    result.depth_searched = k;
  }
  Chart chart(problem.on.size());
  for (const Cube& c : result.primes) chart.AddRow(coverage.Of(c));
  if (!chart.Coverable()) {
    return core::Status::InvalidInput(
        "no solution: some positive configuration is covered by no prime implicant");
  }
  std::vector<size_t> allowed(chart.rows());
  std::iota(allowed.begin(), allowed.end(), 0);
  if (options.row_dom) allowed = chart.Undominated();
  auto covers = options.all_sol ? chart.IrredundantCovers(allowed, options.max_models, &budget)
                                : chart.MinimumCovers(allowed, options.max_models, &budget);
  if (budget.exceeded()) return TooLarge(problem, options, "search for minimal covers", 0, true);
  for (const auto& cover : covers) result.models.emplace_back(cover.begin(), cover.end());
  result.truncated = covers.size() >= options.max_models;
  std::sort(result.models.begin(), result.models.end(), ModelLess);
  if (!result.models.empty()) {
    for (int pi : result.models[0]) {
      bool everywhere = std::all_of(result.models.begin(), result.models.end(), [&](const auto& m) {
        return std::binary_search(m.begin(), m.end(), pi);
      });
      if (everywhere) result.essential.push_back(pi);
    }
  }
  return result;
}

}  // namespace duckweed::qca
