// Towns like me, chosen from the store's places (`duckweed places import france` loads the French
// communes with their population, EPCI and département, and the départements' régions): the
// territories of the same kind and country, in the same population band, within the same area
// (région by default; or département, EPCI, or the whole country), the closest in population
// first (|log(population / town's population)|, ties by id).
//
// Population bands (the INSEE size classes of communes): < 2,000; 2,000-4,999; 5,000-9,999;
// 10,000-19,999; 20,000-49,999; 50,000-99,999; 100,000-199,999; >= 200,000.
//
// Thread safety: pure functions. Complexity: O(places x depth of the parent links + p log p).
#ifndef DUCKWEED_TRANSFER_PEER_SELECTION_H_
#define DUCKWEED_TRANSFER_PEER_SELECTION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/entities.h"

namespace duckweed::evaluate {

// The band index (0 = under 2,000) of a population.
int PopulationBand(int64_t population);
// "5,000-9,999" and the like.
std::string PopulationBandLabel(int band);

enum class PeerScope { kCountry, kRegion, kDepartement, kEpci };

// "country", "region", "departement", "epci". Errors: anything else (Usage).
core::Result<PeerScope> ParsePeerScope(const std::string& text);

struct PeerCriteria {
  PeerScope scope = PeerScope::kRegion;
  bool same_band = true;  // false: any population
  int max_peers = 20;     // <= 0: all
};

// The ancestor of `kind` ("region", "departement", "epci") reached through the parent links, or
// "" (ids resolved in `places`).
std::string AncestorOfKind(const store::Territory& t, const std::string& kind,
                           const std::vector<store::Territory>& places);

struct PeerChoice {
  std::vector<store::Territory> peers;
  std::string area;    // the area's id ("" for the country)
  int band = -1;       // the town's band (-1 when any size)
  int candidates = 0;  // same kind, country and area, before the band and the cap
};

// `places` holds the candidate territories and the areas their parent links name. Errors
// (InvalidInput): the town has no population while the band is required, or no ancestor of the
// scope's kind (e.g. a commune imported without its département).
core::Result<PeerChoice> ChoosePeers(const store::Territory& town,
                                     const std::vector<store::Territory>& places,
                                     const PeerCriteria& criteria);

// The places indexed once for many peer choices (the server's, app::PeerIndexCache): every
// place's area for each scope, and the places grouped by kind, country and area, so a choice
// reads only its group. Built in O(places x scopes x depth of the parent links); immutable after,
// so one index may be read by any number of threads.
class PeerIndex {
 public:
  explicit PeerIndex(std::vector<store::Territory> places);
  size_t size() const { return places_.size(); }

 private:
  friend core::Result<PeerChoice> ChoosePeers(const store::Territory& town, const PeerIndex& index,
                                              const PeerCriteria& criteria);
  struct GroupKey {
    std::string kind, country, area;
    auto operator<=>(const GroupKey&) const = default;
  };
  std::vector<store::Territory> places_;
  std::map<std::string, const store::Territory*> by_id_;
  // Per scope (PeerScope's value): the places of each group, in the order of `places`.
  std::map<GroupKey, std::vector<const store::Territory*>> groups_[4];
};

// The same choice as above (the same peers, order, area, band and count of candidates), from
// the index: O(group + p log p) instead of O(places).
core::Result<PeerChoice> ChoosePeers(const store::Territory& town, const PeerIndex& index,
                                     const PeerCriteria& criteria);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_TRANSFER_PEER_SELECTION_H_
