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
// `year_sd` > 0: each year's linear predictor is shifted by a shock drawn from N(0, year_sd^2),
// shared by all towns (a good or bad year for the practice).
std::vector<int64_t> SimulateYears(const AdoptionData& data, ExposureState& state,
                                   std::vector<int>& adoption_year, const Design& design,
                                   const Eigen::VectorXd& beta, int from, int to, core::Rng& rng,
                                   double year_sd = 0);

// A standard normal draw (Box-Muller).
double StandardNormal(core::Rng& rng);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_DIFFUSION_CALIBRATE_SIMULATE_H_
