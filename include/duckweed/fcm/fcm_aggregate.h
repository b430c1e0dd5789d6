// Aggregation of several stakeholders' FCMs (e.g. residents, employees, elected officials) into
// one collective map.
//
// Concepts: the union of all maps' concepts, in order of first appearance (map 1's order, then
// new concepts of map 2, ...). Names must match exactly.
// Weights: the credibility-weighted mean  w_ij = Σ_k c_k w_k,ij / Σ_k c_k  (Kosko 1988,
// "Hidden patterns in combined and adaptive knowledge networks", with normalised credibilities).
//   - MissingEdges::kZero (default, Kosko's augmentation): a map that lacks concept i or j counts
//     as weight 0 for i → j, so an edge only some stakeholders draw is diluted.
//   - MissingEdges::kSkip: the mean runs only over the maps that contain both concepts (a map
//     that has both but no edge still counts as 0).
// Equal credibility is the plain mean. The mean of weights in [−1, 1] stays in [−1, 1].
// Initial values: the credibility-weighted mean over the maps that give one, else none.
//
// Thread safety: pure function. Complexity: O(K · N²) for K maps over N union concepts.
#ifndef DUCKWEED_FCM_FCM_AGGREGATE_H_
#define DUCKWEED_FCM_FCM_AGGREGATE_H_

#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/fcm/fcm.h"

namespace duckweed::fcm {

enum class FcmMissingEdges { kZero, kSkip };

struct FcmAggregateOptions {
  std::vector<double> credibility;  // one per map, ≥ 0, not all 0; empty = all equal
  FcmMissingEdges missing = FcmMissingEdges::kZero;
};

// Errors (InvalidInput): no maps, a credibility list of the wrong length, a negative or
// non-finite credibility, all credibilities 0.
core::Result<FcmMap> AggregateFcmMaps(const std::vector<FcmMap>& maps,
                                      const FcmAggregateOptions& options = {});

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_AGGREGATE_H_
