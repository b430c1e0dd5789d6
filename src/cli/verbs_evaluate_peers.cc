// `evaluate peers TOWN`: towns like me — rank and distance to the peers, domain by domain.
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <set>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/evaluate/peers.h"
#include "duckweed/evaluate/taxonomy.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

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

void RegisterEvaluatePeers(CLI::App& evaluate, CliContext& ctx) { RegisterPeers(evaluate, ctx); }

}  // namespace duckweed::cli
