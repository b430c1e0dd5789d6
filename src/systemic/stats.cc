#include "duckweed/systemic/stats.h"

#include <cmath>

namespace duckweed::evaluate {

namespace {

// Continued fraction for the incomplete beta function (modified Lentz's method).
double BetaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::abs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = std::abs(c) < kTiny ? kTiny : c;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    c = 1 + aa / c;
    d = 1 / (std::abs(d) < kTiny ? kTiny : d);
    c = std::abs(c) < kTiny ? kTiny : c;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1) < 1e-15) break;
  }
  return h;
}

// Regularised incomplete beta I_x(a, b).
double RegularisedBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return std::exp(log_front) * BetaContinuedFraction(a, b, x) / a;
  return 1 - std::exp(log_front) * BetaContinuedFraction(b, a, 1 - x) / b;
}

template <typename Cdf>
double Bisect(Cdf cdf, double p, double lo, double hi) {
  while (cdf(lo) > p) lo *= 2;
  while (cdf(hi) < p) hi *= 2;
  for (int k = 0; k < 200 && hi - lo > 1e-13 * (1 + std::abs(lo)); ++k) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

double StudentTCdf(double t, double df) {
  const double tail = 0.5 * RegularisedBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

double StudentTQuantile(double p, double df) {
  return Bisect([df](double t) { return StudentTCdf(t, df); }, p, -1, 1);
}

double NormalQuantile(double p) {
  return Bisect([](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }, p, -1, 1);
}

Interval WilsonInterval(int k, int n, double level) {
  const double z = NormalQuantile(0.5 + level / 2);
  const double p = static_cast<double>(k) / n, z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

MeanSummary SummariseMean(std::span<const double> values, double level) {
  MeanSummary s;
  s.n = static_cast<int>(values.size());
  if (s.n == 0) return s;
  for (double v : values) s.mean += v;
  s.mean /= s.n;
  s.ci = {s.mean, s.mean};
  if (s.n < 2) return s;
  double ss = 0;
  for (double v : values) ss += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(ss / (s.n - 1));
  const double half = StudentTQuantile(0.5 + level / 2, s.n - 1) * s.sd / std::sqrt(s.n);
  s.ci = {s.mean - half, s.mean + half};
  return s;
}

}  // namespace duckweed::evaluate
