// Loop dominance over time by the Loops That Matter method (Schoenberg, Davidsen & Eberlein,
// "Understanding model behavior using the Loops that Matter method", System Dynamics Review
// 36(2), 2020): how much each feedback loop drives the model's behaviour at each saved time.
//
// Between two consecutive saved states (t0, t1), each causal link x -> z of a loop gets a link
// score from partial changes. With f the equation of z (for a stock, its net flow):
//   LS(x -> z) = |D_x f / D f| * sign(D_x f) * sign(D x)
// where D f = f(t1) - f(t0) is the total change and D_x f = f(x at t1, every other input at t0)
// - f(t0) the change due to x alone; LS = 0 when D f or D x is 0. For a flow into (out of) a
// stock this is the paper's flow-to-stock score +-|D flow / D net flow|. A loop's score is the
// product of its link scores; its relative score is that score over the sum of the absolute
// scores of all loops at that time, in [-1, 1], positive for loops acting as reinforcing.
// The dominant loop at a time is the one with the largest absolute relative score.
//
// Scores are computed over each save interval (the save step; DT when none is given), at the end
// of the interval. Equations with RANDOM draws or a fixed DELAY are re-evaluated without their
// run's random stream or history, so their partial changes are approximate.
//
// Thread safety: a pure function of an immutable CompiledModel.
#ifndef DUCKWEED_SD_SD_DOMINANCE_H_
#define DUCKWEED_SD_SD_DOMINANCE_H_

#include <string>
#include <vector>

#include "duckweed/sd/sd_analysis.h"
#include "duckweed/sd/sd_simulate.h"

namespace duckweed::sd {

// A run of consecutive scored times with the same dominant loop.
struct DominanceInterval {
  double from = 0;  // first scored time of the run
  double to = 0;    // last scored time of the run
  int loop = -1;    // index into LoopDominance::loops; -1: no loop scores (nothing changes)
};

struct LoopDominance {
  std::vector<FeedbackLoop> loops;            // as FindLoops reports them
  std::vector<std::string> ids;               // R1, B1, U1... as LoopIds gives them
  bool truncated = false;                     // the enumeration stopped at max_loops
  std::vector<double> times;                  // scored times: every saved time but the first
  std::vector<std::vector<double>> relative;  // [loop][time index], in [-1, 1]
  std::vector<DominanceInterval> dominant;    // in time order, covering `times`
};

// Runs the model (with `options`) and scores every loop FindLoops finds (up to max_loops).
// A model without loops gives empty `loops` and `relative`, and one interval with loop -1.
// O(loops x loop length x scored times + distinct links x scored times x equation size), plus
// one run; memory O(loops x scored times).
LoopDominance AnalyseLoopDominance(const CompiledModel& model, const RunOptions& options = {},
                                   size_t max_loops = 1000);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_DOMINANCE_H_
