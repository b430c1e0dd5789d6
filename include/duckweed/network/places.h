// Networks of places: which towns talk to which. Three channels, each an undirected,
// channel-tagged graph over node i = places[i], and their union:
//  - concentric: geographic neighbours (k nearest, or all within a radius), the "concentric
//    circles" through which diffusion is said not to work;
//  - institutional: places of the same EPCI (intercommunality) or the same département;
//  - long-range: a gravity model (pairs drawn with probability proportional to
//    pop_i pop_j f(d_ij)), the links through which the duckweed jumps.
// Distances are great-circle distances on a sphere of radius 6371.0088 km (IUGG mean radius).
// The network module does not depend on the store: callers convert their places to Place.
//
// Errors: invalid places (coordinates out of range, negative population, duplicate ids) or
// parameters → InvalidInput naming places[i].field or the parameter; all bad places are listed.
// Thread safety: pure functions.
#ifndef DUCKWEED_NETWORK_PLACES_H_
#define DUCKWEED_NETWORK_PLACES_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/graph.h"

namespace duckweed::network {

struct Place {
  std::string id;  // e.g. an INSEE code; unique
  double lat = 0;  // WGS84 degrees
  double lon = 0;
  double population = 0;
  std::string epci;         // empty: none
  std::string departement;  // empty: none
};

// Channel tags are bit flags so an arc present in several channels carries all of them.
inline constexpr uint8_t kChannelConcentric = 1;
inline constexpr uint8_t kChannelInstitutional = 2;
inline constexpr uint8_t kChannelLongRange = 4;

// Ok, or every problem found (up to 100).
core::Status ValidatePlaces(std::span<const Place> places);

// Great-circle distance in km.
double DistanceKm(const Place& a, const Place& b);

// Each place linked to its k nearest other places; the union of both directions (u-v when v is
// among u's k nearest or u among v's), so degrees are >= min(k, n-1). Ties in distance are broken
// by the k-d tree (nanoflann). O(n log n + n k log n).
core::Result<Graph> BuildKNearest(std::span<const Place> places, uint32_t k);

// Every pair at most radius_km apart. O(n log n + output); a radius covering everything gives a
// complete graph, so choose it for the density of places (a few km for French communes).
core::Result<Graph> BuildRadius(std::span<const Place> places, double radius_km);

enum class GroupLinks { kNone, kClique, kStar };
struct InstitutionalOptions {
  GroupLinks epci = GroupLinks::kClique;       // EPCIs are small (median ~25 communes)
  GroupLinks departement = GroupLinks::kStar;  // ~350 communes: a clique would be ~120k edges
  uint32_t max_clique_size = 200;              // a larger group is linked as a star instead
};
// A clique links every pair of the group; a star links each member to the group's hub, its most
// populous place (the first such in input order on ties), as a prefecture gathers its
// département. O(n log n + sum of group sizes squared for cliques).
core::Result<Graph> BuildInstitutional(std::span<const Place> places,
                                       const InstitutionalOptions& options = {});

// A membership layer: places that share a group (a coordinator, a supporter, a country, any
// named group; groups[i] lists place i's, "" ignored, so a place may belong to several). Each
// group is linked as a clique when mode is kClique and it has at most max_clique_size members,
// else as a star around its first most populous member; kNone: no arcs. Arcs are tagged
// `channel`. InvalidInput when groups.size() != places.size(). Deterministic (groups in name
// order, members in place order). O(n log n + sum of clique sizes squared).
core::Result<Graph> BuildGroupLayer(std::span<const Place> places,
                                    std::span<const std::vector<std::string>> groups,
                                    GroupLinks mode, uint32_t max_clique_size = 200,
                                    uint8_t channel = kChannelInstitutional);

struct GravityOptions {
  uint64_t links = 1000;  // distinct undirected long-range edges wanted
  double exponent = 2.0;  // f(d) = (scale_km / max(d, scale_km))^exponent
  double scale_km = 20.0;
  double min_distance_km = 20.0;  // pairs closer than this are never long-range
  uint64_t max_attempts = 0;      // 0: 10,000 per link + 1,000,000
};
// Long-range links: pairs (i, j) drawn with probability proportional to pop_i pop_j f(d_ij)
// among pairs at least min_distance_km apart, without repeats, by proposing i and j by
// population (alias tables) and accepting with f(d). Depends only on the places and `seed`.
// InvalidInput when fewer than 2 places have a population > 0 or when max_attempts proposals
// do not yield `links` edges (the message says how many were found). O(attempts + n + links).
core::Result<Graph> BuildGravity(std::span<const Place> places, const GravityOptions& options,
                                 uint64_t seed);

// Small-world alternative for long-range links: each edge {u, v} (u < v) of `base` is moved with
// probability beta to {u, w}, w uniform among places not linked to u; the moved edges are tagged
// long-range, the others keep their channel. REQUIRES base symmetric. O(m) expected.
core::Result<Graph> RewireSmallWorld(const Graph& base, double beta, uint64_t seed);

// Union of graphs over the same nodes: arcs present in several inputs appear once, with the OR
// of their channels (an input without channels gets `default_channel`). Weights are dropped.
// InvalidInput when node counts differ. O(n + total arcs log d).
core::Result<Graph> UnionOf(std::span<const Graph* const> graphs, uint8_t default_channel = 0);

// Per-channel arc counts (an arc with several channel bits counts in each).
struct ChannelCounts {
  uint64_t concentric = 0;
  uint64_t institutional = 0;
  uint64_t long_range = 0;
};
ChannelCounts CountChannels(const Graph& graph);

// The arcs of `graph` whose channel has a bit of `mask` (their channel bits kept as they are).
// O(n + m).
Graph SelectChannels(const Graph& graph, uint8_t mask);

// All channels at once, for `duckweed graph places` and the diffusion comparison.
struct PlaceNetworkOptions {
  uint32_t knn = 6;                    // concentric: k nearest (0: none)
  double radius_km = 0;                // concentric: also every pair within this distance (0: none)
  InstitutionalOptions institutional;  // both kNone: no institutional channel
  GravityOptions gravity;              // gravity.links = 0: no gravity links
  double rewire_beta = 0;  // > 0: long-range links by rewiring the concentric graph instead
};
struct PlaceNetwork {
  Graph concentric;
  Graph institutional;
  Graph long_range;
  // The union of the three, channel-tagged. With rewiring, the concentric edges that moved are
  // not in `combined` (they became the long-range ones), as in Watts–Strogatz.
  Graph combined;
};
// Errors as the builders it calls. Reproducible from `seed` (gravity and rewiring use it).
core::Result<PlaceNetwork> BuildPlaceNetwork(std::span<const Place> places,
                                             const PlaceNetworkOptions& options, uint64_t seed);

}  // namespace duckweed::network

#endif  // DUCKWEED_NETWORK_PLACES_H_
