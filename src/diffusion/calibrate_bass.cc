// The aggregate Bass fit of calibrate.h: nonlinear least squares on yearly counts by Eigen's
// Levenberg-Marquardt (unsupported/Eigen/LevenbergMarquardt), over log p, log q, log m so that the
// three stay positive.
#include <cmath>
#include <numbers>
#include <unsupported/Eigen/LevenbergMarquardt>

#include "duckweed/diffusion/calibrate.h"

namespace duckweed::diffusion {

namespace {

// Cumulative share adopted by time t (years since the start of the first year).
double BassShare(double p, double q, double t) {
  const double e = std::exp(-(p + q) * t);
  return (1 - e) / (1 + (q / p) * e);
}

struct BassResiduals : Eigen::DenseFunctor<double> {
  const std::vector<double>& counts;
  BassResiduals(const std::vector<double>& c)
      : DenseFunctor(3, static_cast<int>(c.size())), counts(c) {}

  static Eigen::VectorXd Predict(const Eigen::VectorXd& natural, size_t years) {
    Eigen::VectorXd n(years);
    for (size_t k = 0; k < years; ++k) {
      n(k) = natural(2) * (BassShare(natural(0), natural(1), k + 1.0) -
                           BassShare(natural(0), natural(1), static_cast<double>(k)));
    }
    return n;
  }
  int operator()(const InputType& log_x, ValueType& fvec) const {
    const Eigen::VectorXd natural = log_x.array().exp();
    const Eigen::VectorXd n = Predict(natural, counts.size());
    for (size_t k = 0; k < counts.size(); ++k) fvec(k) = n(k) - counts[k];
    return 0;
  }
  int df(const InputType& log_x, JacobianType& jac) const {
    for (int j = 0; j < 3; ++j) {
      const double h = 1e-6;
      InputType up = log_x, down = log_x;
      up(j) += h;
      down(j) -= h;
      ValueType fu(values()), fd(values());
      (*this)(up, fu);
      (*this)(down, fd);
      jac.col(j) = (fu - fd) / (2 * h);
    }
    return 0;
  }
};

}  // namespace

core::Result<BassFit> FitBass(const std::vector<double>& counts, int first_year,
                              int forecast_until) {
  const size_t years = counts.size();
  if (years < 4) {
    return core::Status::InvalidInput("the Bass fit needs at least 4 years of adoption counts");
  }
  double total = 0, mean = 0;
  for (double c : counts) total += c;
  mean = total / static_cast<double>(years);
  if (total <= 0) return core::Status::InvalidInput("the Bass fit needs at least one adoption");
  BassResiduals functor(counts);
  Eigen::VectorXd best;
  double best_sse = std::numeric_limits<double>::infinity();
  // Several starts: Bass' least squares has local minima when the peak is not yet observed.
  for (double m_factor : {1.1, 1.5, 2.0, 3.0, 6.0}) {
    for (double p : {0.001, 0.01, 0.05}) {
      for (double q : {0.1, 0.3, 0.6, 1.0}) {
        Eigen::VectorXd x(3);
        x << std::log(p), std::log(q), std::log(m_factor * total);
        Eigen::LevenbergMarquardt<BassResiduals> lm(functor);
        lm.setMaxfev(2000);
        lm.minimize(x);
        Eigen::VectorXd f(years);
        functor(x, f);
        const double sse = f.squaredNorm();
        if (x.allFinite() && sse < best_sse) {
          best_sse = sse;
          best = x;
        }
      }
    }
  }
  if (best.size() == 0) return core::Status::InvalidInput("the Bass fit did not converge");
  BassFit fit;
  const Eigen::VectorXd natural = best.array().exp();
  fit.p = natural(0);
  fit.q = natural(1);
  fit.m = natural(2);
  fit.sse = best_sse;
  const double k = static_cast<double>(years);
  fit.rmse = std::sqrt(best_sse / k);
  double sst = 0;
  for (double c : counts) sst += (c - mean) * (c - mean);
  fit.r_squared = sst > 0 ? 1 - best_sse / sst : 0;
  const double variance = std::max(best_sse / k, 1e-300);
  fit.log_likelihood = -k / 2 * (std::log(2 * std::numbers::pi * variance) + 1);
  fit.aic = 2 * 4 - 2 * fit.log_likelihood;
  // Standard errors in natural units: s^2 (J'J)^-1 with J = d residuals / d (p, q, m).
  Eigen::MatrixXd jac(years, 3);
  functor.df(best, jac);
  for (int j = 0; j < 3; ++j) jac.col(j) /= natural(j);  // d/dlog x = x d/dx
  const double s2 = years > 3 ? best_sse / (k - 3) : 0;
  const Eigen::MatrixXd cov =
      s2 * (jac.transpose() * jac).ldlt().solve(Eigen::MatrixXd::Identity(3, 3));
  fit.p_stderr = std::sqrt(std::max(0.0, cov(0, 0)));
  fit.q_stderr = std::sqrt(std::max(0.0, cov(1, 1)));
  fit.m_stderr = std::sqrt(std::max(0.0, cov(2, 2)));
  for (int year = first_year;
       year <= std::max(forecast_until, first_year + static_cast<int>(years) - 1); ++year) {
    fit.cumulative.emplace_back(year, fit.m * BassShare(fit.p, fit.q, year - first_year + 1.0));
  }
  return fit;
}

}  // namespace duckweed::diffusion
