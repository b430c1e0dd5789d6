// Text and JSON renderings of truth tables and solutions.
#include "duckweed/qca/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "duckweed/core/number.h"

namespace duckweed::qca {

namespace {

using nlohmann::json;

std::string CaseList(const Dataset& d, const std::vector<int>& cases, size_t max_cases) {
  std::string out;
  const size_t shown = std::min(cases.size(), max_cases);
  for (size_t k = 0; k < shown; ++k) out += (out.empty() ? "" : ",") + d.case_ids[cases[k]];
  if (shown < cases.size())
    out += fmt::format("{}(+{} more)", shown ? " " : "", cases.size() - shown);
  return out;
}

// Cases of the OUT '1' rows a term covers, rows separated by "; " as R prints them.
std::string GroupedCases(const TruthTable& tt, const Cube& term, size_t max_cases) {
  std::string out;
  for (const auto& row : tt.rows) {
    if (row.out != '1' || !term.Covers(row.config)) continue;
    out += (out.empty() ? "" : "; ") + CaseList(*tt.data, row.cases, max_cases);
  }
  return out;
}

std::vector<const TruthTableRow*> PrintOrder(const TruthTable& tt, bool complete) {
  std::vector<const TruthTableRow*> rows;
  for (const auto& r : tt.rows) {
    if (complete || r.out != '?') rows.push_back(&r);
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    if (a->incl != b->incl) return a->incl > b->incl;
    return a->n > b->n;
  });
  return rows;
}

json TermJson(const TermFit& f, const Dataset& d) {
  json cases = json::array();
  for (int i : f.cases) cases.push_back(d.case_ids[i]);
  return {{"term", f.expression},
          {"incl", f.incl},
          {"pri", f.pri},
          {"cov_r", f.cov_r},
          {"cov_u", f.cov_u ? json(*f.cov_u) : json(nullptr)},
          {"cases", cases}};
}

std::string TermList(const Solution& s, const std::vector<Cube>& terms, const Dataset& d) {
  std::string out;
  for (const auto& t : terms) {
    out += (out.empty() ? "" : ", ") + FormatTerm(t, d.conditions, s.multi_value);
  }
  return out.empty() ? "(none)" : out;
}

// How many models, which terms they share, and that one model is not the recipe: printed only
// when some models were left out, so that analyses with few models print as R does.
std::string AmbiguitySummary(const Solution& s, const Dataset& d) {
  if (s.model_count <= s.models.size() && !s.model_count_capped) return "";
  const size_t terms = s.models.empty() ? 0 : s.models.front().terms.size();
  std::string out =
      fmt::format("  {}{} minimal models of {} terms{}; the first {} are shown (--models N)\n",
                  s.model_count_capped ? "more than " : "", s.model_count, terms,
                  s.model_count_capped ? " (the search stops at this many)" : "", s.models.size());
  out += fmt::format("  common to every model{}: {}\n",
                     s.essential_exact ? "" : " (at least; the listed models share more)",
                     TermList(s, s.essential, d));
  out +=
      "  advice: the data is ambiguous: these models fit the cases equally well, so no single "
      "one is the recipe; rely on the common terms, or add cases or conditions\n";
  return out;
}

}  // namespace

std::string FormatTruthTable(const TruthTable& tt, bool complete, size_t max_cases) {
  const Dataset& d = *tt.data;
  std::string out = fmt::format("  outcome: {}{}\n\n", d.neg_out ? "~" : "", d.outcome);
  std::string header = fmt::format("{:>6} ", "");
  for (const auto& c : d.conditions) header += fmt::format(" {:>{}}", c.name, c.name.size());
  header += "   OUT    n  incl   PRI    cases\n";
  out += header;
  for (const auto* r : PrintOrder(tt, complete)) {
    std::string line = fmt::format("{:>6} ", r->number);
    for (size_t c = 0; c < d.conditions.size(); ++c) {
      std::string v = r->config[c] == Cube::kAbsent ? "-" : std::to_string(r->config[c]);
      line += fmt::format(" {:>{}}", v, d.conditions[c].name.size());
    }
    line += fmt::format("   {:>3} {:>4}  {:.3f} {:.3f}  {}\n", r->out, r->n, r->incl, r->pri,
                        CaseList(d, r->cases, max_cases));
    out += line;
  }
  return out;
}

std::string FormatSolution(const TruthTable& tt, const Solution& s, size_t max_cases) {
  const Dataset& d = *tt.data;
  const std::string outcome = (d.neg_out ? "~" : "") + d.outcome;
  std::string out = fmt::format("{} solution\n", s.kind) + AmbiguitySummary(s, d);
  for (const auto& m : s.models) {
    out += fmt::format("\n{}: {} <-> {}\n\n", m.name, m.expression, outcome);
    size_t width = 2;
    for (const auto& f : m.fits) width = std::max(width, f.expression.size());
    out += fmt::format("{:>{}}  inclS   PRI   covS   covU   cases\n", "", width + 3);
    for (size_t t = 0; t < m.fits.size(); ++t) {
      const TermFit& f = m.fits[t];
      // Fit values go through core::FormatFixed: a 0/0 (PRI of a term whose cases all lie in
      // both the outcome and its negation) prints NaN, never the C library's nan.
      std::string cov_u = f.cov_u ? core::FormatFixed(*f.cov_u, 3) : "  -  ";
      out += fmt::format("{:<2} {:>{}}  {}  {}  {}  {}  {}\n", t + 1, f.expression, width,
                         core::FormatFixed(f.incl, 3), core::FormatFixed(f.pri, 3),
                         core::FormatFixed(f.cov_r, 3), cov_u, GroupedCases(tt, f.term, max_cases));
    }
    out +=
        fmt::format("{:<2} {:>{}}  {}  {}  {}\n", "", m.name, width, core::FormatFixed(m.incl, 3),
                    core::FormatFixed(m.pri, 3), core::FormatFixed(m.cov, 3));
  }
  if (s.model_count > 1) out += fmt::format("\nessential: {}\n", TermList(s, s.essential, d));
  return out;
}

std::string AnalysisJson(const TruthTable& tt, const std::vector<Solution>& solutions,
                         bool complete) {
  const Dataset& d = *tt.data;
  json rows = json::array();
  for (const auto& r : tt.rows) {
    if (!complete && r.out == '?') continue;
    json config = json::object();
    for (size_t c = 0; c < d.conditions.size(); ++c) {
      // A temporal placeholder row leaves the condition free: "-" as in R.
      config[d.conditions[c].name] = r.config[c] == Cube::kAbsent ? json("-") : json(r.config[c]);
    }
    json cases = json::array();
    for (int i : r.cases) cases.push_back(d.case_ids[i]);
    rows.push_back({{"row", r.number},
                    {"config", config},
                    {"out", std::string(1, r.out)},
                    {"n", r.n},
                    {"incl", r.incl},
                    {"pri", r.pri},
                    {"cases", cases}});
  }
  json sols = json::object();
  for (const auto& s : solutions) {
    json models = json::array();
    for (const auto& m : s.models) {
      json terms = json::array();
      for (const auto& f : m.fits) terms.push_back(TermJson(f, d));
      models.push_back({{"name", m.name},
                        {"expression", m.expression},
                        {"terms", terms},
                        {"incl", m.incl},
                        {"pri", m.pri},
                        {"cov", m.cov}});
    }
    json essential = json::array();
    for (const auto& t : s.essential) {
      essential.push_back(FormatTerm(t, d.conditions, s.multi_value));
    }
    sols[s.kind] = {{"models", models},
                    {"essential", essential},
                    {"model_count", s.model_count},
                    {"model_count_capped", s.model_count_capped},
                    {"common_terms", essential},
                    {"common_terms_exact", s.essential_exact}};
  }
  json doc = {{"outcome", (d.neg_out ? "~" : "") + d.outcome},
              {"conditions", json::array()},
              {"truth_table", rows},
              {"solutions", sols}};
  for (const auto& c : d.conditions) doc["conditions"].push_back(c.name);
  return doc.dump(2);
}

}  // namespace duckweed::qca
