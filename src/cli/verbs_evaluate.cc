// Verbs `duckweed evaluate ...` (systemic evaluation of a town) and `duckweed transfer ...`.
// Thin: each verb, in its own file (verbs_evaluate_*.cc, verbs_transfer.cc), reads its files,
// calls the evaluate module, and prints a table or JSON.
#include "cli/verbs.h"
#include "cli/verbs_evaluate_common.h"

namespace duckweed::cli {

void RegisterEvaluateVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* evaluate = app.add_subcommand(
      "evaluate",
      "Systemic evaluation: domain scores, Choquet aggregation, référentiels, postures");
  evaluate->require_subcommand(0, 1);
  evaluate->add_flag("--json", ctx.json, "Also print the evaluation record as JSON");
  RegisterEvaluateTownReport(*evaluate, ctx);
  RegisterEvaluateAggregate(*evaluate, ctx);
  RegisterEvaluateScores(*evaluate, ctx);
  RegisterEvaluateReferentiel(*evaluate, ctx);
  RegisterEvaluatePostures(*evaluate, ctx);
  RegisterEvaluatePeers(*evaluate, ctx);
  RegisterTransfer(app, ctx);
}

}  // namespace duckweed::cli
