#include "duckweed/core/random.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace duckweed::core {
namespace {

TEST(RandomTest, SameSeedAndStreamGiveSameSequence) {
  Rng a = Rng::ForStream(42, 7);
  Rng b = Rng::ForStream(42, 7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.Next(), b.Next());
}

TEST(RandomTest, DistinctStreamsDiffer) {
  Rng a = Rng::ForStream(42, 0);
  Rng b = Rng::ForStream(42, 1);
  int equal = 0;
  for (int i = 0; i < 1000; ++i) equal += a.Next() == b.Next();
  EXPECT_EQ(equal, 0);
}

TEST(RandomTest, UniformMeanAndVarianceMatchTheory) {
  Rng rng = Rng::ForStream(1, 0);
  const int n = 200000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / n;
  const double var = sum_sq / n - mean * mean;
  // Standard error of the mean is sqrt(1/12/n) ~ 6.5e-4; allow 5 of them.
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(var, 1.0 / 12, 2e-3);
}

TEST(RandomTest, BelowIsUnbiasedOverSmallRange) {
  Rng rng = Rng::ForStream(3, 9);
  std::vector<int> counts(6, 0);
  const int n = 600000;
  for (int i = 0; i < n; ++i) ++counts[rng.Below(6)];
  // Chi-square with 5 degrees of freedom; 20.5 is the 0.999 quantile.
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / 6.0) * (c - n / 6.0) / (n / 6.0);
  EXPECT_LT(chi2, 20.5);
}

}  // namespace
}  // namespace duckweed::core
