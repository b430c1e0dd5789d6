// Internal: year-by-year simulation of the hazard model (forecasts and simulated data).
#ifndef DUCKWEED_DIFFUSION_CALIBRATE_SIMULATE_H_
#define DUCKWEED_DIFFUSION_CALIBRATE_SIMULATE_H_

#include <Eigen/Dense>
#include <vector>

#include "diffusion/calibrate_exposure.h"
#include "duckweed/core/random.h"

namespace duckweed::diffusion::internal {

// Simulates years from..to: each town with adoption_year[i] == kNeverAdopted adopts with its
// hazard; sets adoption_year of the adopters and updates `state`. Returns the adoptions per year.
std::vector<int64_t> SimulateYears(const AdoptionData& data, ExposureState& state,
                                   std::vector<int>& adoption_year, const Design& design,
                                   const Eigen::VectorXd& beta, int from, int to, core::Rng& rng);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_DIFFUSION_CALIBRATE_SIMULATE_H_
