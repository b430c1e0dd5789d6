// `transfer TOWN`: the town's membership in each success recipe, its missing keys, the closest
// exemplars, and an HTML transfer sheet.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/report_pages.h"
#include "cli/transfer_recipe.h"
#include "cli/verbs_evaluate_common.h"
#include "duckweed/app/transfer.h"
#include "duckweed/transfer/transfer.h"

namespace duckweed::cli {
namespace {

using core::Status;
using nlohmann::ordered_json;

struct TransferOptions : app::TransferRequest {
  std::string out;
  std::string recipe;  // a stored recipe
  bool json = false;
};

Status RunTransfer(const TransferOptions& o, const CliContext& ctx, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(auto outcome, app::TransferTown(o));
  const auto& fits = outcome.fits;
  const auto& differences = outcome.differences;
  const ordered_json doc = app::TransferJson(outcome);
  if (!o.out.empty()) DUCKWEED_RETURN_IF_ERROR(WriteTransferPage(ctx, o.out, o.town, doc));
  if (json) {
    std::printf("%s\n", doc.dump(2).c_str());
    return Status::Ok();
  }
  for (size_t r = 0; r < fits.size(); ++r) {
    const auto& f = fits[r];
    std::printf("%-32s membership %s\n", f.recipe.expression.c_str(),
                Num(f.membership, "{:.2f}").c_str());
    for (const auto& m : f.missing) {
      std::printf("    lacks %-20s now %s, gain %+.2f\n", m.literal.ToString().c_str(),
                  std::isnan(m.current) ? "n/a" : fmt::format("{:.2f}", m.current).c_str(), m.gain);
    }
    for (const auto& m : differences[r]) {
      std::printf("    why this may not fit you: context %s, here %s\n",
                  m.literal.ToString().c_str(),
                  std::isnan(m.current) ? "n/a" : fmt::format("{:.2f}", m.current).c_str());
    }
    for (const auto& e : f.closest) {
      std::printf("    exemplar %-24s membership %.2f, distance %.2f\n", e.town.c_str(),
                  e.membership, e.distance);
    }
  }
  if (!o.out.empty()) std::printf("transfer sheet written to %s/index.html\n", o.out.c_str());
  return Status::Ok();
}

void RegisterTransferVerb(CLI::App& app, CliContext& ctx) {
  auto opts = std::make_shared<TransferOptions>();
  CLI::App* cmd = app.add_subcommand(
      "transfer",
      "A town's membership in each success recipe, its missing keys, closest exemplars");
  cmd->add_option("town", opts->town, "Town (its id in the data's id column)")->required();
  cmd->add_option("--recipe", opts->recipe,
                  "A recipe stored by `qca --save-recipe`: the town is compared with the cases "
                  "of its case base that share its context, and advised on levers only");
  cmd->add_option("--recipes", opts->recipes,
                  "Recipes JSON ({\"recipes\":[{\"expression\":\"A*~B\",\"cases\":[...]}]})");
  cmd->add_option("--data", opts->data, "Calibrated CSV: id column + one column per condition");
  cmd->add_option("--top", opts->top, "Closest exemplars to list")->capture_default_str();
  cmd->add_option("--context", opts->context,
                  "Conditions a town cannot act on (size, country): shown as why a recipe may "
                  "not fit, never as advice")
      ->delimiter(',');
  cmd->add_option("--out", opts->out, "Write an HTML transfer sheet into this directory");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx]() -> Status {
    const bool json = opts->json || ctx.json;
    if (!opts->recipe.empty()) {
      if (!opts->recipes.empty() || !opts->data.empty() || !opts->out.empty()) {
        return Status::Usage("transfer: --recipe NAME takes no --recipes, --data or --out");
      }
      return RunTransferRecipe(ctx, opts->town, opts->recipe, opts->top, json);
    }
    if (opts->recipes.empty() || opts->data.empty()) {
      return Status::Usage(
          "transfer: give --recipe NAME (stored), or --recipes FILE and --data FILE");
    }
    return RunTransfer(*opts, ctx, json);
  }));
}

}  // namespace

void RegisterTransfer(CLI::App& app, CliContext& ctx) { RegisterTransferVerb(app, ctx); }

}  // namespace duckweed::cli
