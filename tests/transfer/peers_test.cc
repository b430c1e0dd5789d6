#include "duckweed/transfer/peers.h"

#include <gtest/gtest.h>

namespace duckweed::evaluate {
namespace {

TEST(PeersTest, RankMedianAndDistanceByHand) {
  DomainScores s;
  s.domains = {"energy", "mobility"};
  s.years = {2010, 2020};
  s.score = {{0.2, 0.6}, {0.3, std::nullopt}};
  const Profile town = LatestProfile("Loos", s);
  EXPECT_EQ(*town.scores[0], 0.6);  // the 2020 score
  EXPECT_EQ(town.years[0], 2020);
  EXPECT_EQ(*town.scores[1], 0.3);  // 2020 missing: the latest available, 2010
  EXPECT_EQ(town.years[1], 2010);
  const std::vector<Profile> peers = {{"A", {0.9, std::nullopt}, {2020, 0}},
                                      {"B", {0.5, 0.1}, {2020, 2020}},
                                      {"C", {0.1, 0.5}, {2020, 2020}}};
  const auto standing = RankAmongPeers(s.domains, town, peers);
  // energy: peers 0.1, 0.5, 0.9 -> median 0.5; Loos 0.6 is behind A only: rank 2 of 4.
  EXPECT_EQ(standing[0].rank, 2);
  EXPECT_EQ(standing[0].compared, 4);
  EXPECT_DOUBLE_EQ(*standing[0].median, 0.5);
  EXPECT_NEAR(*standing[0].distance, 0.1, 1e-12);
  // mobility: A has no score; peers 0.1, 0.5 -> median 0.3; Loos 0.3 ranks 2 of 3.
  EXPECT_EQ(standing[1].rank, 2);
  EXPECT_EQ(standing[1].compared, 3);
  EXPECT_DOUBLE_EQ(*standing[1].median, 0.3);
  EXPECT_NEAR(*standing[1].distance, 0.0, 1e-12);
}

}  // namespace
}  // namespace duckweed::evaluate
