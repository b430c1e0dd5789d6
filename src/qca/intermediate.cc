// Intermediate solutions: easy counterfactuals from directional expectations (see header).
#include "duckweed/qca/intermediate.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace duckweed::qca {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Calls `visit` on every configuration covered by `cube`.
void ForEachCovered(const Cube& cube, const std::vector<int>& levels,
                    const std::function<void(const std::vector<int>&)>& visit) {
  std::vector<int> config(levels.size());
  std::function<void(size_t)> rec = [&](size_t c) {
    if (c == levels.size()) {
      visit(config);
      return;
    }
    if (cube.values[c] != Cube::kAbsent) {
      config[c] = cube.values[c];
      rec(c + 1);
      return;
    }
    for (int v = 0; v < levels[c]; ++v) {
      config[c] = v;
      rec(c + 1);
    }
  };
  rec(0);
}

}  // namespace

core::Result<DirectionalExpectations> ParseDirectionalExpectations(const Dataset& d,
                                                                   const std::string& text) {
  DirectionalExpectations out(d.condition_count());
  core::DiagnosticSink sink;
  for (const std::string& item : SplitNames(text)) {
    size_t eq = item.find('=');
    std::string name = Trim(item.substr(0, eq));
    int c = d.ConditionIndex(name);
    if (c < 0) {
      sink.Add({"--dir-exp", 0, 0, name},
               fmt::format("directional expectation on unknown condition '{}'", name));
      continue;
    }
    if (eq == std::string::npos) {
      out[c] = {d.conditions[c].levels - 1};  // "A" alone: presence expected
      continue;
    }
    std::string values = Trim(item.substr(eq + 1));
    if (values == "-") continue;
    size_t start = 0;
    while (start <= values.size()) {
      size_t semi = values.find(';', start);
      if (semi == std::string::npos) semi = values.size();
      std::string v = Trim(values.substr(start, semi - start));
      int level = -1;
      if (v.size() == 1 && v[0] >= '0' && v[0] <= '9') level = v[0] - '0';
      if (v.size() == 2 && isdigit(v[0]) && isdigit(v[1])) level = std::stoi(v);
      if (level < 0 || level >= d.conditions[c].levels) {
        sink.Add({"--dir-exp", 0, 0, name},
                 fmt::format("condition '{}': expected a level in 0..{} or '-', found '{}'", name,
                             d.conditions[c].levels - 1, v));
      } else {
        out[c].push_back(level);
      }
      start = semi + 1;
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

core::Result<std::vector<IntermediateSolution>> SolveIntermediate(
    const TruthTable& tt, const SolveOptions& options, const DirectionalExpectations& expected) {
  SolveOptions co = options, po = options;
  co.include_remainders = false;
  co.all_sol = po.all_sol = false;
  po.include_remainders = true;
  DUCKWEED_ASSIGN_OR_RETURN(Solution complex, Solve(tt, co));
  DUCKWEED_ASSIGN_OR_RETURN(Solution pars, Solve(tt, po));
  const ChartProblem base = MakeChartProblem(tt, co);
  std::set<uint64_t> observed;
  for (const auto& row : tt.rows) {
    if (row.out != '?') observed.insert(row.number);
  }
  std::vector<IntermediateSolution> out;
  for (size_t i = 0; i < complex.models.size(); ++i) {
    for (size_t j = 0; j < pars.models.size(); ++j) {
      const Model& p = pars.models[j];
      std::map<uint64_t, std::vector<int>> easy;  // by row number: R's order after ON
      ChartProblem problem = base;
      problem.dc_follows_on = true;
      for (const Cube& t : complex.models[i].terms) {
        for (const Cube& q : p.terms) {
          if (!q.Contains(t)) continue;
          // Keep the literals of q and those the expectations support; drop the others.
          Cube widened = t;
          for (size_t c = 0; c < t.values.size(); ++c) {
            const auto& e = expected[c];
            if (t.values[c] != Cube::kAbsent && q.values[c] == Cube::kAbsent && !e.empty() &&
                std::find(e.begin(), e.end(), t.values[c]) == e.end()) {
              widened.values[c] = Cube::kAbsent;
            }
          }
          ForEachCovered(widened, base.levels, [&](const std::vector<int>& config) {
            uint64_t number = tt.RowNumber(config);
            if (!observed.count(number)) easy.emplace(number, config);
          });
        }
      }
      for (const auto& [number, config] : easy) problem.dc.push_back(config);
      MinimizerOptions mo;
      mo.row_dom = options.row_dom;
      DUCKWEED_ASSIGN_OR_RETURN(MinimizerResult r, Minimize(problem, mo));
      IntermediateSolution is;
      is.name = fmt::format("C{}P{}", i + 1, j + 1);
      is.solution = MakeSolution(tt, "intermediate", std::move(r));
      for (const auto& [number, config] : easy) is.easy_counterfactuals.push_back(number);
      out.push_back(std::move(is));
    }
  }
  return out;
}

}  // namespace duckweed::qca
