#include "duckweed/app/referentiel.h"

#include <map>

#include "duckweed/app/json_util.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"

namespace duckweed::app {
namespace {

using core::Result;
using nlohmann::ordered_json;

Result<evaluate::Referentiel> LoadReferentiel(const std::string& tree, const std::string& actions) {
  if (!tree.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(tree));
    return evaluate::Referentiel::FromTreeJson(text, tree);
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(actions));
  return evaluate::Referentiel::FromActionsCsv(table);
}

// The rules written in the référentiel, plus those of --rules, evaluated for the identity and
// answers.
Result<evaluate::Personnalisation> Personalise(const ReferentielFiles& f,
                                               const evaluate::Referentiel& ref) {
  DUCKWEED_ASSIGN_OR_RETURN(auto rules, evaluate::RulesFromReferentiel(ref));
  if (!f.rules.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(f.rules));
    DUCKWEED_ASSIGN_OR_RETURN(auto more, evaluate::RulesFromCsv(table, ref));
    rules.insert(rules.end(), more.begin(), more.end());
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto identite, evaluate::ParseIdentite(f.identity));
  evaluate::Answers answers;
  if (!f.answers.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(f.answers));
    DUCKWEED_ASSIGN_OR_RETURN(answers, evaluate::ParseAnswers(table));
  }
  return evaluate::ApplyRules(rules, ref, identite, answers);
}

ordered_json NodeScoreJson(const evaluate::NodeScore& s) {
  return {{"potential", s.potential},           {"fait", s.fait},
          {"programme", s.programme},           {"pas_fait", s.pas_fait},
          {"non_renseigne", s.non_renseigne},   {"realise_pct", s.realise_pct()},
          {"programme_pct", s.programme_pct()}, {"concerne", s.concerne}};
}

}  // namespace

Result<ReferentielResult> ScoreReferentielFiles(const ReferentielFiles& f) {
  DUCKWEED_ASSIGN_OR_RETURN(auto referentiel, LoadReferentiel(f.tree, f.actions));
  std::map<int, evaluate::StatusEntry> statuses;
  if (!f.statuses.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(f.statuses));
    DUCKWEED_ASSIGN_OR_RETURN(statuses, evaluate::ParseStatuses(table, referentiel));
  }
  std::optional<evaluate::Personnalisation> perso;
  if (!f.identity.empty() || !f.answers.empty() || !f.rules.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(perso, Personalise(f, referentiel));
  }
  auto score = evaluate::ScoreReferentiel(
      referentiel, statuses, perso ? perso->consequences : std::map<int, evaluate::Consequence>{});
  std::optional<evaluate::LabelLevel> label;
  if (!f.criteria.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(f.criteria));
    DUCKWEED_ASSIGN_OR_RETURN(auto criteria, evaluate::ParseStarCriteria(table, referentiel));
    label = evaluate::EvaluateLabel(referentiel, score, statuses, criteria);
  }
  return ReferentielResult{std::move(referentiel), std::move(score), std::move(perso),
                           std::move(label)};
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
  if (r.personnalisation) {
    ordered_json p;
    p["desactivated"] = ordered_json::array();
    p["potential_factors"] = ordered_json::object();
    for (const auto& [node, c] : r.personnalisation->consequences) {
      const std::string& id = r.referentiel.nodes()[node].id;
      if (c.desactive) p["desactivated"].push_back(id);
      if (c.reduction) p["potential_factors"][id] = *c.reduction;
    }
    p["unanswered"] = r.personnalisation->unanswered;
    p["score_rules_not_applied"] = r.personnalisation->score_rules_not_applied;
    out["personnalisation"] = std::move(p);
  }
  if (r.label) {
    ordered_json l;
    l["stars"] = r.label->stars;
    l["stars_by_score"] = r.label->stars_by_score;
    l["criteria"] = ordered_json::array();
    for (const auto& c : r.label->criteria) {
      l["criteria"].push_back({{"etoile", c.criterion.etoile},
                               {"action_id", c.criterion.action_id},
                               {"min_realise_pct", c.criterion.min_realise_pct},
                               {"min_programme_pct", OptionalNumber(c.criterion.min_programme_pct)},
                               {"applies", c.applies},
                               {"realise_pct", c.realise_pct},
                               {"realise_programme_pct", c.realise_programme_pct},
                               {"met", c.met}});
    }
    out["label"] = std::move(l);
  }
  return out;
}

}  // namespace duckweed::app
