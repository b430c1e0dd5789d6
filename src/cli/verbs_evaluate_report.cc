// `evaluate TOWN --out DIR`: the offline report (the dashboard's town page with its data inlined:
// domains, systemic score, postures, référentiel, trajectories with their sources) and its JSON
// record.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "cli/report_pages.h"
#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/evaluate/store_source.h"
#include "duckweed/evaluate/taxonomy.h"
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

// A section the inputs did not allow, in the record (the page says why and how to include it).
void Absent(ordered_json& record, const std::string& heading, const std::string& why,
            const std::string& how) {
  record["absent"].push_back({{"section", heading}, {"why", why}, {"how", how}});
}

Status RunTownReport(const TownOptions& o, CliContext& ctx) {
  if (o.out.empty()) return Status::Usage("evaluate TOWN needs --out DIR");
  std::vector<std::string> notes;
  DUCKWEED_ASSIGN_OR_RETURN(auto scores, TownDomainScores(o, ctx, notes));
  ordered_json record;
  record["town"] = o.town;
  record["absent"] = ordered_json::array();
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
    notes.push_back("Capacity (importances and interactions of the domains) from " + o.capacity +
                    ".");
  } else {
    Absent(record, "Systemic score", "no capacity was given, so the domains are not aggregated.",
           "--capacity CAPACITY.json (Shapley importances and interactions, written by hand or "
           "found by `duckweed evaluate identify`); see examples/evaluate/README.md.");
  }
  record["scores"] = ScoresJson(town);
  if (!o.survey.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto scale, ParseScale(o.scale, 0));
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.survey));
    DUCKWEED_ASSIGN_OR_RETURN(auto cells, evaluate::SummarisePostures(table, scale));
    notes.push_back("Survey answers from " + o.survey + ".");
    record["scale"] = {{"min", scale.min}, {"max", scale.max}};
    record["postures"] = ordered_json::array();
    for (const auto& c : cells) record["postures"].push_back(PostureJson(c));
  } else {
    Absent(record, "Postures and emergent outcomes",
           "no survey of residents, employees or elected officials was given for this town, so "
           "posture indicators and trust, image and attractiveness cannot be shown. None is "
           "invented: a survey with item-level answers is needed.",
           "--survey SURVEY.csv with columns group,year,item,answer[,respondent] (Likert answers "
           "on --scale MIN:MAX; items named trust, image, attractiveness are charted against the "
           "systemic score); see examples/evaluate/README.md.");
  }
  ordered_json referentiel;
  if (!o.referentiel.tree.empty() || !o.referentiel.actions.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto r, ScoreReferentielFiles(o.referentiel));
    referentiel = ReferentielJson(r);
    record["referentiel"] = referentiel;
  } else {
    Absent(record, "Référentiel (ADEME label lens)",
           "no état des lieux on an ADEME référentiel (a status per action) was given for this "
           "town, so its score per axis and its label level cannot be shown.",
           "--actions referentiel_cae_actions.csv (or --tree ...json) with --statuses "
           "STATUSES.csv (action_id,status[,fait,programme,pas_fait], as exported from "
           "Territoires en Transitions), and for the personnalisation --identity "
           "type=commune,population=N and --answers ANSWERS.csv; --criteria for the star "
           "prerequisites; see examples/evaluate/README.md.");
  }
  const ordered_json profile = ReportTownProfile(ctx, o.town, o.observations, notes);
  record["notes"] = notes;
  DUCKWEED_RETURN_IF_ERROR(WriteTownPage(o.out, profile, record, referentiel));
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
    if (ctx.parse_only) return;
    ctx.outcome = town->town.empty()
                      ? Status::Usage(
                            "evaluate: give a TOWN (with --out DIR) or a sub-verb; see "
                            "duckweed evaluate --help")
                      : RunTownReport(*town, ctx);
  });
}

}  // namespace duckweed::cli
