// Verbs `duckweed evaluate ...` (systemic evaluation of a town) and `duckweed transfer ...`.
// Thin: each verb reads its files, calls the evaluate module, and prints a table or JSON.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli/verbs.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/evaluate/aggregate.h"
#include "duckweed/evaluate/capacity.h"
#include "duckweed/evaluate/domain_scores.h"
#include "duckweed/evaluate/identify.h"
#include "duckweed/evaluate/peers.h"
#include "duckweed/evaluate/postures.h"
#include "duckweed/evaluate/referentiel.h"
#include "duckweed/evaluate/referentiel_score.h"
#include "duckweed/evaluate/store_source.h"
#include "duckweed/evaluate/taxonomy.h"
#include "duckweed/evaluate/transfer.h"
#include "duckweed/report/html.h"
#include "duckweed/report/svg.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

Result<evaluate::TwoAdditiveCapacity> LoadCapacity(const std::string& path) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  return evaluate::ParseCapacityJson(text, path);
}

// Rounds away floating-point dust so that an exact tie prints as 0, not -0.0000.
double Clean(double v) { return std::abs(v) < 5e-13 ? 0.0 : v; }

ordered_json OptionalNumber(const std::optional<double>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

Status RunAggregate(const std::string& capacity_path, const std::string& scores_path, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(auto capacity, LoadCapacity(capacity_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(scores_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto rows, evaluate::AggregateCsv(capacity, table));
  if (json) {
    ordered_json out;
    out["capacity"] = capacity_path;
    out["scores"] = scores_path;
    out["domains"] = capacity.criteria();
    out["rows"] = ordered_json::array();
    for (const auto& row : rows) {
      ordered_json r;
      r["label"] = row.label;
      r["line"] = row.line;
      r["choquet"] = OptionalNumber(row.result ? std::optional(row.result->choquet) : std::nullopt);
      r["weighted_sum"] =
          OptionalNumber(row.result ? std::optional(row.result->weighted_sum) : std::nullopt);
      r["surplus"] = OptionalNumber(row.result ? std::optional(row.result->surplus) : std::nullopt);
      r["missing"] = row.missing;
      out["rows"].push_back(std::move(r));
    }
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%-24s %9s %12s %9s\n", "row", "choquet", "weighted_sum", "surplus");
  for (const auto& row : rows) {
    if (!row.result) {
      std::printf("%-24s %9s %12s %9s  (missing: %s)\n", row.label.c_str(), "-", "-", "-",
                  fmt::format("{}", fmt::join(row.missing, ", ")).c_str());
      continue;
    }
    std::printf("%-24s %9.4f %12.4f %+9.4f\n", row.label.c_str(), row.result->choquet,
                row.result->weighted_sum, Clean(row.result->surplus));
  }
  return Status::Ok();
}

struct EvaluateOptions {
  std::string capacity, scores;
  bool json = false;
};

void RegisterAggregate(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<EvaluateOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "aggregate",
      "Choquet integral, weighted sum and systemic surplus of each row of domain scores");
  cmd->add_option("--capacity", opts->capacity,
                  "Capacity JSON: {\"shapley\":{domain:phi},\"interaction\":{\"a|b\":I}}")
      ->required();
  cmd->add_option("--scores", opts->scores,
                  "CSV: one column per domain (scores in [0,1]), "
                  "optional label columns town/year")
      ->required();
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind(
      [opts, &ctx] { return RunAggregate(opts->capacity, opts->scores, opts->json || ctx.json); }));
}

struct IdentifyOptions {
  std::string examples, judgement = "judgement", out;
  bool json = false;
};

Status RunIdentify(const IdentifyOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.examples));
  DUCKWEED_ASSIGN_OR_RETURN(auto found, evaluate::IdentifyCapacityFromCsv(table, o.judgement));
  const std::string capacity_json = evaluate::CapacityToJson(found.capacity);
  if (!o.out.empty()) DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(o.out, capacity_json));
  if (json) {
    ordered_json out;
    out["examples"] = o.examples;
    out["count"] = table.row_count();
    out["rmse"] = found.rmse;
    out["iterations"] = found.iterations;
    out["converged"] = found.converged;
    out["capacity"] = ordered_json::parse(capacity_json);
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("identified from %zu examples: rmse %.6g (%d iterations%s)\n", table.row_count(),
              found.rmse, found.iterations, found.converged ? "" : ", not converged");
  if (o.out.empty())
    std::printf("%s", capacity_json.c_str());
  else
    std::printf("capacity written to %s\n", o.out.c_str());
  return Status::Ok();
}

void RegisterIdentify(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<IdentifyOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "identify", "Least-squares 2-additive capacity from judged examples (as Kappalab)");
  cmd->add_option("--examples", opts->examples,
                  "CSV: one column per domain (scores in [0,1]), a judgement column, labels")
      ->required();
  cmd->add_option("--judgement", opts->judgement, "Name of the overall judgement column")
      ->capture_default_str();
  cmd->add_option("--out", opts->out, "Write the capacity JSON here (atomically)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunIdentify(*opts, opts->json || ctx.json); }));
}

Status RunDomains(bool json) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  if (json) {
    ordered_json out = ordered_json::array();
    for (const auto& d : taxonomy.domains()) {
      out.push_back({{"id", d.id},
                     {"name", d.name},
                     {"description", d.description},
                     {"ademe_thematiques", d.ademe_thematiques},
                     {"ademe_personnalisation", d.ademe_personnalisation}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  for (const auto& d : taxonomy.domains()) {
    std::printf("%-26s %-40s ADEME: %s\n", d.id.c_str(), d.name.c_str(),
                fmt::format("{}", fmt::join(d.ademe_thematiques, ", ")).c_str());
  }
  return Status::Ok();
}

struct ScoresOptions {
  int carry_forward = 0;
  std::string indicators, observations, capacity;
  bool json = false;
};

// Domain scores per year from files; the capacity is optional.
struct TownScores {
  evaluate::DomainScores scores;
  std::optional<evaluate::TwoAdditiveCapacity> capacity;
  std::vector<evaluate::YearAggregate> systemic;
};

Result<TownScores> LoadTownScores(const std::string& indicators, const std::string& observations,
                                  const std::string& capacity_path, int carry_forward) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(indicators));
  DUCKWEED_ASSIGN_OR_RETURN(auto specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
  DUCKWEED_ASSIGN_OR_RETURN(auto obs_table, core::ReadCsvFile(observations));
  DUCKWEED_ASSIGN_OR_RETURN(auto obs, evaluate::ParseObservations(obs_table));
  TownScores town;
  DUCKWEED_ASSIGN_OR_RETURN(town.scores,
                            evaluate::ComputeDomainScores(specs, obs, taxonomy, {carry_forward}));
  if (!capacity_path.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(town.capacity, LoadCapacity(capacity_path));
    auto by_year = evaluate::AggregateByYear(*town.capacity, town.scores);
    if (!by_year.ok()) {
      auto d = by_year.status().diagnostics();
      for (auto& one : d) one.where.source = capacity_path;
      return Status::FromDiagnostics(std::move(d));
    }
    town.systemic = std::move(by_year).value();
  }
  return town;
}

ordered_json ScoresJson(const TownScores& town) {
  ordered_json out;
  out["years"] = town.scores.years;
  out["domains"] = ordered_json::object();
  for (size_t d = 0; d < town.scores.domains.size(); ++d) {
    ordered_json per_year = ordered_json::object();
    for (size_t y = 0; y < town.scores.years.size(); ++y) {
      per_year[std::to_string(town.scores.years[y])] = {
          {"score", OptionalNumber(town.scores.score[d][y])},
          {"indicators", town.scores.used[d][y]}};
    }
    out["domains"][town.scores.domains[d]] = {{"declared", town.scores.declared[d]},
                                              {"years", per_year}};
  }
  out["systemic"] = ordered_json::array();
  for (const auto& ya : town.systemic) {
    out["systemic"].push_back(
        {{"year", ya.year},
         {"choquet", OptionalNumber(ya.result ? std::optional(ya.result->choquet) : std::nullopt)},
         {"weighted_sum",
          OptionalNumber(ya.result ? std::optional(ya.result->weighted_sum) : std::nullopt)},
         {"surplus", OptionalNumber(ya.result ? std::optional(ya.result->surplus) : std::nullopt)},
         {"missing", ya.missing}});
  }
  return out;
}

Status RunScores(const ScoresOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(
      auto town, LoadTownScores(o.indicators, o.observations, o.capacity, o.carry_forward));
  if (json) {
    std::printf("%s\n", ScoresJson(town).dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%-26s", "domain");
  for (int year : town.scores.years) std::printf(" %6d", year);
  std::printf("\n");
  for (size_t d = 0; d < town.scores.domains.size(); ++d) {
    std::printf("%-26s", town.scores.domains[d].c_str());
    for (const auto& s : town.scores.score[d]) {
      if (s)
        std::printf(" %6.3f", *s);
      else
        std::printf(" %6s", "-");
    }
    std::printf("\n");
  }
  for (const auto& ya : town.systemic) {
    if (ya.result) {
      std::printf("%d  choquet %.4f  weighted %.4f  surplus %+.4f\n", ya.year, ya.result->choquet,
                  ya.result->weighted_sum, Clean(ya.result->surplus));
    } else {
      std::printf("%d  systemic score missing (no score for: %s)\n", ya.year,
                  fmt::format("{}", fmt::join(ya.missing, ", ")).c_str());
    }
  }
  return Status::Ok();
}

void RegisterDomainsAndScores(CLI::App& evaluate, CliContext& ctx) {
  auto domains_json = std::make_shared<bool>(false);
  CLI::App* domains = evaluate.add_subcommand("domains", "The domain taxonomy and ADEME themes");
  domains->add_flag("--json", *domains_json, "Machine-readable JSON on stdout");
  domains->callback(
      ctx.Bind([domains_json, &ctx] { return RunDomains(*domains_json || ctx.json); }));

  auto opts = std::make_shared<ScoresOptions>();
  CLI::App* cmd =
      evaluate.add_subcommand("scores", "Domain scores per year from indicator observations");
  cmd->add_option(
         "--indicators", opts->indicators,
         "CSV: indicator,domain,target|piecewise[,baseline,baseline_year,direction,weight]")
      ->required();
  cmd->add_option("--observations", opts->observations, "CSV: indicator,year,value")->required();
  cmd->add_option("--capacity", opts->capacity, "Capacity JSON: adds the systemic score per year");
  cmd->add_option("--carry-forward", opts->carry_forward,
                  "Reuse an indicator's latest observation up to N years old (default 0)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunScores(*opts, opts->json || ctx.json); }));
}

struct ReferentielOptions {
  std::string tree, actions, statuses;
  bool json = false;
};

Result<evaluate::Referentiel> LoadReferentiel(const std::string& tree, const std::string& actions) {
  if (!tree.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(tree));
    return evaluate::Referentiel::FromTreeJson(text, tree);
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(actions));
  return evaluate::Referentiel::FromActionsCsv(table);
}

struct ReferentielResult {
  evaluate::Referentiel referentiel;
  evaluate::ReferentielScore score;
};

Result<ReferentielResult> ScoreReferentielFiles(const std::string& tree, const std::string& actions,
                                                const std::string& statuses_path) {
  DUCKWEED_ASSIGN_OR_RETURN(auto referentiel, LoadReferentiel(tree, actions));
  std::map<int, evaluate::StatusEntry> statuses;
  if (!statuses_path.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(statuses_path));
    DUCKWEED_ASSIGN_OR_RETURN(statuses, evaluate::ParseStatuses(table, referentiel));
  }
  auto score = evaluate::ScoreReferentiel(referentiel, statuses);
  return ReferentielResult{std::move(referentiel), std::move(score)};
}

ordered_json NodeScoreJson(const evaluate::NodeScore& s) {
  return {{"potential", s.potential},           {"fait", s.fait},
          {"programme", s.programme},           {"pas_fait", s.pas_fait},
          {"non_renseigne", s.non_renseigne},   {"realise_pct", s.realise_pct()},
          {"programme_pct", s.programme_pct()}, {"concerne", s.concerne}};
}

ordered_json ReferentielJson(const ReferentielResult& r) {
  ordered_json out;
  out["referentiel"] = r.referentiel.id();
  out["total_points"] = r.referentiel.TotalPoints();
  out["total"] = NodeScoreJson(r.score.total);
  out["stars"] = r.score.stars;
  out["axes"] = ordered_json::array();
  for (int a : r.referentiel.axes()) {
    ordered_json axis = NodeScoreJson(r.score.nodes[a]);
    axis["id"] = r.referentiel.nodes()[a].id;
    axis["name"] = r.referentiel.nodes()[a].name;
    out["axes"].push_back(std::move(axis));
  }
  return out;
}

Status RunReferentiel(const ReferentielOptions& o, bool json) {
  if (o.tree.empty() == o.actions.empty()) {
    return Status::Usage("give exactly one of --tree FILE.json or --actions FILE.csv");
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto r, ScoreReferentielFiles(o.tree, o.actions, o.statuses));
  if (json) {
    std::printf("%s\n", ReferentielJson(r).dump(2).c_str());
    return Status::Ok();
  }
  std::printf("référentiel %s: %.1f points\n", r.referentiel.id().c_str(),
              r.referentiel.TotalPoints());
  std::printf("%-10s %9s %9s %9s  %s\n", "axis", "potential", "réalisé%", "programmé%", "name");
  for (int a : r.referentiel.axes()) {
    const auto& s = r.score.nodes[a];
    std::printf("%-10s %9.1f %9.1f %9.1f  %s\n", r.referentiel.nodes()[a].id.c_str(), s.potential,
                s.realise_pct(), s.programme_pct(), r.referentiel.nodes()[a].name.c_str());
  }
  std::printf("total      %9.1f %9.1f %9.1f  -> %d star(s)\n", r.score.total.potential,
              r.score.total.realise_pct(), r.score.total.programme_pct(), r.score.stars);
  return Status::Ok();
}

void RegisterReferentiel(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<ReferentielOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "referentiel", "Score an ADEME référentiel (CAE, ECI, TE) per axis and its label stars");
  cmd->add_option("--tree", opts->tree, "Référentiel tree JSON (referentiel_*_tree.json)");
  cmd->add_option("--actions", opts->actions,
                  "Référentiel actions CSV (referentiel_*_actions.csv)");
  cmd->add_option("--statuses", opts->statuses,
                  "CSV: action_id,status[,fait,programme,pas_fait] (statuses: fait, programme, "
                  "pas_fait, non_renseigne, detaille, non_concerne)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunReferentiel(*opts, opts->json || ctx.json); }));
}

struct PosturesOptions {
  std::string survey, scale = "1:5";
  int agree_from = 0;
  bool json = false;
};

Result<evaluate::LikertScale> ParseScale(const std::string& text, int agree_from) {
  evaluate::LikertScale scale;
  if (std::sscanf(text.c_str(), "%d:%d", &scale.min, &scale.max) != 2) {
    return Status::Usage(fmt::format("--scale expects MIN:MAX (e.g. 1:5), found '{}'", text));
  }
  scale.agree_from = agree_from != 0 ? agree_from : scale.max - (scale.max - scale.min) / 4;
  return scale;
}

ordered_json PostureJson(const evaluate::PostureCell& c) {
  return {{"group", c.group},
          {"year", c.year},
          {"item", c.item},
          {"n", c.n},
          {"missing", c.missing},
          {"mean", c.mean.mean},
          {"mean_ci95", {c.mean.ci.low, c.mean.ci.high}},
          {"agree_share", c.agree_share},
          {"agree_ci95", {c.agree_ci.low, c.agree_ci.high}}};
}

Status RunPostures(const PosturesOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(auto scale, ParseScale(o.scale, o.agree_from));
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.survey));
  DUCKWEED_ASSIGN_OR_RETURN(auto cells, evaluate::SummarisePostures(table, scale));
  if (json) {
    ordered_json out = ordered_json::array();
    for (const auto& c : cells) out.push_back(PostureJson(c));
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%-12s %5s %-14s %5s %6s %17s %7s %17s\n", "group", "year", "item", "n", "mean",
              "95% CI", "agree", "95% CI (Wilson)");
  for (const auto& c : cells) {
    std::printf("%-12s %5d %-14s %5d %6.2f [%6.2f, %6.2f] %6.1f%% [%5.1f%%, %5.1f%%]\n",
                c.group.c_str(), c.year, c.item.c_str(), c.n, c.mean.mean, c.mean.ci.low,
                c.mean.ci.high, 100 * c.agree_share, 100 * c.agree_ci.low, 100 * c.agree_ci.high);
  }
  return Status::Ok();
}

void RegisterPostures(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<PosturesOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "postures", "Likert survey answers per group, year and item with n and 95% intervals");
  cmd->add_option("--survey", opts->survey, "CSV: group,year,item,answer[,respondent]")->required();
  cmd->add_option("--scale", opts->scale, "Likert scale MIN:MAX")->capture_default_str();
  cmd->add_option("--agree-from", opts->agree_from,
                  "Lowest answer counted as agreement (default: top quarter, 4 on 1:5)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunPostures(*opts, opts->json || ctx.json); }));
}

// ---- evaluate TOWN --out DIR: the offline HTML report ----

struct TownOptions {
  int carry_forward = 0;
  std::string town, out, indicators, observations, capacity, survey, scale = "1:5", tree, actions,
                                                                     statuses;
};

std::string Num(const std::optional<double>& v, const char* format = "{:.3f}") {
  return v ? fmt::format(fmt::runtime(format), *v) : "n/a";
}

// The town's result observations from the store.
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
  if (!o.tree.empty() || !o.actions.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto r, ScoreReferentielFiles(o.tree, o.actions, o.statuses));
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
  evaluate.add_option("--tree", o.tree, "Référentiel tree JSON");
  evaluate.add_option("--actions", o.actions, "Référentiel actions CSV");
  evaluate.add_option("--statuses", o.statuses, "Référentiel statuses CSV");
}

// ---- transfer TOWN ----

struct TransferOptions {
  std::string town, recipes, data, out;
  int top = 3;
  bool json = false;
};

ordered_json TransferJson(const std::string& town, const std::vector<evaluate::RecipeFit>& fits) {
  ordered_json out;
  out["town"] = town;
  out["recipes"] = ordered_json::array();
  for (const auto& f : fits) {
    ordered_json r;
    r["expression"] = f.recipe.expression;
    r["membership"] = OptionalNumber(f.membership);
    r["missing"] = ordered_json::array();
    for (const auto& m : f.missing) {
      r["missing"].push_back(
          {{"literal", m.literal.ToString()},
           {"current",
            OptionalNumber(std::isnan(m.current) ? std::nullopt : std::optional(m.current))},
           {"gain", m.gain}});
    }
    r["closest"] = ordered_json::array();
    for (const auto& e : f.closest) {
      r["closest"].push_back(
          {{"town", e.town}, {"membership", e.membership}, {"distance", e.distance}});
    }
    out["recipes"].push_back(std::move(r));
  }
  return out;
}

Status WriteTransferSheet(const std::string& dir, const std::string& town,
                          const std::vector<evaluate::RecipeFit>& fits) {
  report::HtmlReport html("Transfer sheet: " + town);
  html.AddParagraph(
      "For each recipe (a combination of conditions that led to success elsewhere): the town's "
      "membership (fuzzy minimum over the conditions), the keys it lacks ordered by how much "
      "they would raise its membership, and the closest towns that already follow the recipe.");
  std::vector<report::Bar> bars;
  for (const auto& f : fits) bars.push_back({f.recipe.expression, f.membership});
  report::ChartOptions o;
  o.title = "Membership in each recipe";
  o.y_min = 0;
  o.y_max = 1;
  o.width = std::max(560, static_cast<int>(bars.size()) * 120);
  html.AddFigure(report::BarChart(bars, o), "Above 0.5: the town already follows the recipe.");
  for (const auto& f : fits) {
    html.AddHeading(f.recipe.expression, 3);
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : f.missing) {
      rows.push_back({m.literal.ToString(),
                      std::isnan(m.current) ? "n/a" : fmt::format("{:.2f}", m.current),
                      fmt::format("{:+.2f}", m.gain)});
    }
    html.AddTable({"missing key", "now", "gain if reached"}, rows);
    std::vector<std::vector<std::string>> peers;
    for (const auto& e : f.closest) {
      peers.push_back(
          {e.town, fmt::format("{:.2f}", e.membership), fmt::format("{:.2f}", e.distance)});
    }
    html.AddTable({"closest exemplar", "membership", "distance"}, peers);
  }
  return html.WriteTo(dir);
}

Status RunTransfer(const TransferOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(o.recipes));
  DUCKWEED_ASSIGN_OR_RETURN(auto recipes, evaluate::ParseRecipesJson(text, o.recipes));
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.data));
  DUCKWEED_ASSIGN_OR_RETURN(auto data, evaluate::ParseTownData(table));
  DUCKWEED_ASSIGN_OR_RETURN(auto fits, evaluate::Transfer(recipes, data, o.town, o.top));
  if (!o.out.empty()) DUCKWEED_RETURN_IF_ERROR(WriteTransferSheet(o.out, o.town, fits));
  if (json) {
    std::printf("%s\n", TransferJson(o.town, fits).dump(2).c_str());
    return Status::Ok();
  }
  for (const auto& f : fits) {
    std::printf("%-32s membership %s\n", f.recipe.expression.c_str(),
                Num(f.membership, "{:.2f}").c_str());
    for (const auto& m : f.missing) {
      std::printf("    lacks %-20s now %s, gain %+.2f\n", m.literal.ToString().c_str(),
                  std::isnan(m.current) ? "n/a" : fmt::format("{:.2f}", m.current).c_str(), m.gain);
    }
    for (const auto& e : f.closest) {
      std::printf("    exemplar %-24s membership %.2f, distance %.2f\n", e.town.c_str(),
                  e.membership, e.distance);
    }
  }
  if (!o.out.empty()) std::printf("transfer sheet written to %s/index.html\n", o.out.c_str());
  return Status::Ok();
}

void RegisterTransfer(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<TransferOptions>();
  CLI::App* cmd = app.add_subcommand(
      "transfer",
      "A town's membership in each success recipe, its missing keys, closest exemplars");
  cmd->add_option("town", opts->town, "Town (its id in the data's id column)")->required();
  cmd->add_option("--recipes", opts->recipes,
                  "Recipes JSON ({\"recipes\":[{\"expression\":\"A*~B\",\"cases\":[...]}]})")
      ->required();
  cmd->add_option("--data", opts->data, "Calibrated CSV: id column + one column per condition")
      ->required();
  cmd->add_option("--top", opts->top, "Closest exemplars to list")->capture_default_str();
  cmd->add_option("--out", opts->out, "Write an HTML transfer sheet into this directory");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunTransfer(*opts, opts->json || ctx.json); }));
}

// ---- evaluate peers TOWN: towns like me ----

struct PeersOptions {
  std::string town, indicators, observations;
  int carry_forward = 0;
  bool json = false;
};

Status RunPeers(const PeersOptions& o, bool json) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(o.indicators));
  DUCKWEED_ASSIGN_OR_RETURN(auto specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
  DUCKWEED_ASSIGN_OR_RETURN(auto obs_table, core::ReadCsvFile(o.observations));
  const auto c_territory = obs_table.ColumnIndex("territory");
  if (!c_territory) {
    return Status::InvalidInput("expected a territory column naming each row's town",
                                {o.observations, 1, 0, "territory"});
  }
  std::set<std::string> towns;
  for (size_t r = 0; r < obs_table.row_count(); ++r) towns.insert(obs_table.text(r, *c_territory));
  if (!towns.count(o.town)) {
    return Status::NotFound(fmt::format("town '{}' has no row in {}", o.town, o.observations));
  }
  evaluate::Profile me;
  std::vector<evaluate::Profile> peers;
  std::vector<std::string> domains;
  for (const auto& town : towns) {
    DUCKWEED_ASSIGN_OR_RETURN(auto obs, evaluate::ParseObservations(obs_table, town));
    DUCKWEED_ASSIGN_OR_RETURN(
        auto scores, evaluate::ComputeDomainScores(specs, obs, taxonomy, {o.carry_forward}));
    domains = scores.domains;
    (town == o.town ? me : peers.emplace_back()) = evaluate::LatestProfile(town, scores);
  }
  const auto standing = evaluate::RankAmongPeers(domains, me, peers);
  if (json) {
    ordered_json out;
    out["town"] = o.town;
    out["peers"] = peers.size();
    out["domains"] = ordered_json::array();
    for (const auto& s : standing) {
      out["domains"].push_back({{"domain", s.domain},
                                {"score", OptionalNumber(s.score)},
                                {"rank", s.rank},
                                {"compared", s.compared},
                                {"median", OptionalNumber(s.median)},
                                {"distance", OptionalNumber(s.distance)}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%s among %zu peers (latest score per domain)\n", o.town.c_str(), peers.size());
  std::printf("%-26s %6s %8s %7s %9s\n", "domain", "score", "rank", "median", "distance");
  for (const auto& s : standing) {
    std::printf("%-26s %6s %8s %7s %9s\n", s.domain.c_str(), Num(s.score, "{:.2f}").c_str(),
                s.rank ? fmt::format("{}/{}", s.rank, s.compared).c_str() : "-",
                Num(s.median, "{:.2f}").c_str(), Num(s.distance, "{:+.2f}").c_str());
  }
  return Status::Ok();
}

void RegisterPeers(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<PeersOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "peers", "Towns like me: rank and distance to the peers' median, domain by domain");
  cmd->add_option("town", opts->town, "Town (as in the territory column)")->required();
  cmd->add_option("--indicators", opts->indicators, "Indicator specification CSV")->required();
  cmd->add_option("--observations", opts->observations,
                  "Observation CSV of the town and its peers (territory column)")
      ->required();
  cmd->add_option("--carry-forward", opts->carry_forward,
                  "Reuse an indicator's latest observation up to N years old (default 0)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunPeers(*opts, opts->json || ctx.json); }));
}

}  // namespace

void RegisterEvaluateVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* evaluate = app.add_subcommand(
      "evaluate",
      "Systemic evaluation: domain scores, Choquet aggregation, référentiels, postures");
  evaluate->require_subcommand(0, 1);
  auto town = std::make_shared<TownOptions>();
  AddTownOptions(*evaluate, *town);
  evaluate->add_flag("--json", ctx.json, "Also print the evaluation record as JSON");
  evaluate->callback([evaluate, town, &ctx] {
    if (!evaluate->get_subcommands().empty()) return;  // a sub-verb ran and set the outcome
    ctx.outcome = town->town.empty()
                      ? Status::Usage(
                            "evaluate: give a TOWN (with --out DIR) or a sub-verb; see "
                            "duckweed evaluate --help")
                      : RunTownReport(*town, ctx);
  });
  RegisterAggregate(*evaluate, ctx);
  RegisterIdentify(*evaluate, ctx);
  RegisterDomainsAndScores(*evaluate, ctx);
  RegisterReferentiel(*evaluate, ctx);
  RegisterPostures(*evaluate, ctx);
  RegisterPeers(*evaluate, ctx);
  RegisterTransfer(app, ctx);
}

}  // namespace duckweed::cli
