// diffuse calibrate's models (calibrate.h): the likelihood against a hand-computed case, parameters
// recovered from data the engine simulates with known coefficients (coverage of the 90 %
// intervals), Bass against its closed form, and the chi-square tail against published values.
#include "duckweed/diffusion/calibrate.h"

#include <gtest/gtest.h>

#include <cmath>

#include "duckweed/core/random.h"

namespace duckweed::diffusion {
namespace {

double Softplus(double eta) { return std::log1p(std::exp(eta)); }

// Four towns on the equator: A and B 11.1 km apart, C 1,000 km away, D 3,300 km away. A adopts in
// 2000, B in 2001, D in 2002, C never. A and C share group 0, B and D have none.
AdoptionData FourTowns() {
  AdoptionData d;
  d.group_columns = {"coordinator"};
  d.towns = {{"A", 0.0, 0.0, std::log(100.0), {0}, 2000},
             {"B", 0.0, 0.1, std::log(1000.0), {-1}, 2001},
             {"C", 0.0, 9.0, std::log(10000.0), {0}, kNeverAdopted},
             {"D", 0.0, 30.0, std::log(1000.0), {-1}, 2002}};
  return d;
}

TEST(CalibrateLikelihood, MatchesTheHandComputedSum) {
  const AdoptionData d = FourTowns();
  CalibrationOptions o;
  o.fit_until = 2002;
  o.distance_km = 25;
  o.memory = 1;
  o.trend = false;
  const double b0 = -1.0, bp = 0.5, bd = 0.8, bg = 0.3;
  // Centred log population: mean of log 100, 1000, 10000, 1000 is log 1000. D (centred 0) has no
  // exposure: -softplus(b0) in 2000 and 2001, then b0 - softplus(b0) when it adopts in 2002.
  const double d_terms = -3 * Softplus(b0) + b0;
  const double pa = std::log(100.0) - std::log(1000.0), pb = 0, pc = std::log(10.0);
  // 2000: A, B, C at risk, no exposure; A adopts.
  double expected = (b0 + bp * pa) - Softplus(b0 + bp * pa);
  expected -= Softplus(b0 + bp * pb);
  expected -= Softplus(b0 + bp * pc);
  // 2001: B has 1 adopted neighbour (A) within 25 km and adopts; C shares A's group.
  const double eta_b = b0 + bp * pb + bd * std::log(2.0);
  expected += eta_b - Softplus(eta_b);
  expected -= Softplus(b0 + bp * pc + bg * std::log(2.0));
  // 2002: C alone at risk, same exposure (B has no group and is 990 km away).
  expected -= Softplus(b0 + bp * pc + bg * std::log(2.0));
  expected += d_terms;
  auto ll = HazardLogLikelihood(d, o, /*distance=*/true, {true}, {b0, bp, bd, bg});
  ASSERT_TRUE(ll.ok()) << ll.status().ToString();
  EXPECT_NEAR(*ll, expected, 1e-12);
  // Memory 0.5: in 2002, C's exposure from A (adopted 2000) is 0.5.
  o.memory = 0.5;
  const double memory_half = expected + Softplus(b0 + bp * pc + bg * std::log(2.0)) -
                             Softplus(b0 + bp * pc + bg * std::log(1.5));
  EXPECT_NEAR(*HazardLogLikelihood(d, o, true, {true}, {b0, bp, bd, bg}), memory_half, 1e-12);
}

// Towns spread over a 300 x 300 km square, 20 groups, populations log-uniform.
AdoptionData RandomTowns(int n, uint64_t seed) {
  AdoptionData d;
  d.group_columns = {"coordinator", "country"};
  core::Rng rng = core::Rng::ForStream(seed, 1);
  for (int i = 0; i < n; ++i) {
    CandidateTown t;
    t.id = std::to_string(i);
    t.latitude = 45 + 2.7 * rng.Uniform();
    t.longitude = 5 + 3.8 * rng.Uniform();
    t.log_population = std::log(200.0) + 5 * rng.Uniform();
    t.groups = {rng.Uniform() < 0.5 ? static_cast<int32_t>(rng.Below(20)) : -1,
                static_cast<int32_t>(rng.Below(3))};
    d.towns.push_back(t);
  }
  return d;
}

TEST(CalibrateRecovery, NinetyPercentIntervalsCoverTheTrueCoefficients) {
  const std::vector<double> truth = {-5.0, -0.05, 0.3, 0.5, 0.4, 0.2};
  const std::vector<std::string> names = {"intercept", "trend",       "log_population",
                                          "distance",  "coordinator", "country"};
  int covered = 0, intervals = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    AdoptionData d = RandomTowns(3000, seed);
    CalibrationOptions o;
    o.distance_km = 20;
    o.memory = 0.5;
    SimulateAdoptions(d, o, true, {true, true}, truth, 2000, 2012, seed);
    o.fit_until = 2012;
    o.replicas = 1;
    auto r = Calibrate(d, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const HazardFit& networks = r->models.back();
    ASSERT_EQ(networks.name, "networks");
    for (size_t j = 0; j < truth.size(); ++j) {
      const Parameter& p = networks.parameters[j];
      ASSERT_EQ(p.name, names[j]);
      covered += std::fabs(p.estimate - truth[j]) <= 1.645 * p.standard_error ? 1 : 0;
      ++intervals;
    }
    // The networks channels are real here: the LR test must find them.
    EXPECT_LT(r->lr_test.p_value, 0.01) << "seed " << seed;
  }
  // 120 intervals at 90 %: the binomial 99 % range is about 100..115.
  EXPECT_GE(covered, 100);
  EXPECT_LE(covered, 115);
}

TEST(CalibrateRecovery, NoNetworkEffectGivesAnInsignificantTest) {
  int significant = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    AdoptionData d = RandomTowns(2000, 100 + seed);
    CalibrationOptions o;
    o.distance_km = 20;
    o.memory = 1;
    SimulateAdoptions(d, o, true, {false, false}, {-4.0, 0.0, 0.2, 0.6}, 2000, 2010, seed);
    o.fit_until = 2010;
    o.replicas = 1;
    auto r = Calibrate(d, o);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->lr_test.df, 2);
    significant += r->lr_test.p_value < 0.05 ? 1 : 0;
  }
  EXPECT_LE(significant, 4);  // 5 % of 20 expected; 4 or more has probability < 2 %
}

TEST(CalibrateForecast, IntervalCoversTheSimulatedFutureAndIsReproducible) {
  AdoptionData d = RandomTowns(3000, 7);
  CalibrationOptions o;
  o.distance_km = 20;
  o.memory = 0.5;
  SimulateAdoptions(d, o, true, {true, true}, {-5.0, -0.05, 0.3, 0.5, 0.4, 0.2}, 2000, 2015, 7);
  int64_t by_2015 = 0;
  for (const auto& t : d.towns) by_2015 += t.adoption_year <= 2015 ? 1 : 0;
  o.fit_until = 2010;
  o.forecast_until = 2015;
  o.replicas = 300;
  auto r = Calibrate(d, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->forecast.size(), 5u);
  EXPECT_EQ(r->forecast.back().year, 2015);
  EXPECT_LE(r->forecast.back().lo, static_cast<double>(by_2015));
  EXPECT_GE(r->forecast.back().hi, static_cast<double>(by_2015));
  auto again = Calibrate(d, o);
  EXPECT_EQ(again->forecast.back().cumulative, r->forecast.back().cumulative);
  EXPECT_EQ(again->forecast.back().lo, r->forecast.back().lo);
}

TEST(CalibrateBass, RecoversTheClosedFormCurve) {
  const double p = 0.03, q = 0.38, m = 10000;
  auto share = [&](double t) {
    const double e = std::exp(-(p + q) * t);
    return (1 - e) / (1 + (q / p) * e);
  };
  std::vector<double> counts;
  for (int k = 1; k <= 10; ++k) counts.push_back(m * (share(k) - share(k - 1)));
  auto fit = FitBass(counts, 2008, 2020);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_NEAR(fit->p, p, 1e-6);
  EXPECT_NEAR(fit->q, q, 1e-6);
  EXPECT_NEAR(fit->m, m, 1e-3);
  EXPECT_NEAR(fit->r_squared, 1, 1e-12);
  ASSERT_EQ(fit->cumulative.back().first, 2020);
  EXPECT_NEAR(fit->cumulative.back().second, m * share(13), 1e-3);
}

TEST(CalibrateChiSquare, MatchesPublishedCriticalValues) {
  // Upper 5 % and 1 % points of chi-square (any statistics table).
  EXPECT_NEAR(ChiSquareUpperTail(3.841459, 1), 0.05, 1e-6);
  EXPECT_NEAR(ChiSquareUpperTail(7.814728, 3), 0.05, 1e-6);
  EXPECT_NEAR(ChiSquareUpperTail(11.344867, 3), 0.01, 1e-6);
  EXPECT_NEAR(ChiSquareUpperTail(2.0 * 2.302585, 2), 0.1, 1e-6);  // df 2: exp(-x/2)
  EXPECT_NEAR(ChiSquareUpperTail(1.0, 4), 0.909796, 1e-6);        // series branch
}

TEST(CalibrateErrors, FitYearOutsideTheDataIsRejected) {
  const AdoptionData d = FourTowns();
  CalibrationOptions o;
  o.fit_until = 2005;  // the data end in 2002
  auto r = Calibrate(d, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ExitCode(), 1);
  EXPECT_NE(r.status().message().find("(2001-2002), found 2005"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace duckweed::diffusion
