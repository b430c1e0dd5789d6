#include "diffusion/calibrate_hazard.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace duckweed::diffusion::internal {

namespace {

// log(1 + e^eta) without overflow.
double Softplus(double eta) {
  return eta > 0 ? eta + std::log1p(std::exp(-eta)) : std::log1p(std::exp(eta));
}

// Towns by adoption year (kNeverAdopted last).
std::vector<int32_t> ByAdoptionYear(const AdoptionData& data) {
  std::vector<int32_t> order(data.towns.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return data.towns[a].adoption_year < data.towns[b].adoption_year;
  });
  return order;
}

}  // namespace

Panel BuildPanel(const AdoptionData& data, const Design& design, int first_year, int last_year,
                 ExposureState& state) {
  const std::vector<int32_t> order = ByAdoptionYear(data);
  const int k = design.Size();
  int64_t rows = 0;
  for (const CandidateTown& t : data.towns) {
    const int until = std::min(t.adoption_year, last_year);
    if (until >= first_year) rows += until - first_year + 1;
  }
  Panel panel{Eigen::MatrixXd(rows, k), Eigen::VectorXd::Zero(rows), std::vector<int>(rows)};
  std::vector<double> x(k);
  int64_t r = 0;
  size_t first_at_risk = 0;  // in `order`: towns before it adopted in an earlier year
  for (int year = first_year; year <= last_year; ++year) {
    for (size_t o = first_at_risk; o < order.size(); ++o) {
      const int32_t i = order[o];
      state.Covariates(i, design, x.data());
      for (int c = 0; c < k; ++c) panel.x(r, c) = x[c];
      panel.y(r) = data.towns[i].adoption_year == year ? 1 : 0;
      panel.year[r] = year;
      ++r;
    }
    state.Decay();
    while (first_at_risk < order.size() && data.towns[order[first_at_risk]].adoption_year <= year) {
      state.Adopt(order[first_at_risk]);
      ++first_at_risk;
    }
  }
  return panel;
}

double LogLikelihood(const Panel& panel, const Eigen::VectorXd& beta) {
  const Eigen::VectorXd eta = panel.x * beta;
  double sum = 0;
  for (Eigen::Index r = 0; r < eta.size(); ++r) sum += panel.y(r) * eta(r) - Softplus(eta(r));
  return sum;
}

double YearShockSd(const Panel& panel, const std::vector<int>& columns,
                   const Eigen::VectorXd& beta) {
  std::map<int, std::pair<double, double>> by_year;  // observed, expected
  for (Eigen::Index r = 0; r < panel.y.size(); ++r) {
    double eta = 0;
    for (size_t c = 0; c < columns.size(); ++c) eta += beta(c) * panel.x(r, columns[c]);
    auto& [observed, expected] = by_year[panel.year[r]];
    observed += panel.y(r);
    expected += 1 / (1 + std::exp(-eta));
  }
  double sum = 0;
  int years = 0;
  for (const auto& [year, oe] : by_year) {
    if (oe.first <= 0 || oe.second <= 0) continue;
    const double l = std::log(oe.first / oe.second);
    sum += l * l - 1 / oe.second;
    ++years;
  }
  return years > 0 ? std::sqrt(std::max(0.0, sum / years)) : 0;
}

core::Result<NewtonFit> FitLogistic(const Panel& panel, const std::vector<int>& columns) {
  const int k = static_cast<int>(columns.size());
  Eigen::MatrixXd x(panel.x.rows(), k);
  for (int c = 0; c < k; ++c) x.col(c) = panel.x.col(columns[c]);
  Panel sub{std::move(x), panel.y, {}};
  NewtonFit fit;
  fit.beta = Eigen::VectorXd::Zero(k);
  // Start the intercept at the overall logit: fewer iterations, no overflow at step one.
  const double rate = std::clamp(sub.y.mean(), 1e-9, 1 - 1e-9);
  fit.beta(0) = std::log(rate / (1 - rate));
  fit.log_likelihood = LogLikelihood(sub, fit.beta);
  Eigen::MatrixXd information(k, k);
  for (fit.iterations = 1; fit.iterations <= 100; ++fit.iterations) {
    const Eigen::VectorXd eta = sub.x * fit.beta;
    Eigen::VectorXd w(eta.size()), residual(eta.size());
    for (Eigen::Index r = 0; r < eta.size(); ++r) {
      const double h = 1 / (1 + std::exp(-eta(r)));
      w(r) = h * (1 - h);
      residual(r) = sub.y(r) - h;
    }
    const Eigen::VectorXd gradient = sub.x.transpose() * residual;
    information = sub.x.transpose() * (w.asDiagonal() * sub.x);
    Eigen::LDLT<Eigen::MatrixXd> ldlt(information);
    if (ldlt.info() != Eigen::Success || !ldlt.isPositive() ||
        ldlt.vectorD().minCoeff() <= 1e-12 * ldlt.vectorD().maxCoeff()) {
      return core::Status::InvalidInput(
          "the hazard model cannot be estimated: its information matrix is singular (a channel "
          "with no exposure in the fit years, or adoption fully determined by a covariate)");
    }
    Eigen::VectorXd step = ldlt.solve(gradient);
    double next = LogLikelihood(sub, fit.beta + step);
    for (int halve = 0; halve < 30 && !(next >= fit.log_likelihood - 1e-12); ++halve) {
      step /= 2;
      next = LogLikelihood(sub, fit.beta + step);
    }
    fit.beta += step;
    const double gain = next - fit.log_likelihood;
    fit.log_likelihood = next;
    if (step.cwiseAbs().maxCoeff() < 1e-10 || std::fabs(gain) < 1e-12) break;
  }
  // Information at the optimum.
  const Eigen::VectorXd eta = sub.x * fit.beta;
  Eigen::VectorXd w(eta.size());
  for (Eigen::Index r = 0; r < eta.size(); ++r) {
    const double h = 1 / (1 + std::exp(-eta(r)));
    w(r) = h * (1 - h);
  }
  information = sub.x.transpose() * (w.asDiagonal() * sub.x);
  fit.covariance = information.ldlt().solve(Eigen::MatrixXd::Identity(k, k));
  return fit;
}

}  // namespace duckweed::diffusion::internal
