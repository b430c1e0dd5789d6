#include "diffusion/calibrate_simulate.h"

#include <cmath>

namespace duckweed::diffusion::internal {

double StandardNormal(core::Rng& rng) {
  const double u1 = 1 - rng.Uniform(), u2 = rng.Uniform();
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979323846 * u2);
}

std::vector<int64_t> SimulateYears(const AdoptionData& data, ExposureState& state,
                                   std::vector<int>& adoption_year, const Design& design,
                                   const Eigen::VectorXd& beta, int from, int to, core::Rng& rng,
                                   double year_sd) {
  std::vector<int32_t> at_risk;
  for (size_t i = 0; i < data.towns.size(); ++i) {
    if (adoption_year[i] == kNeverAdopted) at_risk.push_back(static_cast<int32_t>(i));
  }
  const int k = design.Size();
  std::vector<double> x(k);
  std::vector<int64_t> per_year;
  std::vector<int32_t> adopters;
  for (int year = from; year <= to; ++year) {
    adopters.clear();
    const double shock = year_sd > 0 ? year_sd * StandardNormal(rng) : 0;
    size_t kept = 0;
    for (int32_t i : at_risk) {
      state.Covariates(i, design, x.data());
      double eta = shock;
      for (int c = 0; c < k; ++c) eta += beta(c) * x[c];
      if (rng.Uniform() * (1 + std::exp(-eta)) < 1) {
        adopters.push_back(i);
      } else {
        at_risk[kept++] = i;
      }
    }
    at_risk.resize(kept);
    state.Decay();
    for (int32_t i : adopters) {
      state.Adopt(i);
      adoption_year[i] = year;
    }
    per_year.push_back(static_cast<int64_t>(adopters.size()));
  }
  return per_year;
}

}  // namespace duckweed::diffusion::internal
