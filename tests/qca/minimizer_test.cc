// Exact minimisation on functions whose minimal covers are known analytically, and the exact
// early stop against a full-depth search.
#include "duckweed/qca/minimizer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/solution.h"
#include "support/shared_data.h"

namespace duckweed::qca {
namespace {

std::vector<int> Bits(int m, int k) {
  std::vector<int> v(k);
  for (int c = 0; c < k; ++c) v[c] = (m >> (k - 1 - c)) & 1;
  return v;
}

std::vector<std::string> Models(const MinimizerResult& r, const std::vector<Condition>& conds) {
  std::vector<std::string> out;
  for (const auto& m : r.models) {
    std::vector<Cube> terms;
    for (int i : m) terms.push_back(r.primes[i]);
    out.push_back(FormatExpression(terms, conds, false));
  }
  return out;
}

// f(A,B,C) = Σm(0,1,2,5,6,7): the textbook cyclic chart with six PIs and two minimal covers.
TEST(QcaMinimizer, CyclicChartHasTwoMinimalCovers) {
  ChartProblem p;
  p.levels = {2, 2, 2};
  for (int m : {0, 1, 2, 5, 6, 7}) p.on.push_back(Bits(m, 3));
  for (int m : {3, 4}) p.off.push_back(Bits(m, 3));
  std::vector<Condition> conds = {{"A"}, {"B"}, {"C"}};
  auto r = Minimize(p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->primes.size(), 6u);
  EXPECT_EQ(Models(*r, conds),
            (std::vector<std::string>{"~A*~B + A*C + B*~C", "~A*~C + A*B + ~B*C"}));
  EXPECT_TRUE(r->essential.empty());
  // The same function with the complement as explicit OFF and no don't-cares gives the same.
  p.remainders_dc = true;
  auto r2 = Minimize(p);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(Models(*r, conds), Models(*r2, conds));
}

// With remainders as don't-cares, a single ON row and a single OFF row differing in one
// condition leave exactly that literal.
TEST(QcaMinimizer, RemaindersReduceToTheSeparatingLiteral) {
  ChartProblem p;
  p.levels = {2, 3, 2};
  p.on = {{1, 2, 0}};
  p.off = {{1, 1, 0}};
  p.remainders_dc = true;
  auto r = Minimize(p);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->models.size(), 1u);
  EXPECT_EQ(FormatTerm(r->primes[r->models[0][0]], {{"A"}, {"B"}, {"C"}}, true), "B[2]");
}

TEST(QcaMinimizer, NoPositiveRowIsAnError) {
  ChartProblem p;
  p.levels = {2};
  p.off = {{0}};
  EXPECT_FALSE(Minimize(p).ok());
}

// A perf/ problem as the benchmark reads it: outcome Y, incl.cut 0.8, remainders included.
struct PerfProblem {
  std::vector<Condition> conditions;
  size_t observed_rows = 0;
  ChartProblem chart;
};

core::Result<PerfProblem> LoadPerfProblem(const std::filesystem::path& path) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(path));
  DatasetSpec spec;
  spec.outcome = "Y";
  DUCKWEED_ASSIGN_OR_RETURN(auto d, DatasetFromCsv(table, spec));
  TruthTableOptions o;
  o.incl_cut = {0.8};
  DUCKWEED_ASSIGN_OR_RETURN(auto tt, BuildTruthTable(d, o));
  SolveOptions so;
  so.include_remainders = true;
  return PerfProblem{d.conditions, tt.rows.size(), MakeChartProblem(tt, so)};
}

// The early stop must give the same minimal models as the full-depth search.
TEST(QcaMinimizer, EarlyStopMatchesFullDepthOnPerfProblem) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "qca/perf/k10_n300_noise0.csv");
  auto problem = LoadPerfProblem(path);
  ASSERT_TRUE(problem.ok()) << problem.status().ToString();
  const ChartProblem& p = problem->chart;
  const auto& conditions = problem->conditions;
  MinimizerOptions full;
  full.full_depth = true;
  auto a = Minimize(p), b = Minimize(p, full);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Models(*a, conditions), Models(*b, conditions));
  // R QCA 3.25.1 (perf/README.md): one model.
  EXPECT_EQ(Models(*a, conditions), (std::vector<std::string>{"C*H*L + G*H*L + H*J*K"}));
}

}  // namespace
}  // namespace duckweed::qca

namespace duckweed::qca {
namespace {

// 14 conditions: R QCA took 185 s (perf/README.md); the exact early stop must give its model.
TEST(QcaMinimizer, FourteenConditionsGiveRsModel) {
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "qca/perf/k14_n1000_noise0.csv");
  auto problem = LoadPerfProblem(path);
  ASSERT_TRUE(problem.ok()) << problem.status().ToString();
  const ChartProblem& p = problem->chart;
  const auto& conditions = problem->conditions;
  EXPECT_EQ(p.on.size(), 313u);  // README: 313 rows with OUT = 1 of 970 observed
  EXPECT_EQ(problem->observed_rows, 970u);
  auto r = Minimize(p);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->all_primes);  // the early stop was used
  EXPECT_EQ(Models(*r, conditions), (std::vector<std::string>{"A*H*P + C*D*G + D*M*P"}));
}

}  // namespace
}  // namespace duckweed::qca

namespace duckweed::qca {
namespace {

// 26 conditions, 1500 random positive and 1500 random negative rows: the full-depth search
// (all_sol) has C(26,13) ~ 10^7 cubes of 13 literals alone, far beyond a 0.2 s budget. The
// minimiser stops with a "problem too large" error naming the stage and the limit, well within
// a second of the limit (the budget is polled every 1024 cubes).
TEST(QcaMinimizer, HugeProblemEndsInAClearErrorWithinTheTimeLimit) {
  ChartProblem p;
  p.levels.assign(26, 2);
  p.remainders_dc = true;
  uint64_t state = 12345;
  auto next_bit = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>(state >> 63);
  };
  for (int i = 0; i < 3000; ++i) {
    std::vector<int> row(26);
    for (int& v : row) v = next_bit();
    (i % 2 ? p.off : p.on).push_back(row);
  }
  MinimizerOptions o;
  o.all_sol = true;
  o.time_limit_s = 0.2;
  auto start = std::chrono::steady_clock::now();
  auto r = Minimize(p, o);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ExitCode(), 1);
  EXPECT_NE(r.status().message().find("problem too large: the prime implicant search stopped"),
            std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("after 0.2 s (--time-limit)"), std::string::npos);
  EXPECT_NE(r.status().message().find("26 conditions, 1500 positive and 1500 negative rows"),
            std::string::npos);
  EXPECT_LT(seconds, 3.0);
}

}  // namespace
}  // namespace duckweed::qca
