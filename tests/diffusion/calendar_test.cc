// Calendar years (calendar.h): a certain chain whose years can be counted by hand, the hazard's
// formula against its analytic expectation, reproducibility across thread counts, and the
// calibrated model read back from the JSON that `diffuse calibrate --json` prints.
#include "duckweed/diffusion/calendar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "duckweed/diffusion/run.h"
#include "test_graphs.h"

namespace duckweed::diffusion {
namespace {

using testing::Arc;
using testing::FromArcs;

CalibratedModel Model(double intercept, double distance, double memory = 1, double shock = 0) {
  CalibratedModel m;
  m.name = "distance";
  m.first_year = 2008;
  m.fit_until = 2015;
  m.memory = memory;
  m.year_shock_sd = shock;
  m.parameters = {{"intercept", intercept, 0.1}, {"distance", distance, 0.1}};
  return m;
}

// Without exposure eta = -1000 (h = 0 exactly); with one adopted neighbour eta = -1000 + 2000 log 2
// = 386 (h = 1 exactly in doubles): year k after the seed reaches k + 1 nodes of the chain.
TEST(Calendar, CertainChainReachesOneMoreNodeEachYear) {
  std::vector<Arc> arcs;
  for (network::NodeId v = 0; v + 1 < 10; ++v) arcs.push_back({v, v + 1});
  const network::Graph chain = FromArcs(10, arcs);
  const ExposureLayer layer{"distance", &chain};
  const std::vector<network::NodeId> seeds = {0};
  CalendarOptions o{.from_year = 2020, .until_year = 2030, .replicas = 7, .seed = 3};
  o.reach_fractions = {0.5, 1.0};
  const auto r = RunCalendar(10, {&layer, 1}, Model(-1000, 2000), {}, {}, seeds, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->years.size(), 12u);  // 2019 (the seed) .. 2030
  for (size_t k = 0; k < r->years.size(); ++k) {
    const double expected = std::min<double>(k + 1, 10);
    EXPECT_EQ(r->years[k].year, 2019 + static_cast<int>(k));
    EXPECT_EQ(r->years[k].mean, expected);
    EXPECT_EQ(r->years[k].lo, expected);
    EXPECT_EQ(r->years[k].hi, expected);
  }
  ASSERT_EQ(r->reach.size(), 2u);
  EXPECT_EQ(r->reach[0].target, 5u);
  EXPECT_EQ(r->reach[0].median, 2023);  // 5 nodes at the end of 2019 + 4
  EXPECT_EQ(r->reach[0].lo, 2023);
  EXPECT_EQ(r->reach[0].hi, 2023);
  EXPECT_EQ(r->reach[1].median, 2028);
  EXPECT_EQ(r->reach[1].replicas_reached, 7u);
  EXPECT_EQ(DescribeReach(*r, "towns"),
            "50 % of the 10 towns by 2023, 90 % interval 2023-2023\n"
            "100 % of the 10 towns by 2028, 90 % interval 2028-2028\n");
  // Stopping before the chain ends: the whole chain is later than the last year.
  o.until_year = 2024;
  const auto short_run = RunCalendar(10, {&layer, 1}, Model(-1000, 2000), {}, {}, seeds, o);
  ASSERT_TRUE(short_run.ok());
  EXPECT_FALSE(short_run->reach[1].median.has_value());
  EXPECT_NE(DescribeReach(*short_run, "towns")
                .find("100 % of the 10 towns: not by 2024 in 100 % of replicas\n"),
            std::string::npos);
}

double Logistic(double eta) { return 1 / (1 + std::exp(-eta)); }

// A star: the seed 0 exposes N leaves. Year 1: each leaf adopts with h1 = f L(b0 + b_t (t1 - t0) +
// b_pop (log pop - mean) + b_d log 2); year 2, the seed's exposure faded by `memory`: h2 with
// log(1 + memory). Expected adopters: N h1, then N (1 - h1) h2; the Monte Carlo mean within 5 SE.
TEST(Calendar, HazardMatchesItsFormulaWithTrendPopulationMemoryAndReceptivity) {
  const network::NodeId n = 20001;
  std::vector<Arc> arcs;
  for (network::NodeId v = 1; v < n; ++v) arcs.push_back({0, v});
  const network::Graph star = FromArcs(n, arcs);
  CalibratedModel m = Model(-3.0, 1.5, /*memory=*/0.5);
  m.parameters.push_back({"trend", 0.1, 0});
  m.parameters.push_back({"log_population", 0.4, 0});
  m.mean_log_population = 8.0;
  const std::vector<double> log_population(n, 9.0);
  const std::vector<double> factor(n, 0.5);
  const ExposureLayer layer{"distance", &star};
  const std::vector<network::NodeId> seeds = {0};
  const CalendarOptions o{.from_year = 2016, .until_year = 2017, .replicas = 40, .seed = 11};
  const auto r = RunCalendar(n, {&layer, 1}, m, log_population, factor, seeds, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const double leaves = n - 1;
  const double h1 = 0.5 * Logistic(-3.0 + 0.1 * 8 + 0.4 * 1.0 + 1.5 * std::log(2.0));
  const double h2 = 0.5 * Logistic(-3.0 + 0.1 * 9 + 0.4 * 1.0 + 1.5 * std::log(1.5));
  const double year1 = leaves * h1, year2 = leaves * (1 - h1) * h2;
  const double se1 = std::sqrt(leaves * h1 * (1 - h1) / 40);
  const double se2 = std::sqrt(leaves * (h1 + (1 - h1) * h2) * (1 - h1 - (1 - h1) * h2) / 40);
  EXPECT_NEAR(r->years[1].mean - 1, year1, 5 * se1);
  EXPECT_NEAR(r->years[2].mean - 1, year1 + year2, 5 * se2);
  EXPECT_LE(r->years[1].lo, r->years[1].mean);
  EXPECT_GE(r->years[1].hi, r->years[1].mean);
}

TEST(Calendar, SameYearsForAnyThreadCount) {
  const network::Graph g = testing::ErdosRenyi(3000, 6, 5);
  const network::Graph g2 = testing::ErdosRenyi(3000, 2, 6);
  CalibratedModel m = Model(-6, 1.2, 0.75, /*shock=*/0.3);
  m.name = "networks";
  m.parameters.push_back({"coordinator_name", 0.8, 0.1});
  const ExposureLayer layers[] = {{"distance", &g}, {"coordinator_name", &g2}};
  const std::vector<network::NodeId> seeds = {1, 2, 3, 1};
  CalendarOptions o{.from_year = 2016, .until_year = 2035, .replicas = 50, .seed = 9};
  o.policy = Sequential{};
  const auto a = RunCalendar(3000, layers, m, {}, {}, seeds, o);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->seeds.size(), 3u);
  EXPECT_GT(a->years.back().mean, 100);  // it spreads
  for (const int threads : {1, 2, 3}) {
    o.policy = Parallel{threads};
    const auto b = RunCalendar(3000, layers, m, {}, {}, seeds, o);
    ASSERT_TRUE(b.ok());
    ASSERT_EQ(a->years.size(), b->years.size());
    for (size_t y = 0; y < a->years.size(); ++y) {
      EXPECT_EQ(a->years[y].mean, b->years[y].mean) << threads << " threads, row " << y;
      EXPECT_EQ(a->years[y].lo, b->years[y].lo);
      EXPECT_EQ(a->years[y].hi, b->years[y].hi);
    }
    for (size_t i = 0; i < a->reach.size(); ++i) EXPECT_EQ(a->reach[i].median, b->reach[i].median);
  }
}

TEST(Calendar, RefusesALayerTheModelDoesNotHave) {
  const network::Graph g = FromArcs(3, {{0, 1}});
  const ExposureLayer wrong{"supporter_name", &g};
  const ExposureLayer trend{"trend", &g};
  const std::vector<network::NodeId> seeds = {0};
  const CalendarOptions o{.from_year = 2016, .until_year = 2020};
  const auto a = RunCalendar(3, {&wrong, 1}, Model(-1, 1), {}, {}, seeds, o);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("expected a channel coefficient of model 'distance' "
                                      "(distance), found 'supporter_name'"),
            std::string::npos)
      << a.status().message();
  EXPECT_FALSE(RunCalendar(3, {&trend, 1}, Model(-1, 1), {}, {}, seeds, o).ok());
  const CalendarOptions backwards{.from_year = 2016, .until_year = 2010};
  const ExposureLayer right{"distance", &g};
  EXPECT_FALSE(RunCalendar(3, {&right, 1}, Model(-1, 1), {}, {}, seeds, backwards).ok());
  const std::vector<double> too_receptive = {1, 1.5, 1};
  EXPECT_FALSE(RunCalendar(3, {&right, 1}, Model(-1, 1), {}, too_receptive, seeds, o).ok());
}

// The keys as `duckweed --json diffuse calibrate` prints them (src/cli/verbs_calibrate.cc).
constexpr const char* kCalibrateJson = R"({
 "adoptions": 120, "fit_years": [2008, 2011], "memory": 0.5, "mean_log_population": 8.25,
 "models": [
  {"name": "baseline", "log_likelihood": -10, "aic": 24,
   "parameters": [{"name": "intercept", "estimate": -2.5, "stderr": 0.1}]},
  {"name": "networks", "log_likelihood": -8, "aic": 20,
   "parameters": [{"name": "intercept", "estimate": -3.5, "stderr": 0.2},
                  {"name": "trend", "estimate": 0.25, "stderr": 0.05},
                  {"name": "distance", "estimate": 0.75, "stderr": 0.1},
                  {"name": "coordinator_name", "estimate": 1.25, "stderr": 0.3}]},
  {"name": "bass", "log_likelihood": -30, "aic": 68,
   "parameters": [{"name": "p", "estimate": 0.01, "stderr": 0.001}]}],
 "best_model": "networks",
 "lr_test": {"statistic": 4, "df": 1, "p_value": 0.045},
 "year_shock_sd": 0.125,
 "forecast": []})";

TEST(Calendar, ReadsTheModelThatCalibratePrints) {
  const auto m = ParseCalibratedModel(kCalibrateJson, "m.json");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->name, "networks");
  EXPECT_EQ(m->first_year, 2008);
  EXPECT_EQ(m->fit_until, 2011);
  EXPECT_EQ(m->memory, 0.5);
  EXPECT_EQ(m->year_shock_sd, 0.125);
  EXPECT_EQ(m->mean_log_population, 8.25);
  ASSERT_EQ(m->parameters.size(), 4u);
  EXPECT_EQ(m->Coefficient("coordinator_name"), 1.25);
  EXPECT_EQ(m->parameters[1].standard_error, 0.05);
  EXPECT_FALSE(m->Coefficient("supporter_name").has_value());
  const auto baseline = ParseCalibratedModel(kCalibrateJson, "m.json", "baseline");
  ASSERT_TRUE(baseline.ok());
  EXPECT_EQ(baseline->Coefficient("intercept"), -2.5);
  const auto absent = ParseCalibratedModel(kCalibrateJson, "m.json", "bass");
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.status().message().find("the file has baseline, networks"), std::string::npos)
      << absent.status().message();
  const auto not_json = ParseCalibratedModel("[1, 2]", "m.json");
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.status().ToString().find("m.json"), std::string::npos);
  std::string no_memory = kCalibrateJson;
  no_memory.replace(no_memory.find("\"memory\": 0.5"), 13, "\"memory\": 2.0");
  EXPECT_FALSE(ParseCalibratedModel(no_memory, "m.json").ok());
}

// The cascade IMM runs on a calibrated network: arc 0->1 is in both layers, 0->2 in the first
// only; base = -2 + 0.1 (2016 - 2008) = -1.2; each layer adds L(base + b log 2) - L(base).
TEST(Calendar, CalibratedCascadeWeighsEachArcByItsLayers) {
  const network::Graph a = FromArcs(3, {{0, 1}, {0, 2}});
  const network::Graph b = FromArcs(3, {{0, 1}});
  CalibratedModel m = Model(-2, 1.0);
  m.parameters.push_back({"trend", 0.1, 0});
  m.parameters.push_back({"coordinator_name", 2.0, 0});
  const ExposureLayer layers[] = {{"distance", &a}, {"coordinator_name", &b}};
  const auto g = CalibratedCascadeGraph(3, layers, m, 2016);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  const double base = -2 + 0.1 * 8;
  const double p_a = Logistic(base + std::log(2.0)) - Logistic(base);
  const double p_b = Logistic(base + 2 * std::log(2.0)) - Logistic(base);
  ASSERT_EQ(g->arc_count(), 2u);
  EXPECT_EQ(g->targets()[0], 1u);
  EXPECT_FLOAT_EQ(g->weights()[0], static_cast<float>(1 - (1 - p_a) * (1 - p_b)));
  EXPECT_EQ(g->targets()[1], 2u);
  EXPECT_FLOAT_EQ(g->weights()[1], static_cast<float>(p_a));
}

}  // namespace
}  // namespace duckweed::diffusion

namespace duckweed::diffusion {
namespace {

// Receptivity from a recipe (run.h): receptivity'(v) = receptivity(v) * m(v), by territory code.
NodeTable Places(std::vector<std::string> codes) {
  NodeTable t;
  t.territories = std::move(codes);
  return t;
}

TEST(RecipeReceptivity, ScalesTheTableReceptivityByMembershipWithADefault) {
  NodeTable t = Places({"t:a", "t:b", "", "t:x"});
  t.attributes.receptivity = {2, 1, 1, 0.5};
  const RecipeReceptivity rr{"r", {{"t:a", 0.5}, {"t:b", 0}}, 0.25};
  ASSERT_TRUE(ApplyRecipeReceptivity(rr, 5, t).ok());
  // t:a 2 x 0.5; t:b 1 x 0; no code and unknown code: the default 0.25; node 4 beyond the table:
  // receptivity 1 x the default.
  EXPECT_EQ(t.attributes.receptivity, (std::vector<double>{1, 0, 0.25, 0.125, 0.25}));

  NodeTable none;
  const auto missing = ApplyRecipeReceptivity(rr, 2, none);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("territory column"), std::string::npos);
  NodeTable bad = Places({"t:a"});
  EXPECT_FALSE(ApplyRecipeReceptivity({"r", {{"t:a", 1.5}}, 0}, 1, bad).ok());
}

// A star 0 -> 1..4 whose arcs make the hazard 1 (eta = -1000 + 2000 log 2): leaf v adopts each
// year with probability m(v) = 1, 0.5, 0.25, 0, so the expected adopters at the end of year k are
// 1 + sum_v (1 - (1 - m_v)^k): 2.75 after one year, 3.1875 after two; the leaf with m = 0 never
// adopts, so no replica ever reaches all 5 places.
TEST(RecipeReceptivity, MembershipScalesTheYearlyHazard) {
  network::EdgeList list;
  list.graph = FromArcs(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}});
  NodeTable t = Places({"t:0", "t:1", "t:2", "t:3", "t:4"});
  RunRequest r;
  r.seed_ids = {0};
  r.calibrated = Model(-1000, 2000);
  r.from_year = 2020;
  r.until_year = 2025;
  r.options.replicas = 4000;
  r.options.seed = 5;
  r.options.reach_fractions = {0.4, 1.0};
  r.recipe_receptivity =
      RecipeReceptivity{"r", {{"t:1", 1}, {"t:2", 0.5}, {"t:3", 0.25}, {"t:4", 0}}, 1};
  const auto out = ExecuteRunOn(list, t, r);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const CalendarResult& c = *out->calendar;
  ASSERT_EQ(c.years.size(), 7u);  // 2019 .. 2025
  EXPECT_EQ(c.years[0].mean, 1);
  EXPECT_NEAR(c.years[1].mean, 2.75, 0.04);    // se 0.011
  EXPECT_NEAR(c.years[2].mean, 3.1875, 0.04);  // se 0.012
  for (const YearSummary& y : c.years) EXPECT_LE(y.hi, 4u);
  EXPECT_EQ(c.reach[0].median, 2020);  // 2 of 5: leaf 1 adopts in the first year for sure
  EXPECT_EQ(c.reach[1].replicas_reached, 0u);
  EXPECT_FALSE(c.reach[1].median);

  // Without the option: every leaf adopts in the first year (results as before).
  r.recipe_receptivity.reset();
  const auto plain = ExecuteRunOn(list, t, r);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->calendar->years[1].mean, 5);
}

// A step model: an independent cascade with p = 1 along 0 -> 1 -> 2 stops at node 1 when its
// membership is 0, and reaches all three nodes when it is 1.
TEST(RecipeReceptivity, ANodeWithMembershipZeroBlocksACertainCascade) {
  network::EdgeList list;
  list.graph = FromArcs(3, {{0, 1}, {1, 2}});
  RunRequest r;
  r.seed_ids = {0};
  r.spec.kind = ModelKind::kIndependentCascade;
  r.spec.probability = 1;
  r.options.replicas = 10;
  r.recipe_receptivity = RecipeReceptivity{"r", {{"t:1", 0}}, 1};
  const auto blocked = ExecuteRunOn(list, Places({"t:0", "t:1", "t:2"}), r);
  ASSERT_TRUE(blocked.ok()) << blocked.status().ToString();
  EXPECT_EQ(blocked->result.final_size.mean, 1);
  r.recipe_receptivity->membership["t:1"] = 1;
  const auto open = ExecuteRunOn(list, Places({"t:0", "t:1", "t:2"}), r);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->result.final_size.mean, 3);
}

}  // namespace
}  // namespace duckweed::diffusion
