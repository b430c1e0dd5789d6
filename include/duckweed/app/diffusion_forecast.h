// Use case: the calibrated forecast — the hazard model fitted by `duckweed diffuse calibrate` on
// observed join dates, run from a seed town over each channel of the networks of places (graph
// places --out PREFIX) in calendar years: adopters per year with their 90 % interval, and the
// years by which a share of the places is reached. The channels side by side answer "do the
// networks carry it faster than concentric circles?". Used by
// GET /api/v1/diffusion/forecast; the CLI's `diffuse compare --calibrated` runs the same
// diffusion::ExecuteComparison.
//
// Where it starts: from the seed towns named, or, when none is named, from the members of the
// network observed before the first simulated year (the adopters up to the fit year by default):
// a forecast of what comes next starts from what is already there, not from one pioneer.
//
// Bounds (a request runs it at once): at most kMaxForecastReplicas replicas, kMaxForecastYears
// years and four channels; InvalidInput naming the field otherwise.
//
// Thread safety: reads the files named; a function of them.
#ifndef DUCKWEED_APP_DIFFUSION_FORECAST_H_
#define DUCKWEED_APP_DIFFUSION_FORECAST_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/compare.h"

namespace duckweed::app {

inline constexpr uint64_t kMaxForecastReplicas = 200;
inline constexpr int kMaxForecastYears = 40;

// A member of a network as the store knows it (app/adoption.h's Adopter): placed on the places
// by its territory code, else at the nearest place within kObservedSeedKm of its coordinates.
struct ObservedMember {
  std::string territory;
  std::string country;  // ISO 3166-1 alpha-2
  std::optional<double> latitude, longitude;
  std::optional<int> year;  // first join year; nullopt: not dated (never a seed)
};

inline constexpr double kObservedSeedKm = 5;

struct ForecastRequest {
  std::string places;              // PREFIX given to `graph places --out`
  std::string calibrated;          // the JSON of `diffuse calibrate --json`
  std::string model;               // baseline | distance | networks; "" = the file's best
  std::vector<std::string> seeds;  // place names or territory codes of the node table
  // When `seeds` is empty: the network's members, those joined before the first simulated year
  // become the seeds.
  std::string network;
  std::vector<ObservedMember> observed;
  std::vector<std::string> channels = {"concentric", "all"};
  int from_year = 0;   // 0: the fit year + 1
  int until_year = 0;  // 0: from_year + 14
  uint64_t replicas = 50;
  uint64_t seed = 1;
  std::vector<double> reach_percent = {1, 2};
  int threads = 0;  // 0: every core
};

// How the observed members became seeds (seeds taken from them only).
struct ObservedStart {
  std::string network;
  int up_to = 0;           // members joined in or before this year
  int members = 0;         // of them, of the places' countries
  int by_territory = 0;    // placed by their territory code
  int by_coordinates = 0;  // placed at the nearest place within kObservedSeedKm
  int seeds = 0;           // distinct places seeded
};

struct ForecastOutcome {
  diffusion::CompareRequest request;
  std::optional<ObservedStart> observed;
  std::vector<diffusion::ChannelOutcome> channels;
};

// Errors: the bounds above, a channel other than concentric, long-range, institutional or all
// (field "channels"), no seed (none named, and no observed member placed), a reach outside (0,
// 100]; else as ParseCalibratedModel and ExecuteComparison.
core::Result<ForecastOutcome> ForecastAdoption(const ForecastRequest& request);
// As `diffuse compare --calibrated --json`: {..., calibrated_model {name, fit_years, ...},
// observed_start {network, up_to, members, by_territory, by_coordinates, seeds} (when started
// from the observed members), channels [{channel, nodes, seeds, years [{year, mean, lo, hi}], reach
// [{fraction, target, replicas_reached, year, lo, hi}], sentences}]}; lo and hi are the 5 % and 95
// % quantiles.
nlohmann::ordered_json ForecastJson(const ForecastOutcome& outcome);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_DIFFUSION_FORECAST_H_
