// Small statistics for survey summaries: Student's t quantile, the normal quantile, Wilson score
// intervals for proportions and t-intervals for means.
//
// Thread safety: pure functions. Accuracy: quantiles to ~1e-10 (bisection on CDFs computed with
// the regularised incomplete beta function by Lentz's continued fraction).
#ifndef DUCKWEED_SYSTEMIC_STATS_H_
#define DUCKWEED_SYSTEMIC_STATS_H_

#include <span>

namespace duckweed::evaluate {

struct Interval {
  double low = 0, high = 0;
};

// P(T <= t) for Student's t with `df` > 0 degrees of freedom.
double StudentTCdf(double t, double df);
// The p-quantile of Student's t. REQUIRES: 0 < p < 1, df > 0.
double StudentTQuantile(double p, double df);
// The p-quantile of the standard normal. REQUIRES: 0 < p < 1.
double NormalQuantile(double p);

// Wilson score interval for k successes out of n at confidence `level` (e.g. 0.95).
// REQUIRES: 0 <= k <= n, n > 0.
Interval WilsonInterval(int k, int n, double level = 0.95);

struct MeanSummary {
  int n = 0;
  double mean = 0, sd = 0;  // sample standard deviation (n - 1)
  Interval ci;              // mean +/- t_{(1+level)/2, n-1} sd / sqrt(n); equals mean when n < 2
};
MeanSummary SummariseMean(std::span<const double> values, double level = 0.95);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_STATS_H_
