// Intermediate solutions: easy counterfactuals from directional expectations (see header).
#include "duckweed/qca/intermediate.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace duckweed::qca {

namespace {

// Configurations one selection term may make us enumerate (the easy counterfactual search).
constexpr double kMaxEnumerated = double(1 << 24);

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

// One literal of a conjunction: "~X", "X", "X[v]" or "X=v"; `item` is the whole conjunction.
bool ParseLiteral(const Dataset& d, const std::string& text, const std::string& item, Cube& cube,
                  core::DiagnosticSink& sink) {
  std::string t = Trim(text);
  bool negated = !t.empty() && t[0] == '~';
  if (negated) t = Trim(t.substr(1));
  std::string name = t, value;
  size_t open = t.find_first_of("[=");
  if (open != std::string::npos) {
    name = Trim(t.substr(0, open));
    size_t close = t[open] == '[' ? t.find(']', open) : t.size();
    if (close == std::string::npos) close = t.size();
    value = Trim(t.substr(open + 1, close - open - 1));
  }
  int c = d.ConditionIndex(name);
  if (c < 0) {
    sink.Add({"--dir-exp", 0, 0, name},
             fmt::format("directional expectation on unknown condition '{}'", name));
    return false;
  }
  const int levels = d.conditions[c].levels;
  int level = negated ? 0 : levels - 1;
  if (!value.empty()) {
    level = value.size() <= 2 && std::all_of(value.begin(), value.end(), ::isdigit)
                ? std::stoi(value)
                : -1;
    if (negated || level < 0 || level >= levels) {
      sink.Add({"--dir-exp", 0, 0, name},
               fmt::format("conjunction '{}': expected a level of '{}' in 0..{}, found '{}'", item,
                           name, levels - 1, t));
      return false;
    }
  }
  if (cube.values[c] != Cube::kAbsent) {
    sink.Add({"--dir-exp", 0, 0, name},
             fmt::format("conjunction '{}' names condition '{}' twice", item, name));
    return false;
  }
  cube.values[c] = level;
  return true;
}

// Splits at commas outside square brackets ("DEV[1,2], URB" has two items).
std::vector<std::string> SplitItems(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  int depth = 0;
  for (char ch : text) {
    if (ch == '[') ++depth;
    if (ch == ']') --depth;
    if (ch == ',' && depth == 0) {
      if (!Trim(item).empty()) out.push_back(Trim(item));
      item.clear();
    } else {
      item += ch;
    }
  }
  if (!Trim(item).empty()) out.push_back(Trim(item));
  return out;
}

}  // namespace

core::Result<DirectionalExpectations> ParseDirectionalExpectations(const Dataset& d,
                                                                   const std::string& text) {
  DirectionalExpectations out;
  out.individual.resize(d.condition_count());
  core::DiagnosticSink sink;
  for (const std::string& item : SplitItems(text)) {
    if (item.find('*') != std::string::npos) {
      Cube conj{std::vector<int>(d.condition_count(), Cube::kAbsent)};
      bool ok = true;
      size_t start = 0;
      while (start <= item.size()) {
        size_t star = item.find('*', start);
        if (star == std::string::npos) star = item.size();
        ok = ParseLiteral(d, item.substr(start, star - start), item, conj, sink) && ok;
        start = star + 1;
      }
      if (ok) out.conjunctural.push_back(std::move(conj));
      continue;
    }
    size_t eq = item.find('=');
    std::string name = Trim(item.substr(0, eq));
    if (eq == std::string::npos && (name.find('~') == 0 || name.find('[') != std::string::npos)) {
      // R notation for one literal: "~A", "DEV[2]".
      Cube one{std::vector<int>(d.condition_count(), Cube::kAbsent)};
      if (ParseLiteral(d, name, name, one, sink)) {
        for (size_t c = 0; c < one.values.size(); ++c) {
          if (one.values[c] != Cube::kAbsent) out.individual[c].push_back(one.values[c]);
        }
      }
      continue;
    }
    int c = d.ConditionIndex(name);
    if (c < 0) {
      sink.Add({"--dir-exp", 0, 0, name},
               fmt::format("directional expectation on unknown condition '{}'", name));
      continue;
    }
    if (eq == std::string::npos) {
      out.individual[c] = {d.conditions[c].levels - 1};  // "A" alone: presence expected
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
        out.individual[c].push_back(level);
      }
      start = semi + 1;
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

namespace {

// R's intermediate selection term for complex term t inside parsimonious term q (C_getEC).
Cube SelectionTerm(const Cube& t, const Cube& q, const DirectionalExpectations& expected) {
  const size_t k = t.values.size();
  auto free_in_q = [&](size_t c) {
    return t.values[c] != Cube::kAbsent && q.values[c] == Cube::kAbsent;
  };
  Cube res = t;
  for (size_t c = 0; c < k; ++c) {
    const auto& e = expected.individual[c];
    if (free_in_q(c) && !e.empty() && std::find(e.begin(), e.end(), t.values[c]) == e.end()) {
      res.values[c] = Cube::kAbsent;
    }
  }
  for (const Cube& conj : expected.conjunctural) {
    res = t;
    bool agrees = true;
    for (size_t c = 0; c < k; ++c) {
      if (free_in_q(c) && conj.values[c] != Cube::kAbsent) {
        agrees = agrees && conj.values[c] == t.values[c];
      }
    }
    if (agrees) continue;
    for (size_t c = 0; c < k; ++c) {
      if (free_in_q(c) && conj.values[c] != Cube::kAbsent) res.values[c] = Cube::kAbsent;
    }
  }
  return res;
}

}  // namespace

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
          Cube widened = SelectionTerm(t, q, expected);
          double configurations = 1;
          for (size_t c = 0; c < widened.values.size(); ++c) {
            if (widened.values[c] == Cube::kAbsent) configurations *= base.levels[c];
          }
          if (configurations > kMaxEnumerated) {
            return core::Status::InvalidInput(fmt::format(
                "problem too large: the intermediate solution's selection term {} spans {:g} "
                "configurations (at most {:g} are enumerated); give more directional "
                "expectations or use fewer conditions",
                FormatTerm(widened, tt.data->conditions, false), configurations, kMaxEnumerated));
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
      mo.time_limit_s = options.time_limit_s;
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
