// Choosing where to plant the first stem cells: seed sets by simple strategies. (Influence
// maximisation, the optimised choice, is in influence.h.)
//
// Every strategy is deterministic given its inputs and `seed` (random choices draw from
// core::Rng::ForStream(seed, kSeedingStream), a stream no Monte Carlo replica uses).
// Thread safety: pure functions.
#ifndef DUCKWEED_DIFFUSION_SEEDING_H_
#define DUCKWEED_DIFFUSION_SEEDING_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/network/graph.h"
#include "duckweed/network/node_attributes.h"

namespace duckweed::diffusion {

inline constexpr uint64_t kSeedingStream = 0x8000000000000001ULL;

enum class SeedStrategy {
  kTopDegree,          // highest out-degree first, ties by lower node id
  kTopPopulation,      // largest population first, ties by lower node id (needs population)
  kRandom,             // k distinct nodes uniformly at random
  kGeographicCluster,  // a random centre and its k-1 nearest places (great-circle distance) when
                       // coordinates are known, else the first k nodes of a BFS from the centre
  kInfluenceMax,       // IMM for the run's model (influence.h); ChooseSeeds refuses it
};

// CLI names: top-degree, top-population, random, cluster, imm.
core::Result<SeedStrategy> SeedStrategyFromName(std::string_view name);
std::string_view SeedStrategyName(SeedStrategy strategy);

// Up to `count` distinct nodes (fewer only when the graph, or a BFS ball, has fewer).
// Errors (InvalidInput): count == 0; kTopPopulation without population; an empty graph.
// Complexity: O(n log n) at most (O(n + m) for the BFS ball).
core::Result<std::vector<network::NodeId>> ChooseSeeds(const network::Graph& graph,
                                                       const network::NodeAttributes& attributes,
                                                       SeedStrategy strategy, uint32_t count,
                                                       uint64_t seed);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_SEEDING_H_
