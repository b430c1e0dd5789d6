// Diffusion in calendar years: a hazard model calibrated on observed adoption dates
// (calibrate.h, `duckweed diffuse calibrate --json`) run on a network of places, one step per
// year, reported as "50 % of the places by 2031, 90 % interval 2029-2034".
//
// THE MODEL. Node v that has not adopted by the end of year t-1 adopts in year t with probability
//
//   h_vt = f(v) * 1 / (1 + exp(-eta_vt)),
//   eta_vt = b_intercept + b_trend * (t - first_year) + b_log_population * (log pop_v - mean)
//          + sum over layers L of b_L * log(1 + E_Lvt) + u_t,
//
// with the coefficients of the calibrated model (their names: intercept, trend, log_population,
// distance, and one per group column, e.g. coordinator_name); f(v) the node's receptivity factor
// (heterogeneity.h: receptivity x (1 - resistance), e.g. a town's membership in a recipe); `mean`
// the calibration's mean log population when the file gives it, else the mean over the nodes
// with a population (a node without one gets the mean). E_Lvt is the exposure of v through layer
// L, exactly as calibrate.h defines D and G but on the layer's arcs: the sum over in-neighbours u
// of v in L that adopted in a year s < t of memory^(t-1-s), updated incrementally each year.
// u_t ~ N(0, year_shock_sd^2) is a shock shared by all nodes in year t (good and bad years), as
// in calibrate's forecast. The coefficients are the point estimates (the file keeps standard
// errors, not their covariance); the interval reflects the adoptions' chance and the year shocks.
//
// A coefficient of the model without a layer contributes nothing (its exposure stays 0): the
// result lists such coefficients in `unmatched` so callers can say so. Seeds have adopted before
// the first simulated year (year from_year - 1).
//
// Reproducible: replica r draws only from core::Rng::ForStream(seed, r); summaries are computed
// from per-replica integers in replica order, so results are bit-identical for any execution
// policy and thread count.
// Thread safety: pure functions of their inputs.
#ifndef DUCKWEED_DIFFUSION_CALENDAR_H_
#define DUCKWEED_DIFFUSION_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/calibrate.h"
#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/graph.h"

namespace duckweed::diffusion {

struct CalibratedModel {
  std::string source;  // the file it was read from
  std::string name;    // which of the file's models (its best_model unless asked otherwise)
  int first_year = 0;  // of the fit: the trend counts years since then
  int fit_until = 0;
  double memory = 1;
  double year_shock_sd = 0;
  std::optional<double> mean_log_population;  // of the calibration's candidates, when given
  std::vector<Parameter> parameters;          // name, estimate, standard_error
  // The estimate of `name`, or nullopt.
  std::optional<double> Coefficient(std::string_view name) const;
};

// Reads the JSON object printed by `duckweed --json diffuse calibrate` (fit_years, memory,
// year_shock_sd, best_model, models[].name/parameters[].name/estimate/stderr). `model` empty: the
// file's best_model. Errors (InvalidInput, source and field): not JSON, a key missing or of the
// wrong type, the model not among the file's hazard models (the message lists them), memory
// outside [0, 1], a negative shock sd, a non-finite estimate.
core::Result<CalibratedModel> ParseCalibratedModel(std::string_view json_text,
                                                   const std::string& source,
                                                   const std::string& model = "");

// One network layer whose arcs carry exposure for the coefficient `coefficient`. Not owned.
struct ExposureLayer {
  std::string coefficient;
  const network::Graph* graph = nullptr;
};

struct CalendarOptions {
  int from_year = 0;   // first simulated year; seeds adopted before it
  int until_year = 0;  // last simulated year (>= from_year)
  uint64_t replicas = 200;
  uint64_t seed = 1;
  ExecutionPolicy policy = Parallel{};
  std::vector<double> reach_fractions = {0.1, 0.5, 0.9};
  core::Progress* progress = nullptr;    // not owned; advanced once per replica
  core::WorkControl* control = nullptr;  // as MonteCarloOptions::control (monte_carlo.h)
};

struct YearSummary {
  int year = 0;
  double mean = 0;  // adopted nodes at the end of the year (seeds included), over replicas
  uint32_t lo = 0;  // 5 % quantile (type-1 empirical)
  uint32_t hi = 0;  // 95 % quantile
};

struct YearReach {
  double fraction = 0;
  uint64_t target = 0;  // ceil(fraction * node_count)
  uint64_t replicas_reached = 0;
  // Quantiles of the year in which the target is reached (a replica that never reaches it by
  // until_year counts as later than every year); nullopt: later than until_year.
  std::optional<int> median, lo, hi;  // 50 %, 5 %, 95 %
};

struct CalendarResult {
  uint64_t replicas = 0;
  uint64_t seed = 0;
  uint32_t node_count = 0;
  std::vector<network::NodeId> seeds;  // de-duplicated, input order
  std::vector<YearSummary> years;      // from_year - 1 (the seeds) .. until_year
  std::vector<YearReach> reach;
  std::vector<std::string> layers;     // coefficient of each layer, in order
  std::vector<std::string> unmatched;  // channel coefficients of the model without a layer
  int threads_used = 1;
  double seconds = 0;
};

// Runs the calibrated model on `node_count` nodes. `log_population` is empty or one per node
// (NaN: unknown); `factor` is empty (all 1) or one per node in [0, 1].
// Errors (InvalidInput): no layer, a layer graph of another size, a layer coefficient that the
// model does not have or that is not a channel (intercept, trend, log_population), two layers of
// the same coefficient, a seed >= node_count, until_year < from_year or more than 1000 years,
// replicas outside [1, kMaxReplicas], factors or log populations of the wrong size or range.
// Complexity: O(replicas * years * (n * layers + adopters' arcs)); memory O(replicas * years)
// plus O(n * layers) per thread.
core::Result<CalendarResult> RunCalendar(uint32_t node_count, std::span<const ExposureLayer> layers,
                                         const CalibratedModel& model,
                                         std::span<const double> log_population,
                                         std::span<const double> factor,
                                         std::span<const network::NodeId> seeds,
                                         const CalendarOptions& options);

// Stem cells on the calibrated network: the independent cascade that IMM (influence.h) runs when
// `diffuse run|compare --calibrated` is asked for --seed-strategy imm. Arc u->v weighs the extra
// adoption probability that one adopted neighbour through each layer holding the arc gives in
// `from_year`, combined over those layers:
//   p(u,v) = 1 - prod_L (1 - max(0, L(base + b_L log 2) - L(base))),
//   base = b_intercept + b_trend (from_year - first_year), L the logistic function;
// the receptivity factor then multiplies it (heterogeneity.h). An approximation: one year's
// hazard, no population term, no memory. Errors: as RunCalendar's layer checks.
// O(m log d) for the union of the layers' arcs.
core::Result<network::Graph> CalibratedCascadeGraph(uint32_t node_count,
                                                    std::span<const ExposureLayer> layers,
                                                    const CalibratedModel& model, int from_year);

// "50 % of the 8470 places by 2031, 90 % interval 2029-2034" (or "... not by 2040 in 73 % of
// replicas"): one line per reach fraction, `what` naming the places.
std::string DescribeReach(const CalendarResult& result, const std::string& what);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_CALENDAR_H_
