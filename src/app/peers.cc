#include "duckweed/app/peers.h"

#include <fmt/format.h>

#include <set>

#include "duckweed/app/json_util.h"
#include "duckweed/core/csv.h"
#include "duckweed/systemic/store_source.h"
#include "duckweed/systemic/taxonomy.h"
#include "duckweed/transfer/context_profile.h"
#include "duckweed/transfer/peer_selection.h"

namespace duckweed::app {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

// The mean of the peers' scores in each domain (those with a score), or nullopt when none has one.
std::vector<std::optional<double>> MeanScores(size_t domains,
                                              const std::vector<evaluate::Profile>& peers) {
  std::vector<std::optional<double>> mean(domains);
  for (size_t d = 0; d < domains; ++d) {
    double sum = 0;
    int n = 0;
    for (const auto& p : peers) {
      if (d < p.scores.size() && p.scores[d]) {
        sum += *p.scores[d];
        ++n;
      }
    }
    if (n > 0) mean[d] = sum / n;
  }
  return mean;
}

Result<PeersOutcome> PeersFromCsv(const PeersRequest& o) {
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
  PeersOutcome out{o.town};
  evaluate::Profile me;
  std::vector<evaluate::Profile> peers;
  std::vector<std::string> domains;
  for (const auto& town : towns) {
    DUCKWEED_ASSIGN_OR_RETURN(auto obs, evaluate::ParseObservations(obs_table, town));
    DUCKWEED_ASSIGN_OR_RETURN(
        auto scores, evaluate::ComputeDomainScores(specs, obs, taxonomy, {o.carry_forward}));
    domains = scores.domains;
    (town == o.town ? me : peers.emplace_back()) = evaluate::LatestProfile(town, scores);
    if (town != o.town) {
      out.peers.push_back({town, town, std::nullopt, std::nullopt, std::nullopt, true, false});
    }
  }
  out.candidates = static_cast<int>(peers.size());
  out.standing = evaluate::RankAmongPeers(domains, me, peers);
  out.mean = MeanScores(domains.size(), peers);
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

// A territory's census context figures from its "result" observations.
evaluate::Profile StoreContext(store::Store& db, const store::Territory& t) {
  std::vector<evaluate::Observation> obs;
  if (auto rows = db.ListObservations(t.id); rows.ok()) {
    for (const auto& r : *rows) {
      if (r.kind == "result") obs.push_back({r.indicator_id, r.year, r.value, {}});
    }
  }
  return evaluate::ContextProfile(t.id, obs);
}

Result<PeersOutcome> PeersFromStore(const PeersRequest& o, LazyStore& store,
                                    PeerIndexCache* cache) {
  DUCKWEED_ASSIGN_OR_RETURN(auto scope, evaluate::ParsePeerScope(o.scope));
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, store.Get());
  const std::string& path = db->path();
  const auto& taxonomy = evaluate::Taxonomy::Default();
  DUCKWEED_ASSIGN_OR_RETURN(auto in, evaluate::LoadTownFromStore(*db, o.town, taxonomy));
  std::vector<evaluate::IndicatorSpec> specs = std::move(in.specs);
  if (!o.indicators.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto spec_table, core::ReadCsvFile(o.indicators));
    DUCKWEED_ASSIGN_OR_RETURN(specs, evaluate::ParseIndicatorSpecs(spec_table, taxonomy));
  }
  const evaluate::PeerCriteria criteria{scope, !o.any_size, o.max_peers};
  evaluate::PeerChoice choice;
  if (cache) {
    DUCKWEED_ASSIGN_OR_RETURN(auto index, cache->Get(*db));
    DUCKWEED_ASSIGN_OR_RETURN(choice, evaluate::ChoosePeers(in.territory, *index, criteria));
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(auto places, db->ListTerritories({"", "", 0}));
    DUCKWEED_ASSIGN_OR_RETURN(choice, evaluate::ChoosePeers(in.territory, places, criteria));
  }
  PeersOutcome out;
  out.town_label = fmt::format("{} ({})", in.territory.name, in.territory.id);
  out.area = choice.area;
  out.band = choice.band;
  out.candidates = choice.candidates;
  const evaluate::Profile my_context = StoreContext(*db, in.territory);
  std::optional<evaluate::Profile> me;
  if (!specs.empty()) me = StoreProfile(*db, in.territory, specs, o.carry_forward);
  if (!me && !evaluate::HasContext(my_context)) {
    if (specs.empty()) {
      return Status::InvalidInput(fmt::format(
          "{} has no indicator with a domain and a target in {}: give --indicators SPEC.csv",
          in.territory.id, path));
    }
    return Status::InvalidInput(
        fmt::format("{} has no observation its indicators can score", in.territory.id));
  }
  std::vector<evaluate::Profile> profiles, contexts;
  for (const auto& p : choice.peers) {
    std::optional<evaluate::Profile> profile;
    if (me) profile = StoreProfile(*db, p, specs, o.carry_forward);
    evaluate::Profile context = StoreContext(*db, p);
    const bool has_context = evaluate::HasContext(context);
    out.peers.push_back(
        {p.id, p.name, p.population, p.latitude, p.longitude, profile.has_value(), has_context});
    if (profile) profiles.push_back(std::move(*profile));
    if (has_context) contexts.push_back(std::move(context));
  }
  if (me) {
    std::vector<std::string> domains;
    for (const auto& d : taxonomy.domains()) domains.push_back(d.id);
    out.standing = evaluate::RankAmongPeers(domains, *me, profiles);
    out.mean = MeanScores(domains.size(), profiles);
  }
  if (evaluate::HasContext(my_context)) {
    out.context = evaluate::RankAmongPeers(evaluate::ContextFigureNames(), my_context, contexts);
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const evaluate::PeerIndex>> PeerIndexCache::Get(store::Store& db) {
  DUCKWEED_ASSIGN_OR_RETURN(const int64_t wanted, db.ChangeCount());
  std::unique_lock lock(mu_);
  built_.wait(lock, [&] { return !building_; });
  if (index_ && count_ >= wanted) return index_;
  building_ = true;
  lock.unlock();
  // The count is read before the places: a write landing between them makes the next Get rebuild
  // again, never keeps an index older than its count.
  auto count = db.ChangeCount();
  Status status = count.status();
  std::shared_ptr<const evaluate::PeerIndex> fresh;
  if (count.ok()) {
    auto places = db.ListTerritories({"", "", 0});
    if (places.ok()) {
      fresh = std::make_shared<const evaluate::PeerIndex>(std::move(*places));
    } else {
      status = places.status();
    }
  }
  lock.lock();
  building_ = false;
  built_.notify_all();
  if (!status.ok()) return status;
  index_ = std::move(fresh);
  count_ = *count;
  ++builds_;
  return index_;
}

int PeerIndexCache::builds() const {
  std::lock_guard lock(mu_);
  return builds_;
}

Result<PeersOutcome> FindPeers(const PeersRequest& request, LazyStore& db, PeerIndexCache* cache) {
  if (!request.observations.empty()) return PeersFromCsv(request);
  return PeersFromStore(request, db, cache);
}

ordered_json PeersJson(const std::string& town, const PeersOutcome& r, bool detailed) {
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
                            {"has_data", p.has_data},
                            {"has_context", p.has_context}});
    if (detailed) {
      out["peers"].back()["latitude"] = OptionalNumber(p.latitude);
      out["peers"].back()["longitude"] = OptionalNumber(p.longitude);
    }
  }
  out["domains"] = ordered_json::array();
  for (size_t d = 0; d < r.standing.size(); ++d) {
    const auto& s = r.standing[d];
    out["domains"].push_back({{"domain", s.domain},
                              {"score", OptionalNumber(s.score)},
                              {"rank", s.rank},
                              {"compared", s.compared},
                              {"median", OptionalNumber(s.median)},
                              {"distance", OptionalNumber(s.distance)}});
    if (detailed) out["domains"].back()["mean"] = OptionalNumber(r.mean[d]);
  }
  out["context"] = ordered_json::array();
  for (const auto& s : r.context) {
    out["context"].push_back({{"figure", s.domain},
                              {"value", OptionalNumber(s.score)},
                              {"rank", s.rank},
                              {"compared", s.compared},
                              {"median", OptionalNumber(s.median)},
                              {"distance", OptionalNumber(s.distance)}});
  }
  return out;
}

}  // namespace duckweed::app
