// `evaluate domains` (the taxonomy) and `evaluate scores` (domain scores per year, and the
// systemic score when a capacity is given).
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/systemic/taxonomy.h"

namespace duckweed::cli {
namespace {

using app::LoadTownScores;
using core::Result;
using core::Status;
using nlohmann::ordered_json;

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
      std::printf(
          "%d  choquet %.4f  standalone %.4f  surplus %+.4f  weighted %.4f  balance %+.4f\n",
          ya.year, ya.result->choquet, ya.result->standalone_sum, Clean(ya.result->surplus),
          ya.result->weighted_sum, Clean(ya.result->balance));
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

}  // namespace

void RegisterEvaluateScores(CLI::App& evaluate, CliContext& ctx) {
  RegisterDomainsAndScores(evaluate, ctx);
}

}  // namespace duckweed::cli
