// Epidemic and Bass models against analytic results:
//  - SI on a complete graph: the exact mean curve of the Markov chain I -> I + Bin(n - I, 1 -
//  (1-b)^I)
//    (the synchronous-step version of logistic growth), computed by propagating its distribution;
//  - Bass on a complete graph with a small time step: the Bass (1969) closed form;
//  - SIR on a large Erdős–Rényi graph: the final-size equation of bond percolation.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/generators.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

// Exact distribution of the SI chain on K_n after each step, from I = seeds.
std::vector<std::vector<double>> SiChain(int n, double beta, int seeds, int steps) {
  std::vector<std::vector<double>> dist(steps + 1, std::vector<double>(n + 1, 0.0));
  dist[0][seeds] = 1.0;
  for (int t = 0; t < steps; ++t) {
    for (int i = 1; i <= n; ++i) {
      const double mass = dist[t][i];
      if (mass == 0) continue;
      const double p = 1 - std::pow(1 - beta, i);
      const int s = n - i;
      for (int k = 0; k <= s; ++k) {  // Binomial(s, p) new infections
        const double log_choose =
            std::lgamma(s + 1.0) - std::lgamma(k + 1.0) - std::lgamma(s - k + 1.0);
        const double pk = std::exp(log_choose + k * std::log(p) + (s - k) * std::log1p(-p));
        dist[t + 1][i + k] += mass * pk;
      }
    }
  }
  return dist;
}

TEST(AnalyticTest, SiOnCompleteGraphFollowsTheExactChainMean) {
  constexpr int kN = 40, kSteps = 25;
  constexpr double kBeta = 0.02;
  const auto dist = SiChain(kN, kBeta, 1, kSteps);
  const network::Graph g = testing::Complete(kN);
  ModelSpec spec{.kind = ModelKind::kSi, .beta = kBeta};
  const std::vector<network::NodeId> seeds = {0};
  MonteCarloOptions options{.replicas = 20000, .seed = 5, .per_node = false};
  auto mc = RunMonteCarlo(g, spec, seeds, {}, options);
  ASSERT_TRUE(mc.ok());
  for (int t = 0; t <= kSteps; ++t) {
    double mean = 0, second = 0;
    for (int i = 0; i <= kN; ++i) {
      mean += i * dist[t][i];
      second += double(i) * i * dist[t][i];
    }
    const double se = std::sqrt(std::max(second - mean * mean, 0.0) / options.replicas);
    const double got = t < int(mc->curve.size()) ? mc->curve[t].mean_adopted : mc->final_size.mean;
    // The chain is exact for our semantics, so only sampling error remains: 4.5 SE.
    EXPECT_NEAR(got, mean, 4.5 * se + 1e-9) << "step " << t;
  }
}

TEST(AnalyticTest, SiRateMatchesTheLogisticGrowthRateEarlyOn) {
  // Early on (I << n) each infected node infects Bin(n, beta) others per step: mean growth
  // factor 1 + n * beta, the discrete logistic's rate. Checked on the exact chain's first step.
  constexpr int kN = 40;
  const auto dist = SiChain(kN, 0.02, 1, 1);
  double mean = 0;
  for (int i = 0; i <= kN; ++i) mean += i * dist[1][i];
  EXPECT_NEAR(mean, 1 + (kN - 1) * 0.02, 1e-12);
}

double BassClosedForm(double p, double q, double t) {
  const double e = std::exp(-(p + q) * t);
  return (1 - e) / (1 + q / p * e);
}

TEST(AnalyticTest, BassOnCompleteGraphTendsToTheClosedForm) {
  constexpr network::NodeId kN = 400;
  constexpr double kP = 0.03, kQ = 0.38, kDt = 0.02;
  const network::Graph g = testing::Complete(kN);
  ModelSpec spec{.kind = ModelKind::kBass, .bass_p = kP, .bass_q = kQ, .dt = kDt};
  MonteCarloOptions options{.replicas = 40, .seed = 3, .per_node = false};
  auto mc = RunMonteCarlo(g, spec, {}, {}, options);
  ASSERT_TRUE(mc.ok()) << mc.status().ToString();
  // Tolerance: the Euler scheme's own error (the discrete model's mean field is Euler's method
  // for dF/dt = (1-F)(p+qF)), computed here, plus O(1/n) finite-size bias and 5 sampling SEs
  // (the fraction's sd is below 0.5/sqrt(n) per replica).
  double euler = 0;
  int step = 0;
  for (double t = 1; t <= 12; t += 1) {
    const int target = static_cast<int>(std::lround(t / kDt));
    for (; step < target; ++step) euler += (1 - euler) * (kP + kQ * euler) * kDt;
    const double exact = BassClosedForm(kP, kQ, t);
    const double got = mc->curve[std::min<size_t>(target, mc->curve.size() - 1)].mean_adopted / kN;
    const double tolerance = std::abs(euler - exact) + 2.0 / kN + 5 * 0.5 / std::sqrt(kN * 40.0);
    EXPECT_NEAR(got, exact, tolerance) << "t = " << t;
  }
}

// Transmissibility of one arc over an infectious period ~ Geometric(gamma) on {1, 2, ...}.
double Transmissibility(double beta, double gamma) {
  return 1 - gamma * (1 - beta) / (1 - (1 - gamma) * (1 - beta));
}

TEST(AnalyticTest, SirFinalSizeOnErdosRenyiSolvesTheFinalSizeEquation) {
  constexpr network::NodeId kN = 50000;
  constexpr double kBeta = 0.1, kGamma = 0.1;
  auto g = network::ErdosRenyiGnm(kN, kN * 5, 17);  // mean degree 10
  ASSERT_TRUE(g.ok());
  const double c = static_cast<double>(g->arc_count()) / kN;
  const double t = Transmissibility(kBeta, kGamma);
  // z = 1 - exp(-c T z), the attack rate of a large outbreak (Kenah & Robins 2007: the
  // in-component of the epidemic percolation network has the law of bond percolation with T).
  double z = 1;
  for (int i = 0; i < 200; ++i) z = 1 - std::exp(-c * t * z);
  std::vector<network::NodeId> seeds;
  for (network::NodeId s = 0; s < 10; ++s) seeds.push_back(s * 4999);
  ModelSpec spec{.kind = ModelKind::kSir, .beta = kBeta, .gamma = kGamma};
  MonteCarloOptions options{.replicas = 8, .seed = 2, .per_node = false};
  auto mc = RunMonteCarlo(*g, spec, seeds, {}, options);
  ASSERT_TRUE(mc.ok());
  // Finite-size corrections are O(1/n) for the mean; sampling sd of the fraction ~ sqrt(z(1-z)/n).
  EXPECT_NEAR(mc->final_size.mean / kN, z, 5 * std::sqrt(z * (1 - z) / kN / 8) + 2.0 / kN);
  // And a wrong transmissibility (no recovery during the first step, T' = 1-(1-b)^2-... ) would
  // miss: the test separates T from beta alone.
  EXPECT_GT(std::abs(z - (1 - std::exp(-c * kBeta * z))), 0.05);
}

}  // namespace
}  // namespace duckweed::diffusion
