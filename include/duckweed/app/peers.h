// Use case: towns like me — a town's rank and distance to its peers, domain by domain. The peers
// are the other towns of an observations CSV, or, without one, the towns of the same kind,
// population band and area chosen from the store's places (transfer/peer_selection.h). Used by
// `duckweed evaluate peers` and GET /api/v1/territories/{id}/peers.
//
// Thread safety: reads the files named and the store given (one thread per store, store.h); a
// PeerIndexCache is shared by any number of threads.
#ifndef DUCKWEED_APP_PEERS_H_
#define DUCKWEED_APP_PEERS_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/app/store_access.h"
#include "duckweed/core/result.h"
#include "duckweed/transfer/peer_selection.h"
#include "duckweed/transfer/peers.h"

namespace duckweed::app {

struct PeersRequest {
  std::string town;          // territory id or name (or the territory column of observations)
  std::string indicators;    // specification CSV; empty: the town's indicators in the store
  std::string observations;  // CSV of the town and its peers; empty: peers from the store
  std::string scope = "region";
  int carry_forward = 0, max_peers = 20;
  bool any_size = false;
};

// A peer as listed: who, where, and whether it had data to compare.
struct PeerRow {
  std::string id, name;
  std::optional<int64_t> population;
  std::optional<double> latitude, longitude;
  bool has_data = false;     // a domain score to compare
  bool has_context = false;  // a census context figure to compare (transfer/context_profile.h)
};

struct PeersOutcome {
  std::string town_label, area;
  int band = -1, candidates = 0;
  std::vector<PeerRow> peers;
  std::vector<evaluate::PeerStanding> standing;
  std::vector<std::optional<double>> mean;  // the peers' mean score, per standing row
  // The census context figures (store peers only): the town's value, rank, peers' median.
  std::vector<evaluate::PeerStanding> context;
};

// With the store, a town without a scorable indicator is still compared on its census context
// (then `standing` is empty). Errors: kUsage (observations without indicators), NotFound (no such
// town), kInvalidInput (no indicator with a target and no context, nothing to score or compare),
// located problems in the files.
// The server's: the places the peer choice reads, listed and indexed once per process
// (evaluate::PeerIndex, about a second for 175,000 territories) instead of on every request. Every
// Get reads Store::ChangeCount (one row) and rebuilds the index when anything was written since
// it was built (an import or an edit, from this process or another); callers arriving during a
// rebuild wait for it, so an index older than the count a caller read is never handed out (a
// reply cached under that count is never stale). Observations are never held here: each request
// reads its peers' scores and census figures.
class PeerIndexCache {
 public:
  // The index of `db`'s territories as of at least the write count read on entry. Errors: the
  // store's.
  core::Result<std::shared_ptr<const evaluate::PeerIndex>> Get(store::Store& db);
  // How many times the index was built (tests).
  int builds() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable built_;
  std::shared_ptr<const evaluate::PeerIndex> index_;
  int64_t count_ = -1;  // the write count read before the places of index_ were listed
  bool building_ = false;
  int builds_ = 0;
};

// `cache` (may be null: list the places for this call) serves the store peers' candidates; the
// outcome is the same either way.
core::Result<PeersOutcome> FindPeers(const PeersRequest& request, LazyStore& db,
                                     PeerIndexCache* cache = nullptr);

// The CLI's record {"town", "area", "band", "candidates", "peers": [{"id", "name", "population",
// "has_data", "has_context"}], "domains": [{"domain", "score", "rank", "compared", "median",
// "distance"}], "context": [{"figure", "value", "year", "rank", "compared", "median",
// "distance"}]};
// `detailed` (the API) adds each peer's "latitude"/"longitude" and each domain's peers' "mean".
nlohmann::ordered_json PeersJson(const std::string& town, const PeersOutcome& r,
                                 bool detailed = false);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_PEERS_H_
