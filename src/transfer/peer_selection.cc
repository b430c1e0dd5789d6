#include "duckweed/transfer/peer_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace duckweed::evaluate {

using core::Result;
using core::Status;

namespace {

constexpr std::array<int64_t, 7> kBandStarts = {2000, 5000, 10000, 20000, 50000, 100000, 200000};

const char* ScopeKind(PeerScope scope) {
  switch (scope) {
    case PeerScope::kRegion:
      return "region";
    case PeerScope::kDepartement:
      return "departement";
    case PeerScope::kEpci:
      return "epci";
    case PeerScope::kCountry:
      return "";
  }
  return "";
}

using Index = std::map<std::string, const store::Territory*>;

// Breadth first through the parent links: the nearest ancestor of `kind`.
std::string Ancestor(const store::Territory& t, const std::string& kind, const Index& by_id) {
  std::vector<const store::Territory*> frontier = {&t};
  std::set<std::string> seen = {t.id};
  while (!frontier.empty()) {
    std::vector<const store::Territory*> next;
    for (const auto* node : frontier) {
      for (const auto& parent : node->parents) {
        auto it = by_id.find(parent);
        if (it == by_id.end() || !seen.insert(parent).second) continue;
        if (it->second->kind == kind) return parent;
        next.push_back(it->second);
      }
    }
    frontier = std::move(next);
  }
  return "";
}

}  // namespace

int PopulationBand(int64_t population) {
  return static_cast<int>(std::upper_bound(kBandStarts.begin(), kBandStarts.end(), population) -
                          kBandStarts.begin());
}

std::string PopulationBandLabel(int band) {
  static const std::array<const char*, 8> kLabels = {
      "under 2,000",   "2,000-4,999",   "5,000-9,999",     "10,000-19,999",
      "20,000-49,999", "50,000-99,999", "100,000-199,999", "200,000 and more"};
  return kLabels[std::clamp(band, 0, static_cast<int>(kLabels.size()) - 1)];
}

Result<PeerScope> ParsePeerScope(const std::string& text) {
  if (text == "country") return PeerScope::kCountry;
  if (text == "region") return PeerScope::kRegion;
  if (text == "departement") return PeerScope::kDepartement;
  if (text == "epci") return PeerScope::kEpci;
  return Status::Usage(
      fmt::format("--scope expects country, region, departement or epci, found '{}'", text));
}

std::string AncestorOfKind(const store::Territory& t, const std::string& kind,
                           const std::vector<store::Territory>& places) {
  std::map<std::string, const store::Territory*> by_id;
  for (const auto& p : places) by_id[p.id] = &p;
  return Ancestor(t, kind, by_id);
}

namespace {

// The town's band (checked) and area (its ancestor of the scope's kind, checked).
Status StartChoice(const store::Territory& town, const PeerCriteria& criteria, const Index& by_id,
                   PeerChoice& out) {
  if (criteria.same_band) {
    if (!town.population || *town.population <= 0) {
      return Status::InvalidInput(
          fmt::format("town '{}' has no population: cannot choose peers of its size (use "
                      "--any-size, or import its population)",
                      town.id));
    }
    out.band = PopulationBand(*town.population);
  }
  const std::string kind = ScopeKind(criteria.scope);
  if (!kind.empty()) {
    out.area = Ancestor(town, kind, by_id);
    if (out.area.empty()) {
      return Status::InvalidInput(fmt::format(
          "town '{}' has no {} among its parents in the database: cannot choose peers in the "
          "same {} (import the places with `duckweed places import france`, or use --scope "
          "country)",
          town.id, kind, kind));
    }
  }
  return Status::Ok();
}

// Counts a candidate of the town's kind, country and area, and keeps it when in the band.
void Consider(const store::Territory& p, const PeerCriteria& criteria, PeerChoice& out,
              std::vector<const store::Territory*>& chosen) {
  ++out.candidates;
  if (criteria.same_band && (!p.population || PopulationBand(*p.population) != out.band)) return;
  chosen.push_back(&p);
}

// The closest in population first (ties by id), at most max_peers.
void Finish(const store::Territory& town, const PeerCriteria& criteria,
            std::vector<const store::Territory*>& chosen, PeerChoice& out) {
  const double own = town.population && *town.population > 0 ? *town.population : 1.0;
  auto gap = [&](const store::Territory* t) {
    return t->population && *t->population > 0
               ? std::abs(std::log(static_cast<double>(*t->population) / own))
               : HUGE_VAL;
  };
  std::sort(chosen.begin(), chosen.end(), [&](const auto* a, const auto* b) {
    const double ga = gap(a), gb = gap(b);
    return ga != gb ? ga < gb : a->id < b->id;
  });
  if (criteria.max_peers > 0 && static_cast<int>(chosen.size()) > criteria.max_peers) {
    chosen.resize(criteria.max_peers);
  }
  for (const auto* p : chosen) out.peers.push_back(*p);
}

constexpr PeerScope kScopes[] = {PeerScope::kCountry, PeerScope::kRegion, PeerScope::kDepartement,
                                 PeerScope::kEpci};

}  // namespace

Result<PeerChoice> ChoosePeers(const store::Territory& town,
                               const std::vector<store::Territory>& places,
                               const PeerCriteria& criteria) {
  PeerChoice out;
  Index by_id;
  for (const auto& p : places) by_id[p.id] = &p;
  DUCKWEED_RETURN_IF_ERROR(StartChoice(town, criteria, by_id, out));
  const std::string kind = ScopeKind(criteria.scope);
  std::vector<const store::Territory*> chosen;
  for (const auto& p : places) {
    if (p.id == town.id || p.kind != town.kind || p.country != town.country) continue;
    if (!kind.empty() && Ancestor(p, kind, by_id) != out.area) continue;
    Consider(p, criteria, out, chosen);
  }
  Finish(town, criteria, chosen, out);
  return out;
}

PeerIndex::PeerIndex(std::vector<store::Territory> places) : places_(std::move(places)) {
  for (const auto& p : places_) by_id_[p.id] = &p;
  for (PeerScope scope : kScopes) {
    const std::string kind = ScopeKind(scope);
    auto& groups = groups_[static_cast<int>(scope)];
    for (const auto& p : places_) {
      groups[{p.kind, p.country, kind.empty() ? "" : Ancestor(p, kind, by_id_)}].push_back(&p);
    }
  }
}

Result<PeerChoice> ChoosePeers(const store::Territory& town, const PeerIndex& index,
                               const PeerCriteria& criteria) {
  PeerChoice out;
  DUCKWEED_RETURN_IF_ERROR(StartChoice(town, criteria, index.by_id_, out));
  std::vector<const store::Territory*> chosen;
  const auto& groups = index.groups_[static_cast<int>(criteria.scope)];
  if (auto it = groups.find({town.kind, town.country, out.area}); it != groups.end()) {
    for (const auto* p : it->second) {
      if (p->id != town.id) Consider(*p, criteria, out, chosen);
    }
  }
  Finish(town, criteria, chosen, out);
  return out;
}

}  // namespace duckweed::evaluate
