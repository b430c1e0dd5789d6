// `evaluate TOWN --out DIR`: the offline report (the dashboard's town page with its data inlined:
// domains, systemic score, postures, référentiel, trajectories with their sources) and its JSON
// record.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/report_pages.h"
#include "cli/verbs_evaluate_common.h"
#include "duckweed/app/town_evaluation.h"
#include "duckweed/core/file.h"

namespace duckweed::cli {
namespace {

using core::Status;
using nlohmann::ordered_json;

Status RunTownReport(const app::TownEvaluationRequest& o, const std::string& out, CliContext& ctx) {
  if (out.empty()) return Status::Usage("evaluate TOWN needs --out DIR");
  app::LazyStore db(ctx.db_path);
  DUCKWEED_ASSIGN_OR_RETURN(auto e, app::EvaluateTown(o, db));
  const ordered_json referentiel =
      e.referentiel ? app::ReferentielJson(*e.referentiel) : ordered_json();
  const ordered_json profile = ReportTownProfile(ctx, o.town, o.observations, e.notes);
  const ordered_json record = app::TownEvaluationJson(e);
  DUCKWEED_RETURN_IF_ERROR(WriteTownPage(out, profile, record, referentiel));
  DUCKWEED_RETURN_IF_ERROR(
      core::WriteFileAtomic(std::filesystem::path(out) / "evaluation.json", record.dump(2)));
  if (ctx.json) {
    std::printf("%s\n", record.dump(2).c_str());
  } else {
    std::printf("report written to %s/index.html (data: %s/evaluation.json)\n", out.c_str(),
                out.c_str());
  }
  return Status::Ok();
}

struct TownOptions {
  app::TownEvaluationRequest request;
  std::string out;
};

void AddTownOptions(CLI::App& evaluate, TownOptions& options) {
  app::TownEvaluationRequest& o = options.request;
  evaluate.add_option("town", o.town, "Town to report on (territory id or name)");
  evaluate.add_option("--out", options.out, "Directory for index.html and evaluation.json");
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
    ctx.outcome = town->request.town.empty()
                      ? Status::Usage(
                            "evaluate: give a TOWN (with --out DIR) or a sub-verb; see "
                            "duckweed evaluate --help")
                      : RunTownReport(town->request, town->out, ctx);
  });
}

}  // namespace duckweed::cli
