#include "duckweed/app/town_evaluation.h"

#include <fmt/format.h>

#include <set>

#include "duckweed/app/postures.h"
#include "duckweed/core/csv.h"
#include "duckweed/systemic/store_source.h"
#include "duckweed/systemic/taxonomy.h"

namespace duckweed::app {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

Result<std::vector<evaluate::Observation>> StoreObservations(store::Store& db,
                                                             const std::string& town,
                                                             std::vector<std::string>& notes) {
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, db.FindTerritory(town));
  if (!territory) return Status::NotFound(fmt::format("no territory '{}' in {}", town, db.path()));
  DUCKWEED_ASSIGN_OR_RETURN(auto rows, db.ListObservations(territory->id));
  std::vector<evaluate::Observation> out;
  for (const auto& o : rows) {
    if (o.kind == "result")
      out.push_back({o.indicator_id, o.year, o.value, {db.path(), 0, 0, o.indicator_id}});
  }
  notes.push_back(fmt::format("Observations of {} ({}) from the database {}.", territory->name,
                              territory->id, db.path()));
  return out;
}

// Domain scores: specifications from the request's indicators (else targets in the store),
// observations from its observations (rows of the town when the CSV has a territory column; else
// the store). Observations of undeclared indicators are left out with a note instead of failing.
Result<evaluate::DomainScores> TownDomainScores(const TownEvaluationRequest& o, LazyStore& store,
                                                std::vector<std::string>& notes) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  std::vector<evaluate::IndicatorSpec> specs;
  std::vector<evaluate::Observation> obs;
  if (o.indicators.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, store.Get());
    DUCKWEED_ASSIGN_OR_RETURN(auto in, evaluate::LoadTownFromStore(*db, o.town, taxonomy));
    notes.push_back(
        fmt::format("Indicators, targets and observations of {} ({}) from the database {}.",
                    in.territory.name, in.territory.id, db->path()));
    for (const auto& skipped : in.skipped) notes.push_back("Left out: " + skipped);
    specs = std::move(in.specs);
    obs = std::move(in.observations);
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(o.indicators));
    DUCKWEED_ASSIGN_OR_RETURN(specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
    notes.push_back("Indicators, value functions and targets from " + o.indicators + ".");
    if (o.observations.empty()) {
      DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, store.Get());
      DUCKWEED_ASSIGN_OR_RETURN(obs, StoreObservations(*db, o.town, notes));
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

AbsentSection NoCapacity() {
  return {AbsentSection::Kind::kSystemic, "Systemic score",
          "no capacity was given, so the domains are not aggregated.",
          "--capacity CAPACITY.json (Shapley importances and interactions, written by hand or "
          "found by `duckweed evaluate identify`); see examples/evaluate/README.md."};
}

AbsentSection NoSurvey() {
  return {AbsentSection::Kind::kPostures, "Postures and emergent outcomes",
          "no survey of residents, employees or elected officials was given for this town, so "
          "posture indicators and trust, image and attractiveness cannot be shown. None is "
          "invented: a survey with item-level answers is needed.",
          "--survey SURVEY.csv with columns group,year,item,answer[,respondent] (Likert answers "
          "on --scale MIN:MAX; items named trust, image, attractiveness are charted against the "
          "systemic score); see examples/evaluate/README.md."};
}

AbsentSection NoReferentiel() {
  return {AbsentSection::Kind::kReferentiel, "Référentiel (ADEME label lens)",
          "no état des lieux on an ADEME référentiel (a status per action) was given for this "
          "town, so its score per axis and its label level cannot be shown.",
          "--actions referentiel_cae_actions.csv (or --tree ...json) with --statuses "
          "STATUSES.csv (action_id,status[,fait,programme,pas_fait], as exported from "
          "Territoires en Transitions), and for the personnalisation --identity "
          "type=commune,population=N and --answers ANSWERS.csv; --criteria for the star "
          "prerequisites; see examples/evaluate/README.md."};
}

}  // namespace

const AbsentSection* TownEvaluation::Absent(AbsentSection::Kind kind) const {
  for (const auto& a : absent) {
    if (a.kind == kind) return &a;
  }
  return nullptr;
}

Result<TownEvaluation> EvaluateTown(const TownEvaluationRequest& o, LazyStore& db) {
  TownEvaluation out;
  out.town = o.town;
  DUCKWEED_ASSIGN_OR_RETURN(out.scores.scores, TownDomainScores(o, db, out.notes));
  out.capacity_path = o.capacity;
  if (!o.capacity.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(out.scores.capacity, LoadCapacity(o.capacity));
    DUCKWEED_ASSIGN_OR_RETURN(out.scores.systemic,
                              AggregateYears(*out.scores.capacity, out.scores.scores, o.capacity));
    out.notes.push_back("Capacity (importances and interactions of the domains) from " +
                        o.capacity + ".");
  } else {
    out.absent.push_back(NoCapacity());
  }
  if (!o.survey.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(out.scale, ParseScale(o.scale, 0));
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.survey));
    DUCKWEED_ASSIGN_OR_RETURN(out.postures, evaluate::SummarisePostures(table, *out.scale));
    out.notes.push_back("Survey answers from " + o.survey + ".");
  } else {
    out.absent.push_back(NoSurvey());
  }
  if (!o.referentiel.tree.empty() || !o.referentiel.actions.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(out.referentiel, ScoreReferentielFiles(o.referentiel));
  } else {
    out.absent.push_back(NoReferentiel());
  }
  return out;
}

ordered_json TownEvaluationJson(const TownEvaluation& e) {
  ordered_json record;
  record["town"] = e.town;
  record["absent"] = ordered_json::array();
  for (const auto& a : e.absent) {
    record["absent"].push_back({{"section", a.heading}, {"why", a.why}, {"how", a.how}});
  }
  record["scores"] = ScoresJson(e.scores);
  if (e.scale) {
    record["scale"] = {{"min", e.scale->min}, {"max", e.scale->max}};
    record["postures"] = ordered_json::array();
    for (const auto& c : e.postures) record["postures"].push_back(PostureJson(c));
  }
  if (e.referentiel) record["referentiel"] = ReferentielJson(*e.referentiel);
  record["notes"] = e.notes;
  return record;
}

}  // namespace duckweed::app
