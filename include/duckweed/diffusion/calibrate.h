// Calibration of diffusion on observed adoption years: a discrete-time hazard model fitted by
// maximum likelihood, the aggregate Bass model for comparison, and a forecast by simulation.
//
// THE HAZARD MODEL. Towns i = 1..N are candidates; years t run from the first adoption year t0 to
// the fit year T. A town is at risk in year t when it has not adopted before t; y_it = 1 when it
// adopts in t. Its adoption probability in an at-risk year is logistic:
//
//   P(y_it = 1) = h_it = 1 / (1 + exp(-eta_it)),
//   eta_it = b0 + b_trend * (t - t0)                          (baseline, with its trend)
//          + b_pop * (log pop_i - mean log pop)                (receptivity)
//          + b_dist * log(1 + D_it)                            (concentric circles)
//          + sum_c b_c * log(1 + G_cit)                        (networks, one per group column c)
//
//   D_it  = sum over towns j != i within `distance_km` of i that adopted in a year s < t of
//           memory^(t-1-s)  (memory = 1: every adopted neighbour counts; 0: last year's only);
//   G_cit = the same sum over the towns j != i of i's group in column c (its coordinator,
//           supporter, country...). A town without a group (or without coordinates) has 0.
//
// The log-likelihood over every at-risk town-year is
//
//   l(b) = sum_{i,t at risk} [ y_it * eta_it - log(1 + exp(eta_it)) ],
//
// concave in b; it is maximised by Newton-Raphson (Eigen LDLT on the observed information
// I(b) = sum h(1-h) x x'), and the standard errors are sqrt(diag(I(b^)^-1)). AIC = 2k - 2l, with
// k the coefficients (+1 for `memory` when it was chosen by profile likelihood). Exposures are
// updated incrementally, year by year, as towns adopt (neighbour lists built once with a grid),
// never recomputed per town-year: O(N * years + adoptions * neighbours) to build the panel.
//
// Models: "baseline" (b0, b_trend, b_pop), "distance" (+ b_dist: concentric circles only) and
// "networks"
// (+ one b_c per group column). The likelihood-ratio test of networks against distance only is
// LR = 2 (l_networks - l_distance), chi-square with as many degrees of freedom as group columns.
//
// THE BASS MODEL (aggregate). Yearly adoption counts n_1..n_K of the fit years are fitted by least
// squares to n_k = m (F(k) - F(k-1)), F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}), t in
// years from the start of the first year (Levenberg-Marquardt, Eigen). Standard errors from
// s^2 (J'J)^-1, s^2 = SSE / (K - 3); log-likelihood of Gaussian errors with variance SSE/K; AIC
// counts p, q, m and the variance.
//
// THE FORECAST. From the towns adopted up to T, each replica draws the coefficients from their
// asymptotic normal distribution N(b^, I^-1), then simulates years T+1..: each town at risk adopts
// with h_it, exposures updated as above, eta shifted each year by a shock u_t ~ N(0, s_y^2) shared
// by all towns, s_y estimated from the fit years' observed O_t and expected E_t adoptions as
// sqrt(max(0, mean_t[(log(O_t / E_t))^2 - 1 / E_t])) (good and bad years beyond chance). Replica r
// uses the random stream (seed, r): results do not depend on anything else. Reported: the mean
// cumulative count and its 5 % and 95 % quantiles.
//
// Thread safety: functions are reentrant; inputs are read-only.
#ifndef DUCKWEED_DIFFUSION_CALIBRATE_H_
#define DUCKWEED_DIFFUSION_CALIBRATE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "duckweed/core/progress.h"
#include "duckweed/core/result.h"

namespace duckweed::diffusion {

inline constexpr int kNeverAdopted = std::numeric_limits<int>::max();

struct CandidateTown {
  std::string id;
  double latitude = std::numeric_limits<double>::quiet_NaN();        // NaN: unknown
  double longitude = std::numeric_limits<double>::quiet_NaN();       // NaN: unknown
  double log_population = std::numeric_limits<double>::quiet_NaN();  // NaN: unknown (mean used)
  std::vector<int32_t> groups;  // one per group column: group index, or -1 for none
  int adoption_year = kNeverAdopted;
};

struct AdoptionData {
  std::vector<std::string> group_columns;
  std::vector<CandidateTown> towns;
};

struct CalibrationOptions {
  int fit_until = 0;        // last year used by the fit (T)
  int forecast_until = 0;   // last forecast year; <= fit_until: no forecast
  double distance_km = 25;  // radius of the concentric channel
  // Memory of the exposures in [0, 1]; a negative value chooses it by profile likelihood of the
  // networks model over {0, 0.25, 0.5, 0.75, 0.9, 1}.
  double memory = -1;
  bool receptivity = true;  // include b_pop
  bool trend = true;        // include b_trend (a baseline that drifts with the years)
  int replicas = 200;       // forecast simulations
  uint64_t seed = 1;
  // Not owned; nullptr: none. Its total is set here: one unit per likelihood fit (the memory
  // grid's and the three models') and one per forecast replica.
  core::Progress* progress = nullptr;
};

struct Parameter {
  std::string name;
  double estimate = 0;
  double standard_error = 0;
};

struct HazardFit {
  std::string name;
  std::vector<Parameter> parameters;
  std::vector<double> covariance;  // k x k, row-major (inverse observed information)
  double log_likelihood = 0;
  double aic = 0;
  int iterations = 0;
};

struct LikelihoodRatio {
  double statistic = 0;
  int df = 0;
  double p_value = 1;
};

struct BassFit {
  double p = 0, q = 0, m = 0;
  double p_stderr = 0, q_stderr = 0, m_stderr = 0;
  double sse = 0, rmse = 0, r_squared = 0, log_likelihood = 0, aic = 0;
  // m * F at the end of each year from the first year to the forecast year.
  std::vector<std::pair<int, double>> cumulative;
};

struct ForecastYear {
  int year = 0;
  double cumulative = 0;  // mean over replicas
  double lo = 0, hi = 0;  // 5 % and 95 % quantiles
};

struct CalibrationResult {
  int first_year = 0;
  int64_t town_years = 0;         // at-risk town-years in the fit
  int64_t adoptions = 0;          // adoptions up to the fit year
  double memory = 1;              // the memory used
  double year_sd = 0;             // s_y: the spread of yearly shocks used by the forecast
  std::vector<HazardFit> models;  // baseline, distance, networks (those that apply)
  LikelihoodRatio lr_test;        // networks vs distance
  std::string best_model;         // lowest AIC among the hazard models
  BassFit bass;
  std::vector<ForecastYear> forecast;  // from the best model
};

// Fits the models and forecasts. Errors: kInvalidInput when no town adopts by the fit year, when
// the fit year is before the first adoption year or leaves no at-risk town, or when options are
// out of range (distance_km <= 0, memory > 1, replicas < 1). Complexity: see above; Newton's
// iterations cost O(town-years * k^2).
core::Result<CalibrationResult> Calibrate(const AdoptionData& data,
                                          const CalibrationOptions& options);

// The log-likelihood of one model at coefficients `beta` (ordered as Calibrate names them:
// intercept, trend when `trend`, log_population when `receptivity`, distance when `distance`, then
// the groups of `groups` in column order), on the years first..fit_until. For tests and
// diagnostics.
core::Result<double> HazardLogLikelihood(const AdoptionData& data,
                                         const CalibrationOptions& options, bool distance,
                                         const std::vector<bool>& groups,
                                         const std::vector<double>& beta);

// Simulates adoption years from the hazard model with known coefficients (same order as above),
// starting with no adopter in `first_year`, up to `last_year`; sets each town's adoption_year
// (kNeverAdopted when it does not adopt). For recovery tests and what-if runs.
void SimulateAdoptions(AdoptionData& data, const CalibrationOptions& options, bool distance,
                       const std::vector<bool>& groups, const std::vector<double>& beta,
                       int first_year, int last_year, uint64_t seed);

// Fits Bass to yearly counts (counts[k] adopters in year first_year + k). REQUIRES: >= 4 years.
core::Result<BassFit> FitBass(const std::vector<double>& counts, int first_year,
                              int forecast_until);

// Upper tail of the chi-square distribution with `df` degrees of freedom.
double ChiSquareUpperTail(double statistic, int df);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_CALIBRATE_H_
