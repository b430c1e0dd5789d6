// Outputs of a Monte Carlo run: the JSON run record (inputs, parameters, seed, timings, summaries),
// a readable table, the mean curve as CSV, per-node results as CSV and as a GeoJSON map.
// Node ids are written as the input's ids (labels) when given, else as node indices.
// Thread safety: pure functions.
#ifndef DUCKWEED_DIFFUSION_RUN_RECORD_H_
#define DUCKWEED_DIFFUSION_RUN_RECORD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "duckweed/diffusion/calendar.h"
#include "duckweed/diffusion/model.h"
#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/node_attributes.h"

namespace duckweed::diffusion {

struct RunInputs {
  std::string graph_path;
  bool undirected = false;
  uint32_t nodes = 0;
  uint64_t arcs = 0;
  uint64_t self_loops_dropped = 0;
  uint64_t duplicate_arcs_dropped = 0;
  std::string seeds_source;        // "file SEEDS.json", "strategy top-degree (k=10)", ...
  std::vector<uint64_t> labels;    // node -> input id; empty when ids are node indices
  std::vector<std::string> names;  // node -> place name; may be empty
};

struct RunTimings {
  double read_seconds = 0;
  double simulate_seconds = 0;
  double total_seconds = 0;
};

// The run record as a JSON document (pretty-printed). Keys: command, version, inputs, parameters,
// seed, threads, seeds, final_size {mean, stderr, sd, min, q05, q25, median, q75, q95, max},
// replicas_capped, reach [...], curve [...], timings {..., microseconds_per_replica}. NaN is
// written as null. replicas_capped counts the replicas still changing at their max_steps-th step
// (stopped by the cap, maybe unfinished; the table shows them when there are any). For SIS the
// final size counts the nodes ever infected, not those infected at the end (model.h).
std::string RunRecordJson(const RunInputs& inputs, const ModelSpec& spec,
                          const MonteCarloOptions& options, const MonteCarloResult& result,
                          const RunTimings& timings);

// A few aligned lines for a terminal.
std::string RunTable(const RunInputs& inputs, const ModelSpec& spec, const MonteCarloResult& result,
                     const RunTimings& timings);

// step,mean_adopted,low_adopted,high_adopted,mean_prevalence
std::string CurveCsv(const MonteCarloResult& result);

// id,name,adoption_probability,mean_adoption_step: `NaN` (core/number.h) for a node that no
// replica adopted, as it has no mean step (JSON and GeoJSON write null). REQUIRES per-node results.
std::string NodesCsv(const MonteCarloResult& result, const RunInputs& inputs);

// A FeatureCollection of Points (nodes with coordinates) with properties id, name,
// adoption_probability, mean_adoption_step, seed. REQUIRES per-node results.
std::string AdoptionGeoJson(const MonteCarloResult& result, const RunInputs& inputs,
                            const network::NodeAttributes& attributes);

// A calendar run (calendar.h) as a JSON record: command, version, inputs, calibrated_model
// {name, source, fit_years, memory, year_shock_sd, parameters}, replicas, seed, threads, seeds,
// layers, unmatched, years [{year, mean, lo, hi}] (adopted at the end of each year, 5 % and 95 %
// quantiles; the first row is the year before from_year: the seeds), reach [{fraction, target,
// replicas_reached, year, lo, hi}] (the median year and the 90 % interval; null: later than the
// last year), sentences (DescribeReach's lines), timings.
std::string CalendarRecordJson(const RunInputs& inputs, const CalibratedModel& model,
                               const CalendarResult& result, const RunTimings& timings);

// The same for a terminal: the model, its layers, a table of years and the reach sentences.
std::string CalendarTable(const RunInputs& inputs, const CalibratedModel& model,
                          const CalendarResult& result, const RunTimings& timings);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_RUN_RECORD_H_
