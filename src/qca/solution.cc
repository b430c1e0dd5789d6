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
  return s;
}

core::Result<Solution> Solve(const TruthTable& tt, const SolveOptions& options) {
  ChartProblem problem = MakeChartProblem(tt, options);
  MinimizerOptions mo;
  mo.all_sol = options.all_sol;
  mo.row_dom = options.row_dom;
  mo.time_limit_s = options.time_limit_s;
  DUCKWEED_ASSIGN_OR_RETURN(MinimizerResult r, Minimize(problem, mo));
  return MakeSolution(tt, options.include_remainders ? "parsimonious" : "complex", std::move(r));
}

Solution MakeSolution(const TruthTable& tt, std::string kind, MinimizerResult result) {
  std::vector<std::vector<Cube>> models;
  for (const auto& m : result.models) {
    std::vector<Cube> terms;
    for (int pi : m) terms.push_back(result.primes[pi]);
    models.push_back(std::move(terms));
  }
  return MakeSolution(tt, std::move(kind), std::move(result.primes), models);
}

}  // namespace duckweed::qca
