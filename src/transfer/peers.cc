#include "duckweed/transfer/peers.h"

#include <algorithm>

namespace duckweed::evaluate {

Profile LatestProfile(const std::string& town, const DomainScores& scores) {
  Profile p{town, std::vector<std::optional<double>>(scores.domains.size()),
            std::vector<int>(scores.domains.size(), 0)};
  for (size_t d = 0; d < scores.domains.size(); ++d) {
    for (size_t y = 0; y < scores.years.size(); ++y) {
      if (scores.score[d][y]) {
        p.scores[d] = scores.score[d][y];
        p.years[d] = scores.years[y];
      }
    }
  }
  return p;
}

std::vector<PeerStanding> RankAmongPeers(const std::vector<std::string>& domains,
                                         const Profile& town, const std::vector<Profile>& peers) {
  std::vector<PeerStanding> out;
  for (size_t d = 0; d < domains.size(); ++d) {
    PeerStanding s{domains[d], town.scores[d]};
    std::vector<double> values;
    for (const auto& p : peers) {
      if (p.scores[d]) values.push_back(*p.scores[d]);
    }
    if (!values.empty()) {
      std::sort(values.begin(), values.end());
      const size_t m = values.size();
      s.median = m % 2 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2;
    }
    if (s.score) {
      s.compared = static_cast<int>(values.size()) + 1;
      s.rank = 1 + static_cast<int>(std::count_if(values.begin(), values.end(),
                                                  [&](double v) { return v > *s.score; }));
      if (s.median) s.distance = *s.score - *s.median;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace duckweed::evaluate
