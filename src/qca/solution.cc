// From a truth table to solution models with their parameters of fit.
#include "duckweed/qca/solution.h"

#include <fmt/format.h>

#include <algorithm>

#include "duckweed/qca/fit.h"

namespace duckweed::qca {

namespace {

bool AnyMultiValue(const Dataset& d) {
  return std::any_of(d.conditions.begin(), d.conditions.end(),
                     [](const Condition& c) { return c.kind == SetKind::kMultiValue; });
}

std::vector<int> TermCases(const TruthTable& tt, const Cube& term) {
  std::vector<int> cases;
  for (const auto& row : tt.rows) {
    if (row.out == '1' && term.Covers(row.config)) {
      cases.insert(cases.end(), row.cases.begin(), row.cases.end());
    }
  }
  return cases;
}

// Fits of `terms` with covU relative to the union of the other terms.
std::vector<TermFit> FitTerms(const TruthTable& tt, const std::vector<Cube>& terms, bool mv) {
  const Dataset& d = *tt.data;
  const auto& y = d.outcome_values;
  std::vector<std::vector<double>> m;
  for (const auto& t : terms) m.push_back(TermMembership(d, t));
  std::vector<double> all(d.case_count(), 0.0);
  for (const auto& tm : m) {
    for (size_t i = 0; i < all.size(); ++i) all[i] = std::max(all[i], tm[i]);
  }
  const double cov_all = Sufficiency(all, y).cov;
  std::vector<TermFit> fits;
  for (size_t t = 0; t < terms.size(); ++t) {
    TermFit f;
    f.term = terms[t];
    f.expression = FormatTerm(terms[t], d.conditions, mv);
    auto s = Sufficiency(m[t], y);
    f.incl = s.incl;
    f.pri = s.pri;
    f.cov_r = s.cov;
    if (terms.size() > 1) {
      std::vector<double> others(d.case_count(), 0.0);
      for (size_t u = 0; u < terms.size(); ++u) {
        if (u == t) continue;
        for (size_t i = 0; i < others.size(); ++i) others[i] = std::max(others[i], m[u][i]);
      }
      f.cov_u = cov_all - Sufficiency(others, y).cov;
    }
    f.cases = TermCases(tt, terms[t]);
    fits.push_back(std::move(f));
  }
  return fits;
}

std::vector<Cube> PrimesOf(const MinimizerResult& r, const std::vector<int>& indices) {
  std::vector<Cube> out;
  for (int pi : indices) out.push_back(r.primes[pi]);
  return out;
}

// Prime implicants that alone cover some positive row: every cover, hence every model, holds
// them (the minimiser's early stop keeps every PI a minimal cover can use). Ascending indices.
std::vector<int> SoleCovers(const TruthTable& tt, const std::vector<Cube>& primes) {
  std::vector<char> sole(primes.size(), 0);
  for (const auto& row : tt.rows) {
    if (row.out != '1') continue;
    int only = -1, count = 0;
    for (size_t pi = 0; pi < primes.size() && count < 2; ++pi) {
      if (primes[pi].Covers(row.config)) {
        only = static_cast<int>(pi);
        ++count;
      }
    }
    if (count == 1) sole[only] = 1;
  }
  std::vector<int> out;
  for (size_t pi = 0; pi < sole.size(); ++pi) {
    if (sole[pi]) out.push_back(static_cast<int>(pi));
  }
  return out;
}

}  // namespace

ChartProblem MakeChartProblem(const TruthTable& tt, const SolveOptions& options) {
  ChartProblem p;
  for (const auto& c : tt.data->conditions) p.levels.push_back(c.levels);
  p.remainders_dc = options.include_remainders;
  for (const auto& row : tt.rows) {
    switch (row.out) {
      case '1':
        p.on.push_back(row.config);
        break;
      case '0':
        p.off.push_back(row.config);
        break;
      case 'C':
        (options.include_contradictions ? p.dc : p.off).push_back(row.config);
        break;
      default:  // '?' rows (n < n_cut) act like unobserved remainders
        break;
    }
  }
  return p;
}

Solution MakeSolution(const TruthTable& tt, std::string kind, std::vector<Cube> primes,
                      const std::vector<std::vector<Cube>>& models) {
  const Dataset& d = *tt.data;
  Solution s;
  s.kind = std::move(kind);
  s.multi_value = AnyMultiValue(d);
  s.primes = std::move(primes);
  std::vector<Cube> all_terms;
  for (size_t i = 0; i < models.size(); ++i) {
    Model m;
    m.name = fmt::format("M{}", i + 1);
    m.terms = models[i];
    m.expression = FormatExpression(m.terms, d.conditions, s.multi_value);
    m.fits = FitTerms(tt, m.terms, s.multi_value);
    auto fit = Sufficiency(UnionMembership(d, m.terms), d.outcome_values);
    m.incl = fit.incl;
    m.pri = fit.pri;
    m.cov = fit.cov;
    for (const auto& t : m.terms) {
      if (std::find(all_terms.begin(), all_terms.end(), t) == all_terms.end()) {
        all_terms.push_back(t);
      }
    }
    s.models.push_back(std::move(m));
  }
  // R lists the union of the models' terms in prime implicant order.
  auto rank = [&](const Cube& t) {
    return std::find(s.primes.begin(), s.primes.end(), t) - s.primes.begin();
  };
  std::stable_sort(all_terms.begin(), all_terms.end(), [&](const Cube& a, const Cube& b) {
    auto ra = rank(a), rb = rank(b);
    return ra != rb ? ra < rb : TermLess(a, b);
  });
  for (const auto& t : all_terms) {
    bool everywhere = std::all_of(models.begin(), models.end(), [&](const auto& m) {
      return std::find(m.begin(), m.end(), t) != m.end();
    });
    if (everywhere) s.essential.push_back(t);
  }
  s.term_fits = FitTerms(tt, all_terms, s.multi_value);
  s.model_count = s.models.size();
  return s;
}

core::Result<Solution> Solve(const TruthTable& tt, const SolveOptions& options) {
  ChartProblem problem = MakeChartProblem(tt, options);
  MinimizerOptions mo;
  mo.all_sol = options.all_sol;
  mo.row_dom = options.row_dom;
  mo.time_limit_s = options.time_limit_s;
  DUCKWEED_ASSIGN_OR_RETURN(MinimizerResult r, Minimize(problem, mo));
  return MakeSolution(tt, options.include_remainders ? "parsimonious" : "complex", std::move(r),
                      options.max_models_kept);
}

Solution MakeSolution(const TruthTable& tt, std::string kind, MinimizerResult result,
                      size_t max_kept) {
  const size_t kept = std::min(result.models.size(), max_kept);
  std::vector<std::vector<Cube>> models;
  for (size_t i = 0; i < kept; ++i) models.push_back(PrimesOf(result, result.models[i]));
  Solution s = MakeSolution(tt, std::move(kind), result.primes, models);
  s.model_count = result.models.size();
  s.model_count_capped = result.truncated;
  if (kept == result.models.size() && !result.truncated) return s;
  // Common terms and the union of terms over every listed model, not only the kept ones.
  std::vector<char> used(result.primes.size(), 0);
  for (const auto& m : result.models) {
    for (int pi : m) used[pi] = 1;
  }
  std::vector<Cube> all_terms;
  for (size_t pi = 0; pi < used.size(); ++pi) {
    if (used[pi]) all_terms.push_back(result.primes[pi]);
  }
  s.term_fits = FitTerms(tt, all_terms, s.multi_value);
  s.essential = PrimesOf(result, result.essential);
  if (result.truncated) {
    std::vector<Cube> proven = PrimesOf(result, SoleCovers(tt, result.primes));
    s.essential_exact = proven.size() == s.essential.size();
    s.essential = std::move(proven);
  }
  return s;
}

}  // namespace duckweed::qca
