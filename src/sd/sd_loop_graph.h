// Internal: the feedback loops of a compiled model as paths of slots, shared by FindLoops (which
// names them) and the loop-dominance analysis (which scores their links along a run).
#ifndef DUCKWEED_SD_SD_LOOP_GRAPH_H_
#define DUCKWEED_SD_SD_LOOP_GRAPH_H_

#include <cstddef>
#include <vector>

#include "duckweed/sd/sd_analysis.h"
#include "duckweed/sd/sd_simulate.h"

namespace duckweed::sd {

// One elementary cycle: slots[i] feeds slots[i + 1], the last feeds the first.
struct LoopPath {
  std::vector<int> slots;
  int polarity = 0;  // +1 reinforcing, -1 balancing, 0 undetermined
};

struct LoopPaths {
  std::vector<LoopPath> loops;
  bool truncated = false;
};

// Every elementary cycle of the causal graph, in FindLoops' order, up to max_loops.
LoopPaths FindLoopPaths(const CompiledModel& model, size_t max_loops);

// The loops with their variables' display names (hidden slots by key), as FindLoops reports them.
LoopReport NameLoops(const Program& p, const LoopPaths& paths);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_LOOP_GRAPH_H_
