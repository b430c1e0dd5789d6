// `evaluate TOWN --out DIR`: the offline HTML report (domains, systemic score, postures, emergent
// outcomes, référentiel) and its JSON record.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/evaluate/store_source.h"
#include "duckweed/evaluate/taxonomy.h"
#include "duckweed/report/html.h"
#include "duckweed/report/svg.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

struct TownOptions {
  int carry_forward = 0;
  std::string town, out, indicators, observations, capacity, survey, scale = "1:5";
  ReferentielFiles referentiel;
};

Result<std::vector<evaluate::Observation>> StoreObservations(CliContext& ctx,
                                                             const std::string& town,
                                                             std::vector<std::string>& notes) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, db->FindTerritory(town));
  if (!territory) return Status::NotFound(fmt::format("no territory '{}' in {}", town, path));
  DUCKWEED_ASSIGN_OR_RETURN(auto rows, db->ListObservations(territory->id));
  std::vector<evaluate::Observation> out;
  for (const auto& o : rows) {
    if (o.kind == "result")
      out.push_back({o.indicator_id, o.year, o.value, {path, 0, 0, o.indicator_id}});
  }
  notes.push_back(fmt::format("Observations of {} ({}) from the database {}.", territory->name,
                              territory->id, path));
  return out;
}

// Domain scores: specifications from --indicators (else targets in the store), observations from
// --observations (rows of the town when the CSV has a territory column; else the store). In a
// report, observations of undeclared indicators are left out with a note instead of failing.
Result<evaluate::DomainScores> TownDomainScores(const TownOptions& o, CliContext& ctx,
                                                std::vector<std::string>& notes) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  std::vector<evaluate::IndicatorSpec> specs;
  std::vector<evaluate::Observation> obs;
  if (o.indicators.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
    DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
    DUCKWEED_ASSIGN_OR_RETURN(auto in, evaluate::LoadTownFromStore(*db, o.town, taxonomy));
    notes.push_back(
        fmt::format("Indicators, targets and observations of {} ({}) from the "
                    "database {}.",
                    in.territory.name, in.territory.id, path));
    for (const auto& skipped : in.skipped) notes.push_back("Left out: " + skipped);
    specs = std::move(in.specs);
    obs = std::move(in.observations);
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(o.indicators));
    DUCKWEED_ASSIGN_OR_RETURN(specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
    notes.push_back("Indicators, value functions and targets from " + o.indicators + ".");
    if (o.observations.empty()) {
      DUCKWEED_ASSIGN_OR_RETURN(obs, StoreObservations(ctx, o.town, notes));
    } else {
      DUCKWEED_ASSIGN_OR_RETURN(auto obs_table, core::ReadCsvFile(o.observations));
      DUCKWEED_ASSIGN_OR_RETURN(obs, evaluate::ParseObservations(obs_table, o.town));
      notes.push_back("Observations from " + o.observations + ".");
    }
  }
  std::set<std::string> declared, ignored;
  for (const auto& spec : specs) declared.insert(spec.indicator);
  std::erase_if(obs, [&](const evaluate::Observation& x) {
    return !declared.count(x.indicator) && ignored.insert(x.indicator).second | true;
  });
  if (!ignored.empty()) {
    notes.push_back(fmt::format("Observed but not evaluated (no value function declared): {}.",
                                fmt::join(ignored, ", ")));
  }
  if (obs.empty()) {
    return Status::InvalidInput(
        fmt::format("no observation of '{}' for the declared indicators", o.town));
  }
  if (o.carry_forward > 0) {
    notes.push_back(
        fmt::format("A year without an observation reuses the latest one at most {} "
                    "years old (last observation carried forward).",
                    o.carry_forward));
  }
  return evaluate::ComputeDomainScores(specs, obs, taxonomy, {o.carry_forward});
}

void AddDomainSections(report::HtmlReport& html, const evaluate::DomainScores& s) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  std::vector<std::string> names;
  for (const auto& id : s.domains) names.push_back(taxonomy.Find(id)->name);
  html.AddHeading("Domains");
  std::vector<report::Series> radar;
  for (size_t y : {size_t{0}, s.years.size() - 1}) {
    if (s.years.empty() || (y == s.years.size() - 1 && y == 0 && !radar.empty())) continue;
    report::Series series{std::to_string(s.years[y]), {}};
    for (size_t d = 0; d < s.domains.size(); ++d) series.values.push_back(s.score[d][y]);
    radar.push_back(std::move(series));
  }
  report::ChartOptions ro;
  ro.title = "Domain scores, first and last year";
  ro.height = 380;
  html.AddFigure(report::RadarChart(names, radar, ro),
                 "Scores in [0,1]: 0 at the baseline, 1 at the target; n/a = no observation.");
  std::vector<std::string> years;
  for (int y : s.years) years.push_back(std::to_string(y));
  std::vector<report::Series> lines;
  for (size_t d = 0; d < s.domains.size(); ++d) {
    bool any = false;
    for (const auto& v : s.score[d]) any |= v.has_value();
    if (any) lines.push_back({names[d], s.score[d]});
  }
  report::ChartOptions lo;
  lo.title = "Trajectories by domain";
  lo.y_min = 0;
  lo.y_max = 1;
  html.AddFigure(report::LineChart(years, lines, lo), "Gaps are years without observations.");
  std::vector<std::string> header = {"domain", "indicators"};
  header.insert(header.end(), years.begin(), years.end());
  std::vector<std::vector<std::string>> rows;
  for (size_t d = 0; d < s.domains.size(); ++d) {
    std::vector<std::string> row = {names[d], std::to_string(s.declared[d])};
    for (size_t y = 0; y < s.years.size(); ++y) {
      row.push_back(s.score[d][y] ? fmt::format("{:.2f} ({}{})", *s.score[d][y], s.used[d][y],
                                                s.carried[d][y] > 0 ? "*" : "")
                                  : "n/a");
    }
    rows.push_back(std::move(row));
  }
  html.AddTable(header, rows);
  html.AddNote(
      "In brackets: the number of indicators behind each score; * = some carried forward "
      "from an earlier year.");
}

void AddSystemicSection(report::HtmlReport& html, const std::vector<evaluate::YearAggregate>& sys,
                        const std::string& capacity_path) {
  html.AddHeading("Systemic score");
  html.AddParagraph(
      "The Choquet integral aggregates the domain scores with the capacity's importances and "
      "interactions; beside it, the weighted sum with the same importances. Their difference, the "
      "systemic surplus, is what the domains' synergies add (or their redundancies take away).");
  std::vector<std::string> years;
  report::Series choquet{"Choquet", {}}, weighted{"weighted sum", {}}, surplus{"surplus", {}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& ya : sys) {
    years.push_back(std::to_string(ya.year));
    auto pick = [&](double evaluate::Aggregate::*field) {
      return ya.result ? std::optional((*ya.result).*field) : std::nullopt;
    };
    choquet.values.push_back(pick(&evaluate::Aggregate::choquet));
    weighted.values.push_back(pick(&evaluate::Aggregate::weighted_sum));
    surplus.values.push_back(ya.result ? std::optional(Clean(ya.result->surplus)) : std::nullopt);
    rows.push_back({years.back(), Num(choquet.values.back()), Num(weighted.values.back()),
                    Num(surplus.values.back(), "{:+.3f}"),
                    fmt::format("{}", fmt::join(ya.missing, ", "))});
  }
  report::ChartOptions o;
  o.title = "Systemic score and weighted sum";
  o.y_min = 0;
  o.y_max = 1;
  html.AddFigure(report::LineChart(years, {choquet, weighted}, o),
                 "A year is missing when one of the capacity's domains has no score.");
  report::ChartOptions so;
  so.title = "Systemic surplus over the years";
  std::vector<report::Bar> bars;
  for (size_t k = 0; k < years.size(); ++k) bars.push_back({years[k], surplus.values[k]});
  html.AddFigure(report::BarChart(bars, so), "Choquet minus weighted sum.");
  html.AddTable({"year", "Choquet", "weighted sum", "surplus", "missing domains"}, rows);
  html.AddNote("Capacity: " + capacity_path);
}

void AddPostureSection(report::HtmlReport& html, const std::vector<evaluate::PostureCell>& cells,
                       const evaluate::LikertScale& scale) {
  html.AddHeading("Postures");
  int last = 0;
  for (const auto& c : cells) last = std::max(last, c.year);
  std::vector<report::Bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : cells) {
    rows.push_back({c.group, std::to_string(c.year), c.item == "*" ? "index" : c.item,
                    std::to_string(c.n), fmt::format("{:.2f}", c.mean.mean),
                    fmt::format("[{:.2f}, {:.2f}]", c.mean.ci.low, c.mean.ci.high),
                    fmt::format("{:.0f}% [{:.0f}%, {:.0f}%]", 100 * c.agree_share,
                                100 * c.agree_ci.low, 100 * c.agree_ci.high)});
    if (c.year == last) {
      bars.push_back({c.group + " " + (c.item == "*" ? "index" : c.item), c.mean.mean,
                      c.mean.ci.low, c.mean.ci.high});
    }
  }
  report::ChartOptions o;
  o.title = fmt::format("Mean answers in {} (95% intervals)", last);
  o.y_min = scale.min;
  o.y_max = scale.max;
  o.width = std::max(560, static_cast<int>(bars.size()) * 70);
  html.AddFigure(report::BarChart(bars, o), "Likert answers; error bars are t-intervals.");
  html.AddTable({"group", "year", "item", "n", "mean", "95% CI", "agree (Wilson 95% CI)"}, rows);
}

// Trust, image and attractiveness (survey items of those names, rescaled to [0,1]) beside the
// systemic score, year by year: the outcomes that are meant to "more than add up".
void AddEmergentSection(report::HtmlReport& html, const std::vector<evaluate::YearAggregate>& sys,
                        const std::vector<evaluate::PostureCell>& cells,
                        const evaluate::LikertScale& scale) {
  std::set<int> year_set;
  for (const auto& ya : sys) year_set.insert(ya.year);
  std::map<std::string, std::map<int, double>> outcomes;
  for (const auto& c : cells) {
    if (c.item != "trust" && c.item != "image" && c.item != "attractiveness") continue;
    outcomes[c.group + " " + c.item][c.year] = (c.mean.mean - scale.min) / (scale.max - scale.min);
    year_set.insert(c.year);
  }
  if (outcomes.empty() || sys.empty()) return;
  const std::vector<int> years(year_set.begin(), year_set.end());
  std::vector<std::string> labels;
  report::Series systemic{"systemic score (Choquet)", {}};
  for (int y : years) {
    labels.push_back(std::to_string(y));
    std::optional<double> v;
    for (const auto& ya : sys) {
      if (ya.year == y && ya.result) v = ya.result->choquet;
    }
    systemic.values.push_back(v);
  }
  std::vector<report::Series> series = {systemic};
  for (const auto& [name, by_year] : outcomes) {
    report::Series ser{name, {}};
    for (int y : years) {
      auto it = by_year.find(y);
      ser.values.push_back(it == by_year.end() ? std::nullopt : std::optional(it->second));
    }
    series.push_back(std::move(ser));
  }
  html.AddHeading("Emergent outcomes");
  report::ChartOptions o;
  o.title = "Trust, image, attractiveness and the systemic score";
  o.y_min = 0;
  o.y_max = 1;
  html.AddFigure(report::LineChart(labels, series, o),
                 "Survey means rescaled from the Likert scale to [0,1]; gaps are years without "
                 "data.");
}

void AddReferentielSection(report::HtmlReport& html, const ReferentielResult& r) {
  html.AddHeading("Référentiel " + r.referentiel.id());
  std::vector<report::Bar> bars;
  for (int a : r.referentiel.axes()) {
    const auto& s = r.score.nodes[a];
    bars.push_back(
        {r.referentiel.nodes()[a].id, s.concerne ? std::optional(s.realise_pct()) : std::nullopt});
  }
  report::ChartOptions o;
  o.title = "Réalisé per axis (% of the personalised potential)";
  o.y_min = 0;
  o.y_max = 100;
  html.AddFigure(report::BarChart(bars, o), "n/a: axis not concerned.");
  html.AddParagraph(
      fmt::format("Total: {:.1f}% réalisé, {:.1f}% programmé of {:.1f} points: {} "
                  "star(s) (thresholds 35/50/65/75%).",
                  r.score.total.realise_pct(), r.score.total.programme_pct(),
                  r.score.total.potential, r.score.stars));
}

Status RunTownReport(const TownOptions& o, CliContext& ctx) {
  if (o.out.empty()) return Status::Usage("evaluate TOWN needs --out DIR");
  std::vector<std::string> notes;
  DUCKWEED_ASSIGN_OR_RETURN(auto scores, TownDomainScores(o, ctx, notes));
  report::HtmlReport html("Systemic evaluation: " + o.town);
  ordered_json record;
  record["town"] = o.town;
  AddDomainSections(html, scores);
  TownScores town{scores, std::nullopt, {}};
  if (!o.capacity.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto capacity, LoadCapacity(o.capacity));
    auto by_year = evaluate::AggregateByYear(capacity, scores);
    if (!by_year.ok()) {
      auto d = by_year.status().diagnostics();
      for (auto& one : d) one.where.source = o.capacity;
      return Status::FromDiagnostics(std::move(d));
    }
    town.systemic = std::move(by_year).value();
    AddSystemicSection(html, town.systemic, o.capacity);
  }
  record["scores"] = ScoresJson(town);
  if (!o.survey.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto scale, ParseScale(o.scale, 0));
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.survey));
    DUCKWEED_ASSIGN_OR_RETURN(auto cells, evaluate::SummarisePostures(table, scale));
    AddPostureSection(html, cells, scale);
    AddEmergentSection(html, town.systemic, cells, scale);
    record["postures"] = ordered_json::array();
    for (const auto& c : cells) record["postures"].push_back(PostureJson(c));
  }
  if (!o.referentiel.tree.empty() || !o.referentiel.actions.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto r, ScoreReferentielFiles(o.referentiel));
    AddReferentielSection(html, r);
    record["referentiel"] = ReferentielJson(r);
  }
  html.AddHeading("Sources and caveats");
  for (const auto& note : notes) html.AddNote(note);
  DUCKWEED_RETURN_IF_ERROR(html.WriteTo(o.out));
  DUCKWEED_RETURN_IF_ERROR(
      core::WriteFileAtomic(std::filesystem::path(o.out) / "evaluation.json", record.dump(2)));
  if (ctx.json) {
    std::printf("%s\n", record.dump(2).c_str());
  } else {
    std::printf("report written to %s/index.html (data: %s/evaluation.json)\n", o.out.c_str(),
                o.out.c_str());
  }
  return Status::Ok();
}

void AddTownOptions(CLI::App& evaluate, TownOptions& o) {
  evaluate.add_option("town", o.town, "Town to report on (territory id or name)");
  evaluate.add_option("--out", o.out, "Directory for index.html and evaluation.json");
  evaluate.add_option("--indicators", o.indicators, "Indicator specification CSV (else the store)");
  evaluate.add_option("--observations", o.observations,
                      "Observation CSV (rows of TOWN when it has a territory column)");
  evaluate.add_option("--capacity", o.capacity, "Capacity JSON for the systemic score");
  evaluate.add_option("--carry-forward", o.carry_forward,
                      "Reuse an indicator's latest observation up to N years old (default 0)");
  evaluate.add_option("--survey", o.survey, "Likert survey CSV for postures");
  evaluate.add_option("--scale", o.scale, "Likert scale MIN:MAX")->capture_default_str();
  evaluate.add_option("--tree", o.referentiel.tree, "Référentiel tree JSON");
  evaluate.add_option("--actions", o.referentiel.actions, "Référentiel actions CSV");
  evaluate.add_option("--statuses", o.referentiel.statuses, "Référentiel statuses CSV");
  evaluate.add_option("--identity", o.referentiel.identity,
                      "Référentiel personnalisation: type=...,population=N,localisation=...");
  evaluate.add_option("--answers", o.referentiel.answers,
                      "Référentiel personnalisation answers CSV: question_id,reponse");
  evaluate.add_option("--criteria", o.referentiel.criteria, "Star prerequisites CSV");
}

}  // namespace

void RegisterEvaluateTownReport(CLI::App& evaluate, CliContext& ctx) {
  auto town = std::make_shared<TownOptions>();
  AddTownOptions(evaluate, *town);
  evaluate.callback([&evaluate, town, &ctx] {
    if (!evaluate.get_subcommands().empty()) return;  // a sub-verb ran and set the outcome
    ctx.outcome = town->town.empty()
                      ? Status::Usage(
                            "evaluate: give a TOWN (with --out DIR) or a sub-verb; see "
                            "duckweed evaluate --help")
                      : RunTownReport(*town, ctx);
  });
}

}  // namespace duckweed::cli
