// Feedback loops of an FCM: the elementary cycles of its signed causal graph (an edge i → j for
// each non-zero weight), each with its polarity — the product of the signs of its weights:
// +1 reinforcing, −1 balancing — and its strength, the product of the absolute weights (how much
// of a unit change survives one trip around the loop under a linear reading of the map).
//
// Each loop is reported once, starting at its smallest concept index, found by depth-first search
// over the concepts with larger indices (a simple form of Johnson's enumeration). Self-loops are
// loops of length 1. Loops come sorted by length, then by concept indices.
//
// Thread safety: pure function. Complexity: O(n + edges) per partial path; the number of loops can
// grow exponentially with density, hence `max_loops` (the report says when it stopped early).
#ifndef DUCKWEED_FCM_FCM_LOOPS_H_
#define DUCKWEED_FCM_FCM_LOOPS_H_

#include <vector>

#include "duckweed/fcm/fcm.h"

namespace duckweed::fcm {

struct FcmLoop {
  std::vector<size_t> concepts;  // in causal order; the first follows the last
  int polarity = 1;              // +1 reinforcing, -1 balancing
  double strength = 1.0;         // product of |weight| around the loop
};

struct FcmLoopReport {
  std::vector<FcmLoop> loops;
  bool truncated = false;  // true when max_loops was reached
};

FcmLoopReport FindFcmLoops(const FcmMap& map, size_t max_loops = 10000);

}  // namespace duckweed::fcm

#endif  // DUCKWEED_FCM_FCM_LOOPS_H_
