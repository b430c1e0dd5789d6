#include "duckweed/transfer/peer_selection.h"

#include <gtest/gtest.h>

namespace duckweed::evaluate {
namespace {

store::Territory Place(std::string id, std::string kind, std::optional<int64_t> population,
                       std::vector<std::string> parents) {
  store::Territory t;
  t.id = std::move(id);
  t.name = t.id;
  t.kind = std::move(kind);
  t.country = "FR";
  t.population = population;
  t.parents = std::move(parents);
  return t;
}

// Two régions, three départements, communes of several sizes; the EPCI is a second parent.
std::vector<store::Territory> Places() {
  return {Place("reg:a", "region", {}, {}),
          Place("reg:b", "region", {}, {}),
          Place("dep:1", "departement", {}, {"reg:a"}),
          Place("dep:2", "departement", {}, {"reg:a"}),
          Place("dep:3", "departement", {}, {"reg:b"}),
          Place("epci:x", "epci", {}, {"dep:1"}),
          Place("me", "commune", 6900, {"epci:x", "dep:1"}),
          Place("c1", "commune", 5000, {"dep:1"}),            // same band, same dep
          Place("c2", "commune", 9999, {"epci:x", "dep:1"}),  // same band, same EPCI
          Place("c3", "commune", 10000, {"dep:2"}),           // next band
          Place("c4", "commune", 7000, {"dep:2"}),            // same band, same region
          Place("c5", "commune", 6800, {"dep:3"}),            // same band, other region
          Place("c6", "commune", {}, {"dep:1"}),              // no population
          Place("e1", "epci", 6900, {"dep:1"})};              // another kind
}

std::vector<std::string> Ids(const PeerChoice& c) {
  std::vector<std::string> ids;
  for (const auto& p : c.peers) ids.push_back(p.id);
  return ids;
}

TEST(PeerSelection, PopulationBandsAreTheInseeSizeClasses) {
  EXPECT_EQ(PopulationBand(0), 0);
  EXPECT_EQ(PopulationBand(1999), 0);
  EXPECT_EQ(PopulationBand(2000), 1);
  EXPECT_EQ(PopulationBand(9999), 2);
  EXPECT_EQ(PopulationBand(10000), 3);
  EXPECT_EQ(PopulationBand(199999), 6);
  EXPECT_EQ(PopulationBand(200000), 7);
  EXPECT_EQ(PopulationBandLabel(2), "5,000-9,999");
  EXPECT_EQ(PopulationBandLabel(7), "200,000 and more");
}

TEST(PeerSelection, SameBandAndAreaClosestInPopulationFirst) {
  const auto places = Places();
  const auto& me = places[6];
  // Region: c4 (|log 7000/6900| = 0.0144), c1 (0.3221), c2 (0.3702); c3 is in the next band.
  auto region = ChoosePeers(me, places, {PeerScope::kRegion, true, 20});
  ASSERT_TRUE(region.ok()) << region.status().ToString();
  EXPECT_EQ(region->area, "reg:a");
  EXPECT_EQ(Ids(*region), (std::vector<std::string>{"c4", "c1", "c2"}));
  EXPECT_EQ(region->candidates, 5);  // c1..c4 and c6, before the band
  auto dep = ChoosePeers(me, places, {PeerScope::kDepartement, true, 20});
  ASSERT_TRUE(dep.ok());
  EXPECT_EQ(dep->area, "dep:1");
  EXPECT_EQ(Ids(*dep), (std::vector<std::string>{"c1", "c2"}));
  auto epci = ChoosePeers(me, places, {PeerScope::kEpci, true, 20});
  ASSERT_TRUE(epci.ok());
  EXPECT_EQ(Ids(*epci), (std::vector<std::string>{"c2"}));
  // The country, any size, at most 3: c5 (0.0146) after c4 (0.0144), then c1.
  auto country = ChoosePeers(me, places, {PeerScope::kCountry, false, 3});
  ASSERT_TRUE(country.ok());
  EXPECT_EQ(Ids(*country), (std::vector<std::string>{"c4", "c5", "c1"}));
}

TEST(PeerSelection, ErrorsSayWhatIsMissing) {
  auto places = Places();
  auto no_population = ChoosePeers(places[12], places, {PeerScope::kCountry, true, 20});
  ASSERT_FALSE(no_population.ok());
  EXPECT_NE(no_population.status().message().find("has no population"), std::string::npos);
  const auto orphan = Place("orphan", "commune", 6000, {});
  auto no_region = ChoosePeers(orphan, places, {PeerScope::kRegion, true, 20});
  ASSERT_FALSE(no_region.ok());
  EXPECT_NE(no_region.status().message().find("has no region among its parents"),
            std::string::npos);
  EXPECT_FALSE(ParsePeerScope("canton").ok());
  EXPECT_EQ(AncestorOfKind(places[6], "region", places), "reg:a");
}

}  // namespace
}  // namespace duckweed::evaluate
