// `evaluate referentiel`: an ADEME référentiel scored per axis, with the personnalisation (the
// collectivité's identity and answers) and the label level with each star's prerequisites.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

void PrintPersonnalisation(const ReferentielResult& r) {
  if (!r.personnalisation) {
    std::printf("personnalisation: not applied (give --identity and/or --answers)\n");
    return;
  }
  int desactivated = 0, reduced = 0;
  for (const auto& [node, c] : r.personnalisation->consequences) {
    desactivated += c.desactive;
    reduced += c.reduction.has_value();
  }
  std::printf("personnalisation: %d action(s) desactivated, %d potential(s) changed", desactivated,
              reduced);
  if (!r.personnalisation->unanswered.empty()) {
    std::printf("; rules left without effect for want of: %s",
                fmt::format("{}", fmt::join(r.personnalisation->unanswered, ", ")).c_str());
  }
  std::printf("\n");
}

void PrintLabel(const evaluate::LabelLevel& label) {
  for (const auto& c : label.criteria) {
    const std::string need =
        c.criterion.min_programme_pct
            ? fmt::format("réalisé >= {:g}% or réalisé+programmé >= {:g}%",
                          c.criterion.min_realise_pct, *c.criterion.min_programme_pct)
            : fmt::format("réalisé >= {:g}%", c.criterion.min_realise_pct);
    std::printf("  star %d  %-16s %-8s %s (now %.1f%% / %.1f%%)\n", c.criterion.etoile,
                c.criterion.action_id.c_str(),
                !c.applies ? "n/a"
                : c.met    ? "met"
                           : "NOT MET",
                need.c_str(), c.realise_pct, c.realise_programme_pct);
  }
  std::printf("label: %d star(s) with the prerequisites (%d by score alone)\n", label.stars,
              label.stars_by_score);
}

Status RunReferentiel(const ReferentielFiles& files, bool json) {
  if (files.tree.empty() == files.actions.empty()) {
    return Status::Usage("give exactly one of --tree FILE.json or --actions FILE.csv");
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto r, ScoreReferentielFiles(files));
  if (json) {
    std::printf("%s\n", ReferentielJson(r).dump(2).c_str());
    return Status::Ok();
  }
  std::printf("référentiel %s: %.1f points\n", r.referentiel.id().c_str(),
              r.referentiel.TotalPoints());
  PrintPersonnalisation(r);
  std::printf("%-10s %9s %9s %9s  %s\n", "axis", "potential", "réalisé%", "programmé%", "name");
  for (int a : r.referentiel.axes()) {
    const auto& s = r.score.nodes[a];
    std::printf("%-10s %9.1f %9.1f %9.1f  %s\n", r.referentiel.nodes()[a].id.c_str(), s.potential,
                s.realise_pct(), s.programme_pct(), r.referentiel.nodes()[a].name.c_str());
  }
  std::printf("total      %9.1f %9.1f %9.1f  -> %d star(s)\n", r.score.total.potential,
              r.score.total.realise_pct(), r.score.total.programme_pct(), r.score.stars);
  if (r.label) PrintLabel(*r.label);
  return Status::Ok();
}

void AddReferentielOptions(CLI::App& cmd, ReferentielFiles& f) {
  cmd.add_option("--tree", f.tree, "Référentiel tree JSON (referentiel_*_tree.json)");
  cmd.add_option("--actions", f.actions, "Référentiel actions CSV (referentiel_*_actions.csv)");
  cmd.add_option("--statuses", f.statuses,
                 "CSV: action_id,status[,fait,programme,pas_fait] (statuses: fait, programme, "
                 "pas_fait, non_renseigne, detaille, non_concerne)");
  cmd.add_option("--identity", f.identity,
                 "The collectivité for the personnalisation rules: "
                 "type=commune|EPCI|syndicat,population=N,localisation=Metropole|DOM,soustype=...");
  cmd.add_option("--answers", f.answers,
                 "Personnalisation answers CSV: question_id,reponse (OUI, NON, a choice id or a "
                 "proportion)");
  cmd.add_option("--rules", f.rules,
                 "More personnalisation rules, CSV: action_id,type (desactivation, reduction, "
                 "score),formule");
  cmd.add_option("--criteria", f.criteria,
                 "Star prerequisites CSV (labellisation_criteres_actions.csv shape)");
}

}  // namespace

void RegisterEvaluateReferentiel(CLI::App& evaluate, CliContext& ctx) {
  auto files = std::make_shared<ReferentielFiles>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = evaluate.add_subcommand(
      "referentiel",
      "Score an ADEME référentiel (CAE, ECI, TE) per axis, personalised, and its label stars");
  AddReferentielOptions(*cmd, *files);
  cmd->add_flag("--json", *json, "Machine-readable JSON on stdout");
  cmd->callback(
      ctx.Bind([files, json, &ctx] { return RunReferentiel(*files, *json || ctx.json); }));
}

}  // namespace duckweed::cli
