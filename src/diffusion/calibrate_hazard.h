// Internal: the at-risk town-year panel and the Newton-Raphson fit of the hazard model.
#ifndef DUCKWEED_DIFFUSION_CALIBRATE_HAZARD_H_
#define DUCKWEED_DIFFUSION_CALIBRATE_HAZARD_H_

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "diffusion/calibrate_exposure.h"
#include "duckweed/core/result.h"

namespace duckweed::diffusion::internal {

// One row per at-risk town-year of first_year..last_year, covariates of `design`.
struct Panel {
  Eigen::MatrixXd x;  // rows x design.Size()
  Eigen::VectorXd y;  // 1: adopted that year
  std::vector<int> year;
};

// Builds the panel; `state` starts empty and ends after last_year (ready to forecast from).
Panel BuildPanel(const AdoptionData& data, const Design& design, int first_year, int last_year,
                 ExposureState& state);

// Log-likelihood of the logistic hazard at beta.
double LogLikelihood(const Panel& panel, const Eigen::VectorXd& beta);

struct NewtonFit {
  Eigen::VectorXd beta;
  Eigen::MatrixXd covariance;
  double log_likelihood = 0;
  int iterations = 0;
};

// The spread of yearly shocks: with O_t adoptions observed and E_t expected in fit year t,
// sd = sqrt(max(0, mean over years with O_t > 0 of (log(O_t / E_t))^2 - 1 / E_t)), the excess of
// the yearly log ratio over its Poisson share. 0 when the years follow the model.
double YearShockSd(const Panel& panel, const std::vector<int>& columns,
                   const Eigen::VectorXd& beta);

// Maximises the log-likelihood over the columns `columns` of the panel. Errors: kInvalidInput when
// the information matrix is singular (a covariate constant over the panel, or complete separation).
core::Result<NewtonFit> FitLogistic(const Panel& panel, const std::vector<int>& columns);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_DIFFUSION_CALIBRATE_HAZARD_H_
