// `evaluate peers TOWN`: towns like me — rank and distance to the peers, domain by domain. The
// peers are the other towns of an observations CSV, or, without one, the towns of the same kind,
// population band and area chosen from the store's places (transfer/peer_selection.h).
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/app/peers.h"
#include "duckweed/transfer/peer_selection.h"

namespace duckweed::cli {
namespace {

using core::Status;

struct PeersOptions : app::PeersRequest {
  bool json = false;
};

void PrintPeers(const app::PeersOutcome& r) {
  int with_data = 0, with_context = 0;
  for (const auto& p : r.peers) {
    with_data += p.has_data;
    with_context += p.has_context;
  }
  std::printf("%s among %d peers with data", r.town_label.c_str(), with_data);
  if (r.band >= 0) std::printf(", population %s", evaluate::PopulationBandLabel(r.band).c_str());
  if (!r.area.empty()) std::printf(", in %s", r.area.c_str());
  std::printf(" (latest score per domain)\n");
  if (!r.standing.empty()) {
    std::printf("%-26s %6s %8s %7s %9s\n", "domain", "score", "rank", "median", "distance");
  }
  for (const auto& s : r.standing) {
    if (!s.score && !s.median) continue;
    std::printf("%-26s %6s %8s %7s %9s\n", s.domain.c_str(), Num(s.score, "{:.2f}").c_str(),
                s.rank ? fmt::format("{}/{}", s.rank, s.compared).c_str() : "-",
                Num(s.median, "{:.2f}").c_str(), Num(s.distance, "{:+.2f}").c_str());
  }
  if (r.peers.size() != static_cast<size_t>(with_data)) {
    std::printf("peers without comparable data:");
    for (const auto& p : r.peers) {
      if (!p.has_data) std::printf(" %s", p.name.c_str());
    }
    std::printf("\n");
  }
  if (r.context.empty()) return;
  std::printf("census context, among %d of %zu peers with it (rank 1: the highest value)\n",
              with_context, r.peers.size());
  std::printf("%-26s %9s %8s %9s %9s\n", "figure", "value", "rank", "median", "distance");
  for (const auto& s : r.context) {
    std::printf("%-26s %9s %8s %9s %9s\n", s.domain.c_str(), Num(s.score, "{:.2f}").c_str(),
                s.rank ? fmt::format("{}/{}", s.rank, s.compared).c_str() : "-",
                Num(s.median, "{:.2f}").c_str(), Num(s.distance, "{:+.2f}").c_str());
  }
}

Status RunPeers(const PeersOptions& o, CliContext& ctx, bool json) {
  app::LazyStore db(ctx.db_path);
  DUCKWEED_ASSIGN_OR_RETURN(auto r, app::FindPeers(o, db));
  if (json) {
    std::printf("%s\n", app::PeersJson(o.town, r).dump(2).c_str());
  } else {
    PrintPeers(r);
  }
  return Status::Ok();
}

}  // namespace

void RegisterEvaluatePeers(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<PeersOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "peers",
      "Towns like me: rank and distance to the peers' median, domain by domain; peers from an "
      "observations CSV, or from the store by population band and area");
  cmd->add_option("town", opts->town, "Town (territory id or name; as in the territory column)")
      ->required();
  cmd->add_option("--indicators", opts->indicators,
                  "Indicator specification CSV (default with the store: the town's indicators "
                  "with a domain and a target)");
  cmd->add_option("--observations", opts->observations,
                  "Observation CSV of the town and its peers (territory column); without it, "
                  "peers and observations come from the store");
  cmd->add_option("--scope", opts->scope,
                  "Store peers in the same: region, departement, epci, or country")
      ->capture_default_str();
  cmd->add_flag("--any-size", opts->any_size, "Store peers of any population (default: same band)");
  cmd->add_option("--max", opts->max_peers, "Store peers: at most N, the closest in population")
      ->capture_default_str();
  cmd->add_option("--carry-forward", opts->carry_forward,
                  "Reuse an indicator's latest observation up to N years old (default 0)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunPeers(*opts, ctx, opts->json || ctx.json); }));
}

}  // namespace duckweed::cli
