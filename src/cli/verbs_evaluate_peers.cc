// `evaluate peers TOWN`: towns like me — rank and distance to the peers, domain by domain. The
// peers are the other towns of an observations CSV, or, without one, the towns of the same kind,
// population band and area chosen from the store's places (evaluate/peer_selection.h).
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <set>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/evaluate/peer_selection.h"
#include "duckweed/evaluate/peers.h"
#include "duckweed/evaluate/store_source.h"
#include "duckweed/evaluate/taxonomy.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

struct PeersOptions {
  std::string town, indicators, observations, scope = "region";
  int carry_forward = 0, max_peers = 20;
  bool any_size = false, json = false;
};

// A peer as listed: who, and whether it had data to compare.
struct PeerRow {
  std::string id, name;
  std::optional<int64_t> population;
  bool has_data = false;
};

// What the two modes hand to the printer.
struct PeersResult {
  std::string town_label, area;
  int band = -1, candidates = 0;
  std::vector<PeerRow> peers;
  std::vector<evaluate::PeerStanding> standing;
};

Result<PeersResult> PeersFromCsv(const PeersOptions& o) {
  if (o.indicators.empty()) {
    return Status::Usage("evaluate peers with --observations also needs --indicators");
  }
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
  PeersResult out{o.town};
  evaluate::Profile me;
  std::vector<evaluate::Profile> peers;
  std::vector<std::string> domains;
  for (const auto& town : towns) {
    DUCKWEED_ASSIGN_OR_RETURN(auto obs, evaluate::ParseObservations(obs_table, town));
    DUCKWEED_ASSIGN_OR_RETURN(
        auto scores, evaluate::ComputeDomainScores(specs, obs, taxonomy, {o.carry_forward}));
    domains = scores.domains;
    (town == o.town ? me : peers.emplace_back()) = evaluate::LatestProfile(town, scores);
    if (town != o.town) out.peers.push_back({town, town, std::nullopt, true});
  }
  out.candidates = static_cast<int>(peers.size());
  out.standing = evaluate::RankAmongPeers(domains, me, peers);
  return out;
}

// A territory's latest domain scores with the town's value functions, or nullopt when it has no
// observation they can score. An indicator the territory lacks (or lacks in the baseline year) is
// left out of its scores rather than failing them all.
std::optional<evaluate::Profile> StoreProfile(store::Store& db, const store::Territory& t,
                                              const std::vector<evaluate::IndicatorSpec>& specs,
                                              int carry_forward) {
  auto rows = db.ListObservations(t.id);
  if (!rows.ok()) return std::nullopt;
  std::set<std::pair<std::string, int>> seen;
  std::set<std::string> observed;
  for (const auto& r : *rows) {
    if (r.kind != "result") continue;
    seen.insert({r.indicator_id, r.year});
    observed.insert(r.indicator_id);
  }
  std::vector<evaluate::IndicatorSpec> usable;
  for (const auto& s : specs) {
    if (observed.count(s.indicator) &&
        (!s.baseline_year || seen.count({s.indicator, *s.baseline_year}))) {
      usable.push_back(s);
    }
  }
  std::set<std::string> wanted;
  for (const auto& s : usable) wanted.insert(s.indicator);
  std::vector<evaluate::Observation> obs;
  for (const auto& r : *rows) {
    if (r.kind == "result" && wanted.count(r.indicator_id)) {
      obs.push_back({r.indicator_id, r.year, r.value, {db.path(), 0, 0, r.indicator_id}});
    }
  }
  if (obs.empty()) return std::nullopt;
  auto scores =
      evaluate::ComputeDomainScores(usable, obs, evaluate::Taxonomy::Default(), {carry_forward});
  if (!scores.ok()) return std::nullopt;
  return evaluate::LatestProfile(t.id, *scores);
}

Result<PeersResult> PeersFromStore(const PeersOptions& o, CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto scope, evaluate::ParsePeerScope(o.scope));
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
  const auto& taxonomy = evaluate::Taxonomy::Default();
  DUCKWEED_ASSIGN_OR_RETURN(auto in, evaluate::LoadTownFromStore(*db, o.town, taxonomy));
  std::vector<evaluate::IndicatorSpec> specs = std::move(in.specs);
  if (!o.indicators.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(o.indicators));
    DUCKWEED_ASSIGN_OR_RETURN(specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
  }
  if (specs.empty()) {
    return Status::InvalidInput(fmt::format(
        "{} has no indicator with a domain and a target in {}: give --indicators SPEC.csv",
        in.territory.id, path));
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto places, db->ListTerritories({"", "", 0}));
  DUCKWEED_ASSIGN_OR_RETURN(
      auto choice, evaluate::ChoosePeers(in.territory, places, {scope, !o.any_size, o.max_peers}));
  PeersResult out;
  out.town_label = fmt::format("{} ({})", in.territory.name, in.territory.id);
  out.area = choice.area;
  out.band = choice.band;
  out.candidates = choice.candidates;
  auto me = StoreProfile(*db, in.territory, specs, o.carry_forward);
  if (!me) {
    return Status::InvalidInput(
        fmt::format("{} has no observation its indicators can score", in.territory.id));
  }
  std::vector<evaluate::Profile> profiles;
  for (const auto& p : choice.peers) {
    auto profile = StoreProfile(*db, p, specs, o.carry_forward);
    out.peers.push_back({p.id, p.name, p.population, profile.has_value()});
    if (profile) profiles.push_back(std::move(*profile));
  }
  std::vector<std::string> domains;
  for (const auto& d : taxonomy.domains()) domains.push_back(d.id);
  out.standing = evaluate::RankAmongPeers(domains, *me, profiles);
  return out;
}

void PrintPeers(const PeersResult& r) {
  int with_data = 0;
  for (const auto& p : r.peers) with_data += p.has_data;
  std::printf("%s among %d peers with data", r.town_label.c_str(), with_data);
  if (r.band >= 0) std::printf(", population %s", evaluate::PopulationBandLabel(r.band).c_str());
  if (!r.area.empty()) std::printf(", in %s", r.area.c_str());
  std::printf(" (latest score per domain)\n");
  std::printf("%-26s %6s %8s %7s %9s\n", "domain", "score", "rank", "median", "distance");
  for (const auto& s : r.standing) {
    if (!s.score && !s.median) continue;
    std::printf("%-26s %6s %8s %7s %9s\n", s.domain.c_str(), Num(s.score, "{:.2f}").c_str(),
                s.rank ? fmt::format("{}/{}", s.rank, s.compared).c_str() : "-",
                Num(s.median, "{:.2f}").c_str(), Num(s.distance, "{:+.2f}").c_str());
  }
  if (r.peers.size() == static_cast<size_t>(with_data)) return;
  std::printf("peers without comparable data:");
  for (const auto& p : r.peers) {
    if (!p.has_data) std::printf(" %s", p.name.c_str());
  }
  std::printf("\n");
}

ordered_json PeersJson(const std::string& town, const PeersResult& r) {
  ordered_json out;
  out["town"] = town;
  out["area"] = r.area;
  out["band"] = r.band >= 0 ? ordered_json(evaluate::PopulationBandLabel(r.band)) : nullptr;
  out["candidates"] = r.candidates;
  out["peers"] = ordered_json::array();
  for (const auto& p : r.peers) {
    out["peers"].push_back({{"id", p.id},
                            {"name", p.name},
                            {"population", p.population ? ordered_json(*p.population) : nullptr},
                            {"has_data", p.has_data}});
  }
  out["domains"] = ordered_json::array();
  for (const auto& s : r.standing) {
    out["domains"].push_back({{"domain", s.domain},
                              {"score", OptionalNumber(s.score)},
                              {"rank", s.rank},
                              {"compared", s.compared},
                              {"median", OptionalNumber(s.median)},
                              {"distance", OptionalNumber(s.distance)}});
  }
  return out;
}

Status RunPeers(const PeersOptions& o, CliContext& ctx, bool json) {
  PeersResult r;
  if (!o.observations.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(r, PeersFromCsv(o));
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(r, PeersFromStore(o, ctx));
  }
  if (json) {
    std::printf("%s\n", PeersJson(o.town, r).dump(2).c_str());
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
