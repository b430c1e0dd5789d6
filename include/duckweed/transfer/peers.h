// Towns like me: where a town stands among its peers, domain by domain (the most requested
// feature of ADEME's platform). Each town's profile is its latest score per domain; for every
// domain, the town's rank among the peers that have a score (1 = best), the peers' median and the
// town's distance to it. Missing scores stay out of the ranking.
//
// Thread safety: pure functions. Complexity: O(domains x peers log peers).
#ifndef DUCKWEED_TRANSFER_PEERS_H_
#define DUCKWEED_TRANSFER_PEERS_H_

#include <optional>
#include <string>
#include <vector>

#include "duckweed/systemic/domain_scores.h"

namespace duckweed::evaluate {

struct Profile {
  std::string town;
  std::vector<std::optional<double>> scores;  // per domain (the taxonomy's order)
  std::vector<int> years;                     // year of each score (0 when missing)
};

// The latest score of each domain.
Profile LatestProfile(const std::string& town, const DomainScores& scores);

struct PeerStanding {
  std::string domain;
  std::optional<double> score;     // the town's
  int rank = 0;                    // among the town and the peers with a score; 0 when missing
  int compared = 0;                // towns with a score in this domain, the town included
  std::optional<double> median;    // of the peers' scores
  std::optional<double> distance;  // score - median
};

// REQUIRES: every profile has one entry per domain of `domains`.
std::vector<PeerStanding> RankAmongPeers(const std::vector<std::string>& domains,
                                         const Profile& town, const std::vector<Profile>& peers);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_TRANSFER_PEERS_H_
