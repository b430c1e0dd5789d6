// Internal: exposures of the hazard model (calibrate.h), kept up to date year by year.
#ifndef DUCKWEED_DIFFUSION_CALIBRATE_EXPOSURE_H_
#define DUCKWEED_DIFFUSION_CALIBRATE_EXPOSURE_H_

#include <cstdint>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/calibrate.h"

namespace duckweed::diffusion::internal {

// For each town, the towns within `km` of it (great-circle), as CSR. Towns without coordinates
// have none. Complexity: a grid of cells of `km`; O(N + pairs within ~1.5 km-cells).
struct Neighbours {
  std::vector<int64_t> offsets;  // N + 1
  std::vector<int32_t> targets;
};
// Errors (InvalidInput): the pairs would outgrow core::MemoryBudgetBytes() (towns crowded within
// `km` of each other: n towns at one spot make n^2 pairs), checked as they are found.
core::Result<Neighbours> BuildNeighbours(const AdoptionData& data, double km);

// Which covariates a model uses; the coefficients follow this order: intercept, trend (years
// since the first year), log_population (receptivity), distance, then the selected group columns.
struct Design {
  bool trend = true;
  bool receptivity = true;
  bool distance = true;
  std::vector<bool> groups;  // one per group column
  int Size() const;
  std::vector<std::string> Names(const std::vector<std::string>& group_columns) const;
};

// The exposure sums D_i and G_c[g] of calibrate.h at the start of a year.
class ExposureState {
 public:
  ExposureState(const AdoptionData& data, const Neighbours& neighbours, double memory);
  // Ends a year: older adoptions fade by `memory`; the trend covariate grows by one.
  void Decay();
  // Town `i` adopted in the year just ended (call after Decay).
  void Adopt(int32_t i);
  // Covariates of town i for `design` into x (size design.Size()).
  void Covariates(int32_t i, const Design& design, double* x) const;

 private:
  const AdoptionData& data_;
  const Neighbours& neighbours_;
  double memory_;
  double mean_log_population_ = 0;
  int year_index_ = 0;                       // years since the first year
  std::vector<double> distance_;             // per town
  std::vector<std::vector<double>> groups_;  // per column, per group
};

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_DIFFUSION_CALIBRATE_EXPOSURE_H_
