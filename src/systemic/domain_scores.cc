#include "duckweed/systemic/domain_scores.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;

namespace {

void CheckDirection(const IndicatorSpec& spec, double baseline, DiagnosticSink& sink) {
  if (spec.direction.empty()) return;
  const bool up = spec.target > baseline;
  if ((spec.direction == "up") != up) {
    sink.Add(spec.where, fmt::format("direction '{}' contradicts baseline {} -> target {}",
                                     spec.direction, baseline, spec.target));
  }
}

}  // namespace

Result<std::vector<IndicatorSpec>> ParseIndicatorSpecs(const core::CsvTable& t,
                                                       const Taxonomy& taxonomy) {
  DiagnosticSink sink;
  auto c_ind = t.RequireColumn("indicator", sink);
  auto c_dom = t.RequireColumn("domain", sink);
  const auto c_target = t.ColumnIndex("target"), c_piece = t.ColumnIndex("piecewise"),
             c_base = t.ColumnIndex("baseline"), c_year = t.ColumnIndex("baseline_year"),
             c_dir = t.ColumnIndex("direction"), c_weight = t.ColumnIndex("weight");
  if (!sink.empty()) return sink.ToStatus();
  std::vector<IndicatorSpec> specs;
  std::set<std::string> seen;
  for (size_t r = 0; r < t.row_count(); ++r) {
    IndicatorSpec s;
    s.where = t.Where(r, *c_ind);
    s.indicator = t.String(r, *c_ind, sink).value_or("");
    s.domain = t.String(r, *c_dom, sink).value_or("");
    if (!s.indicator.empty() && !seen.insert(s.indicator).second) {
      sink.Add(s.where, fmt::format("indicator '{}' declared twice", s.indicator));
    }
    if (!s.domain.empty()) {
      if (const Domain* d = taxonomy.Resolve(s.domain)) {
        s.domain = d->id;  // an alias or ADEME theme names its domain
      } else {
        auto known = taxonomy.RequireKnown(s.domain, t.Where(r, *c_dom));
        sink.Add(known.diagnostics()[0].where, known.diagnostics()[0].message);
      }
    }
    if (c_weight) s.weight = t.Real(r, *c_weight, sink, false).value_or(1.0);
    if (c_dir) {
      s.direction = t.text(r, *c_dir);
      if (!s.direction.empty() && s.direction != "up" && s.direction != "down") {
        sink.Add(t.Where(r, *c_dir), fmt::format("expected up or down, found '{}'", s.direction));
      }
    }
    const std::string piecewise = c_piece ? t.text(r, *c_piece) : "";
    if (!piecewise.empty()) {
      auto f = ValueFunction::ParsePiecewise(piecewise);
      if (f.ok())
        s.function = *f;
      else
        sink.Add(t.Where(r, *c_piece), f.status().message());
      specs.push_back(std::move(s));
      continue;
    }
    const auto target = c_target ? t.Real(r, *c_target, sink, false) : std::nullopt;
    if (!target) {
      sink.Add(s.where, "expected a target (or piecewise anchors), found none");
      continue;
    }
    s.target = *target;
    const auto baseline = c_base ? t.Real(r, *c_base, sink, false) : std::nullopt;
    if (c_year) {
      auto y = t.Integer(r, *c_year, sink, false);
      if (y) s.baseline_year = static_cast<int>(*y);
    }
    if (baseline) {
      CheckDirection(s, *baseline, sink);
      auto f = ValueFunction::Linear(*baseline, *target);
      if (f.ok())
        s.function = *f;
      else
        sink.Add(s.where, f.status().message());
    } else if (!s.baseline_year) {
      sink.Add(s.where, fmt::format("missing baseline for indicator '{}': give a baseline value "
                                    "or a baseline_year",
                                    s.indicator));
    }
    specs.push_back(std::move(s));
  }
  if (!sink.empty()) return sink.ToStatus();
  return specs;
}

Result<std::vector<Observation>> ParseObservations(const core::CsvTable& t,
                                                   const std::string& territory) {
  DiagnosticSink sink;
  auto c_ind = t.RequireColumn("indicator", sink);
  auto c_year = t.RequireColumn("year", sink);
  auto c_value = t.RequireColumn("value", sink);
  if (!sink.empty()) return sink.ToStatus();
  const auto c_territory = t.ColumnIndex("territory"), c_kind = t.ColumnIndex("kind");
  std::vector<Observation> out;
  for (size_t r = 0; r < t.row_count(); ++r) {
    if (!territory.empty() && c_territory && t.text(r, *c_territory) != territory) continue;
    if (c_kind && !t.text(r, *c_kind).empty() && t.text(r, *c_kind) != "result") continue;
    auto ind = t.String(r, *c_ind, sink);
    auto year = t.Integer(r, *c_year, sink);
    auto value = t.Real(r, *c_value, sink);
    if (ind && year && value) {
      out.push_back({*ind, static_cast<int>(*year), *value, t.Where(r, *c_value)});
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

std::optional<double> DomainScores::At(const std::string& domain, int year) const {
  auto d = std::find(domains.begin(), domains.end(), domain);
  auto y = std::find(years.begin(), years.end(), year);
  if (d == domains.end() || y == years.end()) return std::nullopt;
  return score[d - domains.begin()][y - years.begin()];
}

Result<DomainScores> ComputeDomainScores(const std::vector<IndicatorSpec>& specs,
                                         const std::vector<Observation>& observations,
                                         const Taxonomy& taxonomy,
                                         const DomainScoreOptions& options) {
  DiagnosticSink sink;
  std::map<std::string, const IndicatorSpec*> by_id;
  for (const auto& s : specs) by_id[s.indicator] = &s;
  std::map<std::pair<std::string, int>, const Observation*> obs;
  std::set<int> years;
  for (const auto& o : observations) {
    if (!by_id.count(o.indicator)) {
      sink.Add(o.where, fmt::format("unknown indicator '{}': not declared in the specification",
                                    o.indicator));
      continue;
    }
    if (!obs.emplace(std::pair{o.indicator, o.year}, &o).second) {
      sink.Add(o.where, fmt::format("indicator '{}' observed twice in {}", o.indicator, o.year));
    }
    years.insert(o.year);
  }
  std::map<std::string, ValueFunction> functions;
  for (const auto& s : specs) {
    if (s.function) {
      functions.emplace(s.indicator, *s.function);
      continue;
    }
    auto base = obs.find({s.indicator, *s.baseline_year});
    if (base == obs.end()) {
      sink.Add(s.where, fmt::format("missing baseline: indicator '{}' has no observation in its "
                                    "baseline year {}",
                                    s.indicator, *s.baseline_year));
      continue;
    }
    CheckDirection(s, base->second->value, sink);
    auto f = ValueFunction::Linear(base->second->value, s.target);
    if (!f.ok())
      sink.Add(s.where, f.status().message());
    else
      functions.emplace(s.indicator, *f);
  }
  if (!sink.empty()) return sink.ToStatus();

  DomainScores out;
  for (const auto& d : taxonomy.domains()) out.domains.push_back(d.id);
  out.years.assign(years.begin(), years.end());
  const size_t nd = out.domains.size(), ny = out.years.size();
  std::vector<std::vector<double>> sum(nd, std::vector<double>(ny)), weight = sum;
  out.used.assign(nd, std::vector<int>(ny, 0));
  out.carried = out.used;
  out.declared.assign(nd, 0);
  auto domain_index = [&](const std::string& id) {
    return std::find(out.domains.begin(), out.domains.end(), id) - out.domains.begin();
  };
  for (const auto& s : specs) ++out.declared[domain_index(s.domain)];
  for (const auto& spec : specs) {
    const size_t d = domain_index(spec.domain);
    for (size_t y = 0; y < ny; ++y) {
      // This year's observation, else the latest one within the carry-forward window.
      const Observation* o = nullptr;
      for (int back = 0; back <= options.carry_forward_years && !o; ++back) {
        auto it = obs.find({spec.indicator, out.years[y] - back});
        if (it != obs.end()) o = it->second;
      }
      if (!o) continue;
      const double score = functions.at(spec.indicator).Apply(o->value);
      sum[d][y] += spec.weight * score;
      weight[d][y] += spec.weight;
      ++out.used[d][y];
      if (o->year != out.years[y]) ++out.carried[d][y];
      if (o->year == out.years[y]) {
        out.indicators.push_back({spec.indicator, spec.domain, o->year, o->value, score});
      }
    }
  }
  out.score.assign(nd, std::vector<std::optional<double>>(ny));
  for (size_t d = 0; d < nd; ++d) {
    for (size_t y = 0; y < ny; ++y) {
      if (weight[d][y] > 0) out.score[d][y] = sum[d][y] / weight[d][y];
    }
  }
  return out;
}

}  // namespace duckweed::evaluate
