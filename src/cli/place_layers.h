// `graph places --layers`: named network layers over the store's places, any mix of geography
// (k nearest, within a distance), administrative groups (EPCI, département, country), the
// memberships of a network (its coordinators, its supporters) and long-range gravity links.
//
// Layer specs (comma-separated on the command line):
//   knn:K          each place and its K nearest places
//   distance:KM    every pair at most KM apart (great circle; "50km" or "50")
//   epci, departement, country
//                  places of the same EPCI / département / country (from the store)
//   coordinator, supporter
//                  places that joined `network` through the same coordinator / supporter
//                  (memberships written by `import table --network NAME`)
//   long-range     gravity links (the `all` channel's long-range links)
// Groups up to max_clique places are cliques, larger ones stars around their most populous place
// (network::BuildGroupLayer). Errors (InvalidInput, field "layers"): an unknown layer (the known
// ones listed), a bad number, a layer named twice, coordinator/supporter without a network.
#ifndef DUCKWEED_CLI_PLACE_LAYERS_H_
#define DUCKWEED_CLI_PLACE_LAYERS_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/places.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {

struct PlaceLayerInputs {
  std::vector<network::Place> places;
  std::vector<std::string> countries;  // per place
  store::Store* store = nullptr;       // for coordinator / supporter
  std::string network;                 // the network whose memberships count
  uint32_t max_clique = 200;
  network::GravityOptions gravity;
  uint64_t seed = 1;
};

struct NamedLayer {
  std::string name;         // the spec's name: knn, distance, epci, coordinator, ...
  std::string description;  // "k nearest (k=6)", "coordinators of Covenant of Mayors (12 groups)"
  network::Graph graph;
};

core::Result<std::vector<NamedLayer>> BuildPlaceLayers(const std::vector<std::string>& specs,
                                                       const PlaceLayerInputs& in);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_PLACE_LAYERS_H_
