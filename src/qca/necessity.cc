// superSubset-like search for necessary conjunctions and minimal necessary disjunctions.
#include "duckweed/qca/necessity.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "duckweed/qca/fit.h"
#include "duckweed/qca/truth_table.h"

namespace duckweed::qca {

namespace {

bool Reaches(double v, double cut) { return v + kCutTolerance > cut; }

struct Literal {
  int condition;
  int value;
};

std::string LiteralText(const Dataset& d, const Literal& l, bool mv) {
  const std::string& name = d.conditions[l.condition].name;
  if (mv) return fmt::format("{}[{}]", name, l.value);
  return (l.value == 0 ? "~" : "") + name;
}

// Visits every choice of `size` literals on increasing conditions, values ascending.
void ForEachCombination(const Dataset& d, int size,
                        const std::function<void(const std::vector<Literal>&)>& visit) {
  const int k = static_cast<int>(d.condition_count());
  std::vector<int> conds(size);
  std::function<void(int, int)> choose_conditions = [&](int start, int depth) {
    if (depth == size) {
      std::vector<Literal> lits(size);
      std::function<void(int)> choose_values = [&](int j) {
        if (j == size) {
          visit(lits);
          return;
        }
        for (int v = 0; v < d.conditions[conds[j]].levels; ++v) {
          lits[j] = {conds[j], v};
          choose_values(j + 1);
        }
      };
      choose_values(0);
      return;
    }
    for (int c = start; c < k; ++c) {
      conds[depth] = c;
      choose_conditions(c + 1, depth + 1);
    }
  };
  choose_conditions(0, 0);
}

}  // namespace

core::Result<std::vector<NecessityResult>> SuperSubset(const Dataset& d,
                                                       const NecessityOptions& o) {
  if (!(o.incl_cut >= 0 && o.incl_cut <= 1) || !(o.cov_cut >= 0 && o.cov_cut <= 1)) {
    return core::Status::InvalidInput("necessity cut-offs must lie in [0,1]");
  }
  const bool mv = std::any_of(d.conditions.begin(), d.conditions.end(),
                              [](const Condition& c) { return c.kind == SetKind::kMultiValue; });
  const auto& y = d.outcome_values;
  const int max_size = std::min<int>(o.max_literals, static_cast<int>(d.condition_count()));
  std::vector<NecessityResult> conj, disj;
  // Necessary disjunctions found so far, as sorted literal keys, to test minimality.
  std::set<std::vector<std::pair<int, int>>> necessary;
  auto key_of = [](const std::vector<Literal>& lits) {
    std::vector<std::pair<int, int>> key;
    for (const auto& l : lits) key.emplace_back(l.condition, l.value);
    return key;
  };
  for (int size = 1; size <= max_size; ++size) {
    ForEachCombination(d, size, [&](const std::vector<Literal>& lits) {
      std::vector<double> lo(d.case_count(), 1.0), hi(d.case_count(), 0.0);
      for (size_t i = 0; i < d.case_count(); ++i) {
        for (const auto& l : lits) {
          double m = LiteralMembership(d, i, l.condition, l.value);
          lo[i] = std::min(lo[i], m);
          hi[i] = std::max(hi[i], m);
        }
      }
      std::string text;
      auto conj_fit = Necessity(lo, y);
      if (Reaches(conj_fit.incl, o.incl_cut) && Reaches(conj_fit.cov, o.cov_cut)) {
        for (const auto& l : lits) text += (text.empty() ? "" : "*") + LiteralText(d, l, mv);
        conj.push_back({text, false, conj_fit.incl, conj_fit.ron, conj_fit.cov});
      }
      auto disj_fit = Necessity(hi, y);
      if (!Reaches(disj_fit.incl, o.incl_cut)) return;
      // Minimal: no proper subset of these literals was a necessary disjunction.
      auto key = key_of(lits);
      const size_t n = key.size();
      for (size_t mask = 1; mask + 1 < (size_t{1} << n); ++mask) {
        std::vector<std::pair<int, int>> sub;
        for (size_t j = 0; j < n; ++j) {
          if (mask >> j & 1) sub.push_back(key[j]);
        }
        if (necessary.count(sub)) {
          necessary.insert(key);
          return;
        }
      }
      necessary.insert(key);
      if (size < 2 || !Reaches(disj_fit.cov, o.cov_cut)) return;
      text.clear();
      for (const auto& l : lits) text += (text.empty() ? "" : " + ") + LiteralText(d, l, mv);
      disj.push_back({text, true, disj_fit.incl, disj_fit.ron, disj_fit.cov});
    });
  }
  conj.insert(conj.end(), disj.begin(), disj.end());
  return conj;
}

}  // namespace duckweed::qca
