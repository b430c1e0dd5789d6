// `evaluate postures`: Likert survey answers per group, year and item, with 95% intervals.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

struct PosturesOptions {
  std::string survey, scale = "1:5";
  int agree_from = 0;
  bool json = false;
};

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

}  // namespace

void RegisterEvaluatePostures(CLI::App& evaluate, CliContext& ctx) {
  RegisterPostures(evaluate, ctx);
}

}  // namespace duckweed::cli
