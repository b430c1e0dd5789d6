#include "duckweed/app/qca_robustness.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "duckweed/qca/calibrate.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"

namespace duckweed::app {

namespace {

bool HasPositiveRow(const qca::TruthTable& tt) {
  return std::any_of(tt.rows.begin(), tt.rows.end(),
                     [](const qca::TruthTableRow& r) { return r.out == '1'; });
}

// Counts each term of one grid point's solution (term_fits lists every term once).
void Record(const qca::Solution& s, double incl_cut, std::vector<TermShare>& terms,
            std::map<std::string, size_t>& index) {
  for (const auto& fit : s.term_fits) {
    std::string key = s.kind + "\t" + fit.expression;
    auto [it, added] = index.emplace(key, terms.size());
    if (added) terms.push_back({s.kind, fit.expression, 0, 0, 0, false, incl_cut, incl_cut});
    TermShare& t = terms[it->second];
    ++t.count;
    bool everywhere = std::all_of(s.models.begin(), s.models.end(), [&](const qca::Model& m) {
      return std::find(m.terms.begin(), m.terms.end(), fit.term) != m.terms.end();
    });
    t.in_every_model += everywhere ? 1 : 0;
    t.min_incl_cut = std::min(t.min_incl_cut, incl_cut);
    t.max_incl_cut = std::max(t.max_incl_cut, incl_cut);
  }
}

// The whole grid's wall-clock budget (`seconds` <= 0: none).
class GridClock {
 public:
  explicit GridClock(double seconds)
      : seconds_(seconds), start_(std::chrono::steady_clock::now()) {}
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  bool Over() const { return seconds_ > 0 && Elapsed() >= seconds_; }
  // What a minimisation may still take: 0 (no limit) when the grid has none.
  double Left() const { return seconds_ > 0 ? std::max(seconds_ - Elapsed(), 1e-9) : 0; }
  core::Status Error(int done, int total, const qca::Dataset& data) const {
    return core::Status::InvalidInput(fmt::format(
        "qca robustness: the grid did not finish within --time-limit {} s: {} of {} grid points "
        "done ({} conditions, {} cases); raise --time-limit (0: none), use fewer conditions or a "
        "smaller grid",
        seconds_, done, total, data.condition_count(), data.case_count()));
  }

 private:
  double seconds_;
  std::chrono::steady_clock::time_point start_;
};

// A minimisation's bad-input error (such as "problem too large"), prefixed with its grid point.
core::Status PointError(const core::Status& status, const GridPoint& p) {
  if (status.code() != core::Code::kInvalidInput) return status;
  std::string where = p.calibration.empty() ? "" : fmt::format("calibration {}, ", p.calibration);
  return core::Status::InvalidInput(
      fmt::format("qca robustness at {}incl.cut {:g}, n.cut {}, {} solution: {}", where, p.incl_cut,
                  p.n_cut, p.kind, status.message()),
      status.diagnostics().front().where);
}

}  // namespace

core::Result<RobustnessResult> RunRobustness(const qca::Dataset& data,
                                             const RobustnessOptions& options) {
  return RunRobustness(std::vector<CalibratedData>{{"", data}}, options);
}

core::Result<RobustnessResult> RunRobustness(const std::vector<CalibratedData>& variants,
                                             const RobustnessOptions& options) {
  if (options.incl_cuts.empty() || options.n_cuts.empty() || options.kinds.empty() ||
      variants.empty()) {
    return core::Status::Usage("robustness: give at least one --incl-cuts and one --n-cuts value");
  }
  const GridClock clock(options.time_limit_s);
  const int total =
      static_cast<int>(variants.size() * options.incl_cuts.size() * options.n_cuts.size());
  RobustnessResult result;
  std::map<std::string, size_t> index;
  if (options.progress != nullptr) options.progress->SetTotal(total);
  if (options.control != nullptr) options.control->SetTotal(total);
  for (const auto& variant : variants) {
    for (double incl : options.incl_cuts) {
      for (int n : options.n_cuts) {
        if (options.control != nullptr && options.control->cancelled()) {
          return core::CancelledStatus();
        }
        qca::TruthTableOptions tto;
        tto.incl_cut = {incl};
        tto.n_cut = n;
        DUCKWEED_ASSIGN_OR_RETURN(qca::TruthTable tt, qca::BuildTruthTable(variant.data, tto));
        for (const auto& kind : options.kinds) {
          GridPoint point{variant.label, incl, n, kind, {}};
          if (HasPositiveRow(tt)) {
            if (clock.Over()) return clock.Error(result.grid_points, total, variant.data);
            qca::SolveOptions so;
            so.include_remainders = kind == "parsimonious";
            so.time_limit_s = clock.Left();
            auto s = qca::Solve(tt, so);
            if (!s.ok() && clock.Over()) {
              return clock.Error(result.grid_points, total, variant.data);
            }
            if (!s.ok()) return PointError(s.status(), point);
            for (const auto& m : s->models) point.models.push_back(m.expression);
            Record(*s, incl, result.terms, index);
          }
          result.points.push_back(std::move(point));
        }
        ++result.grid_points;
        if (options.progress != nullptr) options.progress->Advance();
        if (options.control != nullptr) options.control->Advance();
      }
    }
  }
  for (auto& t : result.terms) {
    t.share = static_cast<double>(t.count) / result.grid_points;
    t.survives = t.in_every_model == result.grid_points;
  }
  std::stable_sort(result.terms.begin(), result.terms.end(),
                   [](const TermShare& a, const TermShare& b) {
                     if (a.kind != b.kind) return a.kind > b.kind;  // parsimonious first
                     return a.count > b.count;
                   });
  return result;
}

namespace {

struct AnchorSpec {
  std::string text, column;
  size_t index = 0;
  std::vector<qca::FuzzyAnchors> sets;
};

core::Result<AnchorSpec> ParseAnchorSpec(const core::CsvTable& table, const std::string& text) {
  AnchorSpec a;
  a.text = text;
  size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return core::Status::Usage(
        fmt::format("--anchors '{}': expected COLUMN=E,C,I[;E,C,I...]", text));
  }
  a.column = text.substr(0, eq);
  auto col = table.ColumnIndex(a.column);
  if (!col) {
    return core::Status::InvalidInput(
        fmt::format("--anchors '{}': the data have no column '{}'", text, a.column));
  }
  a.index = *col;
  std::string rest = text.substr(eq + 1);
  size_t start = 0;
  while (start <= rest.size()) {
    size_t semi = rest.find(';', start);
    if (semi == std::string::npos) semi = rest.size();
    std::string set = rest.substr(start, semi - start);
    double e = 0, c = 0, i = 0;
    char tail = 0;
    if (std::sscanf(set.c_str(), "%lf,%lf,%lf%c", &e, &c, &i, &tail) != 3) {
      return core::Status::Usage(fmt::format(
          "--anchors '{}': expected three numbers E,C,I per anchor set, found '{}'", text, set));
    }
    qca::FuzzyAnchors anchors{e, c, i};
    auto check = qca::CalibrateFuzzy({}, anchors);
    if (!check.ok()) {
      return core::Status::InvalidInput(
          fmt::format("--anchors '{}': {}", text, check.status().message()));
    }
    a.sets.push_back(anchors);
    start = semi + 1;
  }
  return a;
}

// The table as CSV text with `column`s replaced by their calibrated memberships.
std::string CalibratedCsv(const core::CsvTable& table,
                          const std::map<size_t, std::vector<double>>& calibrated) {
  std::string out;
  for (size_t c = 0; c < table.column_count(); ++c) {
    if (c) out += ',';
    out += core::CsvEscape(table.header()[c]);
  }
  out += "\n";
  for (size_t r = 0; r < table.row_count(); ++r) {
    for (size_t c = 0; c < table.column_count(); ++c) {
      if (c) out += ',';
      auto it = calibrated.find(c);
      out += it != calibrated.end() ? fmt::format("{}", it->second[r])
                                    : core::CsvEscape(table.text(r, c));
    }
    out += "\n";
  }
  return out;
}

}  // namespace

core::Result<std::vector<CalibratedData>> CalibrationVariants(
    const core::CsvTable& table, const qca::DatasetSpec& spec,
    const std::vector<std::string>& anchor_specs) {
  std::vector<AnchorSpec> specs;
  std::map<size_t, std::vector<double>> raw;
  for (const auto& text : anchor_specs) {
    DUCKWEED_ASSIGN_OR_RETURN(AnchorSpec a, ParseAnchorSpec(table, text));
    core::DiagnosticSink sink;
    std::vector<double> x(table.row_count());
    for (size_t r = 0; r < table.row_count(); ++r) {
      core::DiagnosticSink local;
      auto v = table.Real(r, a.index, local);
      if (!v || !std::isfinite(*v)) {
        sink.Add(table.Where(r, a.index),
                 fmt::format("case {}, column '{}': expected a raw number to calibrate, found '{}'",
                             r + 1, a.column, table.text(r, a.index)));
        continue;
      }
      x[r] = *v;
    }
    if (!sink.empty()) return sink.ToStatus();
    raw[a.index] = std::move(x);
    specs.push_back(std::move(a));
  }
  std::vector<CalibratedData> out;
  std::vector<size_t> choice(specs.size(), 0);
  while (true) {
    std::map<size_t, std::vector<double>> calibrated;
    std::string label;
    for (size_t s = 0; s < specs.size(); ++s) {
      const qca::FuzzyAnchors& a = specs[s].sets[choice[s]];
      calibrated[specs[s].index] = *qca::CalibrateFuzzy(raw[specs[s].index], a);
      label += fmt::format("{}{}={:g},{:g},{:g}", s ? "; " : "", specs[s].column, a.exclusion,
                           a.crossover, a.inclusion);
    }
    DUCKWEED_ASSIGN_OR_RETURN(auto csv,
                              core::ParseCsv(CalibratedCsv(table, calibrated), table.source()));
    DUCKWEED_ASSIGN_OR_RETURN(qca::Dataset d, qca::DatasetFromCsv(csv, spec));
    out.push_back({label, std::move(d)});
    size_t s = 0;
    while (s < specs.size() && ++choice[s] == specs[s].sets.size()) choice[s++] = 0;
    if (s == specs.size()) break;
  }
  return out;
}

core::Result<RobustnessResult> RobustnessOfTable(const core::CsvTable& table,
                                                 const RobustnessRequest& request) {
  std::vector<CalibratedData> variants;
  if (request.anchors.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(qca::Dataset data, qca::DatasetFromCsv(table, request.spec));
    variants.push_back({"", std::move(data)});
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(variants, CalibrationVariants(table, request.spec, request.anchors));
  }
  return RunRobustness(variants, request.grid);
}

std::string RobustnessText(const RobustnessResult& r) {
  std::string out = fmt::format("grid points: {}\n", r.grid_points);
  std::string kind;
  for (const auto& t : r.terms) {
    if (t.kind != kind) {
      kind = t.kind;
      out += fmt::format("\n{} terms\n  {:<24} {:>5}  {:>6}  {:>10}  {}\n", kind, "term", "share",
                         "points", "all models", "incl.cut range");
    }
    out += fmt::format("  {:<24} {:>5.2f}  {:>6}  {:>10}  {:g}..{:g}\n", t.expression, t.share,
                       t.count, t.in_every_model, t.min_incl_cut, t.max_incl_cut);
  }
  std::map<std::string, std::string> core;  // kind -> terms surviving the whole grid
  for (const auto& t : r.terms) {
    if (t.survives) core[t.kind] += (core[t.kind].empty() ? "" : ", ") + t.expression;
  }
  for (const std::string k : {"parsimonious", "complex"}) {
    bool present = std::any_of(r.terms.begin(), r.terms.end(),
                               [&](const TermShare& t) { return t.kind == k; });
    if (!present) continue;
    out += fmt::format("\n{} robust core (in every model at every grid point): {}\n", k,
                       core[k].empty() ? "none" : core[k]);
  }
  out += "\nincl.cut  n.cut  solution      models\n";
  std::string calibration;
  for (const auto& p : r.points) {
    if (!p.calibration.empty() && p.calibration != calibration) {
      calibration = p.calibration;
      out += fmt::format("calibration {}\n", calibration);
    }
    if (p.models.empty()) {
      out += fmt::format("{:<8g}  {:>5}  {:<12}  (no OUT = 1 row)\n", p.incl_cut, p.n_cut, p.kind);
      continue;
    }
    for (size_t m = 0; m < p.models.size(); ++m) {
      out += fmt::format("{:<8g}  {:>5}  {:<12}  M{}: {}\n", p.incl_cut, p.n_cut, p.kind, m + 1,
                         p.models[m]);
    }
  }
  return out;
}

std::string RobustnessJson(const RobustnessResult& r) {
  nlohmann::json j;
  j["grid_points"] = r.grid_points;
  j["terms"] = nlohmann::json::array();
  for (const auto& t : r.terms) {
    j["terms"].push_back({{"solution", t.kind},
                          {"term", t.expression},
                          {"count", t.count},
                          {"share", t.share},
                          {"in_every_model", t.in_every_model},
                          {"survives", t.survives},
                          {"min_incl_cut", t.min_incl_cut},
                          {"max_incl_cut", t.max_incl_cut}});
  }
  j["points"] = nlohmann::json::array();
  for (const auto& p : r.points) {
    j["points"].push_back({{"calibration", p.calibration},
                           {"incl_cut", p.incl_cut},
                           {"n_cut", p.n_cut},
                           {"solution", p.kind},
                           {"model", p.models.empty() ? "" : p.models.front()},  // M1, as before
                           {"models", p.models}});
  }
  return j.dump(2);
}

}  // namespace duckweed::app
