// The experiment of the mission: the same model, seeds and replicas on the concentric network of
// places, on the long-range network and on their union, with the time to reach 10/50/90% side by
// side ("diffusion does not work in concentric circles ... the duckweed jumps").
//
// Input: the files `duckweed graph places --out PREFIX` writes: PREFIX.<channel>.edges for each
// channel (node i = place i) and PREFIX.nodes.csv (id, name, population, latitude, longitude).
// Errors: as ExecuteRun, per channel file; a missing channel file is an IoError naming it.
#ifndef DUCKWEED_DIFFUSION_COMPARE_H_
#define DUCKWEED_DIFFUSION_COMPARE_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/run.h"

namespace duckweed::diffusion {

struct CompareRequest {
  std::string places_prefix;
  std::vector<std::string> channels = {"concentric", "long-range", "all"};
  RunRequest run;  // model, seeds, cordon and Monte Carlo options; graph paths are filled in
};

struct ChannelOutcome {
  std::string channel;
  RunOutcome run;
};

core::Result<std::vector<ChannelOutcome>> ExecuteComparison(const CompareRequest& request);

// JSON: {command, version, places, model, replicas, seed, max_steps, parameters (the same object
// as `diffuse run --json`), channels: [{channel, graph, nodes, arcs, seeds, final_size, reach,
// mean_curve, threads, processes, timings}]}; a table: one row per channel with final size and
// steps to each reach level.
std::string ComparisonJson(const CompareRequest& request,
                           const std::vector<ChannelOutcome>& outcomes);
std::string ComparisonTable(const std::vector<ChannelOutcome>& outcomes);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_COMPARE_H_
