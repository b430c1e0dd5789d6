// Builtins and integrators against closed-form values.
#include <gtest/gtest.h>

#include <cmath>

#include "sd_test_util.h"

namespace duckweed::sd {
namespace {

SimResults MustRun(const std::string& doc, RunOptions options = {}) {
  auto r = RunXmile(doc, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : SimResults{};
}

const char* kDecay =
    "<stock name=\"S\"><eqn>1</eqn><outflow>out</outflow></stock>"
    "<flow name=\"out\"><eqn>S</eqn></flow>";

// One step of each method on dS/dt = -S multiplies S by a known polynomial in h.
TEST(SdIntegrators, EulerRk2Rk4MatchTheirStepPolynomials) {
  double h = 0.1;
  struct M {
    Method method;
    double factor;
  } methods[] = {{Method::kEuler, 1 - h},
                 {Method::kRk2, 1 - h + h * h / 2},
                 {Method::kRk4, 1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24}};
  for (const M& m : methods) {
    RunOptions o;
    o.method = m.method;
    SimResults r = MustRun(XmileDoc(kDecay, 0, 1, h), o);
    ASSERT_EQ(r.times.size(), 11u);
    EXPECT_NEAR(ValueAt(r, "S", 10), std::pow(m.factor, 10), 1e-14);
  }
  RunOptions rk4;
  rk4.method = Method::kRk4;
  EXPECT_NEAR(ValueAt(MustRun(XmileDoc(kDecay, 0, 1, h), rk4), "S", 10), std::exp(-1.0), 1e-6);
}

TEST(SdIntegrators, SavesEverySaveStep) {
  std::string doc = XmileDoc(kDecay, 0, 4, 0.5);
  doc.replace(doc.find("</dt>"), 5, "</dt><savestep>2</savestep>");
  SimResults r = MustRun(doc);
  ASSERT_EQ(r.times.size(), 3u);
  EXPECT_EQ(r.times[1], 2);
  EXPECT_NEAR(ValueAt(r, "S", 2), std::pow(0.5, 8), 1e-15);
}

TEST(SdBuiltins, StepRampPulse) {
  SimResults r =
      MustRun(XmileDoc("<aux name=\"s\"><eqn>STEP(5, 3)</eqn></aux>"
                       "<aux name=\"r\"><eqn>RAMP(2, 4, 6)</eqn></aux>"
                       "<aux name=\"p\"><eqn>PULSE(10, 2)</eqn></aux>"
                       "<aux name=\"q\"><eqn>PULSE(1, 1, 2)</eqn></aux>",
                       0, 8, 0.5));
  // Rows are at 0, 0.5, 1, ...: row k is t = k / 2.
  EXPECT_EQ(ValueAt(r, "s", 5), 0);   // t = 2.5
  EXPECT_EQ(ValueAt(r, "s", 6), 5);   // t = 3
  EXPECT_EQ(ValueAt(r, "r", 10), 2);  // t = 5: 2 * (5 - 4)
  EXPECT_EQ(ValueAt(r, "r", 14), 4);  // t = 7: held at 2 * (6 - 4)
  EXPECT_EQ(ValueAt(r, "p", 4), 20);  // t = 2: magnitude / DT
  EXPECT_EQ(ValueAt(r, "p", 5), 0);
  EXPECT_EQ(ValueAt(r, "q", 2), 2);  // t = 1
  EXPECT_EQ(ValueAt(r, "q", 6), 2);  // t = 3
  EXPECT_EQ(ValueAt(r, "q", 4), 0);  // t = 2
}

TEST(SdBuiltins, FirstOrderSmoothAndDelayFollowTheEulerRecurrence) {
  SimResults r =
      MustRun(XmileDoc("<aux name=\"sm\"><eqn>SMTH1(10, 4, 0)</eqn></aux>"
                       "<aux name=\"d1\"><eqn>DELAY1(10, 4, 0)</eqn></aux>"
                       "<aux name=\"s3\"><eqn>SMTH3(10, 3, 0)</eqn></aux>"
                       "<aux name=\"d3\"><eqn>DELAY3(10, 3, 0)</eqn></aux>",
                       0, 10, 0.5));
  for (int k = 0; k <= 20; ++k) {
    double expected = 10 * (1 - std::pow(1 - 0.5 / 4, k));
    EXPECT_NEAR(ValueAt(r, "sm", k), expected, 1e-12) << k;
    EXPECT_NEAR(ValueAt(r, "d1", k), expected, 1e-12) << k;
  }
  // Third order with stage time 1 and dt 0.5: the last stage after 2 steps is 10 * 0.5^3.
  EXPECT_NEAR(ValueAt(r, "s3", 3), 10 * 0.125, 1e-12);
  EXPECT_NEAR(ValueAt(r, "d3", 3), 10 * 0.125, 1e-12);
}

TEST(SdBuiltins, FixedDelayInitPreviousSafediv) {
  SimResults r =
      MustRun(XmileDoc("<aux name=\"d\"><eqn>DELAY(TIME, 3, -1)</eqn></aux>"
                       "<aux name=\"i\"><eqn>INIT(TIME + 7)</eqn></aux>"
                       "<aux name=\"p\"><eqn>PREVIOUS(TIME * 2, -1)</eqn></aux>"
                       "<aux name=\"z\"><eqn>SAFEDIV(1, 0)</eqn></aux>"
                       "<aux name=\"x\"><eqn>SAFEDIV(1, 0, 7) + SAFEDIV(6, 3)</eqn></aux>",
                       0, 6, 1));
  EXPECT_EQ(ValueAt(r, "d", 2), -1);
  EXPECT_EQ(ValueAt(r, "d", 5), 2);
  EXPECT_EQ(ValueAt(r, "i", 6), 7);
  EXPECT_EQ(ValueAt(r, "p", 0), -1);
  EXPECT_EQ(ValueAt(r, "p", 4), 6);
  EXPECT_EQ(ValueAt(r, "z", 1), 0);
  EXPECT_EQ(ValueAt(r, "x", 1), 9);
}

TEST(SdBuiltins, TrendOfExponentialGrowthApproachesItsRate) {
  // x = exp(0.1 t): TREND with a short averaging time tends to (1 - e^{-0.1 T}) / (0.1 T) * 0.1
  // in continuous time; with Euler and dt = 1/64 it is within 1e-3 of 0.1 * 0.9516 / 0.95.
  SimResults r =
      MustRun(XmileDoc("<aux name=\"x\"><eqn>EXP(0.1 * TIME)</eqn></aux>"
                       "<aux name=\"tr\"><eqn>TREND(x, 0.5, 0.1)</eqn></aux>"
                       "<aux name=\"fc\"><eqn>FORCST(x, 0.5, 2, 0.1)</eqn></aux>",
                       0, 20, 1.0 / 64));
  size_t last = r.times.size() - 1;
  double trend = ValueAt(r, "tr", last);
  EXPECT_NEAR(trend, 0.1, 0.003);
  EXPECT_NEAR(ValueAt(r, "fc", last), ValueAt(r, "x", last) * (1 + trend * 2), 1e-9);
}

TEST(SdBuiltins, ArraysApplyToAllElementsAndReductions) {
  std::string dims =
      "<dim name=\"Region\"><elem name=\"North\"/><elem name=\"South\"/>"
      "<elem name=\"East\"/></dim>";
  SimResults r =
      MustRun(XmileDoc("<aux name=\"a\"><dimensions><dim name=\"Region\"/></dimensions>"
                       "<element subscript=\"North\"><eqn>1</eqn></element>"
                       "<element subscript=\"South\"><eqn>2</eqn></element>"
                       "<element subscript=\"East\"><eqn>3</eqn></element></aux>"
                       "<aux name=\"b\"><dimensions><dim "
                       "name=\"Region\"/></dimensions><eqn>a[Region] * 2</eqn></aux>"
                       "<aux name=\"total\"><eqn>SUM(a[*])</eqn></aux>"
                       "<aux name=\"avg\"><eqn>MEAN(b)</eqn></aux>"
                       "<aux name=\"hi\"><eqn>MAX(a[*])</eqn></aux>"
                       "<aux name=\"one\"><eqn>b[South] + a[3]</eqn></aux>",
                       0, 1, 1, "Euler", dims));
  EXPECT_EQ(ValueAt(r, "b[East]", 0), 6);
  EXPECT_EQ(ValueAt(r, "total", 0), 6);
  EXPECT_EQ(ValueAt(r, "avg", 0), 4);
  EXPECT_EQ(ValueAt(r, "hi", 0), 3);
  EXPECT_EQ(ValueAt(r, "one", 0), 7);
}

TEST(SdBuiltins, NonNegativeStockStopsAtZeroAndUniflowIsClamped) {
  SimResults r =
      MustRun(XmileDoc("<stock name=\"S\"><eqn>5</eqn><outflow>out</outflow>"
                       "<non_negative/></stock>"
                       "<flow name=\"out\"><eqn>3</eqn></flow>"
                       "<flow name=\"u\"><eqn>TIME - 2</eqn><non_negative/></flow>",
                       0, 4, 1));
  EXPECT_EQ(ValueAt(r, "S", 1), 2);
  EXPECT_EQ(ValueAt(r, "S", 2), 0);
  EXPECT_EQ(ValueAt(r, "S", 3), 0);
  EXPECT_EQ(ValueAt(r, "u", 1), 0);
  EXPECT_EQ(ValueAt(r, "u", 4), 2);
}

TEST(SdBuiltins, RandomsDependOnlyOnTheSeed) {
  std::string doc = XmileDoc(
      "<aux name=\"u\"><eqn>RANDOM(2, 3)</eqn></aux>"
      "<aux name=\"n\"><eqn>NORMAL(0, 1)</eqn></aux>",
      0, 200, 1);
  RunOptions a, b;
  a.seed = 7;
  b.seed = 8;
  SimResults r1 = MustRun(doc, a), r2 = MustRun(doc, a), r3 = MustRun(doc, b);
  EXPECT_EQ(r1.values, r2.values);
  EXPECT_NE(r1.values, r3.values);
  double sum = 0;
  for (size_t k = 0; k < r1.times.size(); ++k) {
    double u = ValueAt(r1, "u", k);
    EXPECT_TRUE(u >= 2 && u < 3);
    sum += u;
  }
  EXPECT_NEAR(sum / r1.times.size(), 2.5, 0.06);
}

TEST(SdBuiltins, GraphicalFunctionKinds) {
  SimResults r = MustRun(XmileDoc(
      "<aux name=\"c\"><eqn>TIME</eqn><gf><xpts>1,2,3</xpts><ypts>10,20,40</ypts></gf></aux>"
      "<aux name=\"e\"><eqn>TIME</eqn><gf type=\"extrapolate\"><xpts>1,2,3</xpts>"
      "<ypts>10,20,40</ypts></gf></aux>"
      "<aux name=\"d\"><eqn>TIME</eqn><gf type=\"discrete\"><xscale min=\"1\" max=\"3\"/>"
      "<ypts>10,20,40</ypts></gf></aux>"
      "<aux name=\"call\"><eqn>c(2.5) + LOOKUP(c, 0)</eqn></aux>",
      0, 4, 0.5));
  EXPECT_EQ(ValueAt(r, "c", 0), 10);       // t = 0 clamps
  EXPECT_EQ(ValueAt(r, "c", 3), 15);       // t = 1.5
  EXPECT_EQ(ValueAt(r, "c", 8), 40);       // t = 4 clamps
  EXPECT_EQ(ValueAt(r, "e", 8), 60);       // t = 4 extends the last segment
  EXPECT_EQ(ValueAt(r, "e", 0), 0);        // t = 0 extends the first
  EXPECT_EQ(ValueAt(r, "d", 5), 30 - 10);  // t = 2.5 holds y(2) = 20
  EXPECT_EQ(ValueAt(r, "call", 0), 40);
}

}  // namespace
}  // namespace duckweed::sd

namespace duckweed::sd {
namespace {

TEST(SdBuiltins, ExpressionMacrosAreInlined) {
  std::string doc =
      XmileDoc("<aux name=\"y\"><eqn>TWICE PLUS(TIME, 3) + twice_plus(1, 1)</eqn></aux>");
  doc.replace(doc.find("<model>"), 7,
              "<macro name=\"twice plus\"><parm>x</parm><parm>k</parm><eqn>2 * x + k</eqn>"
              "</macro><model>");
  auto r = RunXmile(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ValueAt(*r, "y", 4), 2 * 4 + 3 + 3);
}

}  // namespace
}  // namespace duckweed::sd

namespace duckweed::sd {
namespace {

// Sample mean and standard deviation of a column over every saved row.
std::pair<double, double> Moments(const SimResults& r, const std::string& name) {
  double sum = 0, sq = 0;
  size_t n = r.times.size();
  for (size_t i = 0; i < n; ++i) sum += ValueAt(r, name, i);
  double mean = sum / n;
  for (size_t i = 0; i < n; ++i) sq += (ValueAt(r, name, i) - mean) * (ValueAt(r, name, i) - mean);
  return {mean, std::sqrt(sq / (n - 1))};
}

TEST(SdBuiltins, ExprndAndLognormalHaveTheRequestedMoments) {
  // 20001 draws: the standard error of each mean is below 0.015, so 0.06 is four of them.
  auto r =
      RunXmile(XmileDoc("<aux name=\"e\"><eqn>EXPRND(2)</eqn></aux>"
                        "<aux name=\"l\"><eqn>LOGNORMAL(3, 1, 7)</eqn></aux>",
                        0, 20000));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto [e_mean, e_sd] = Moments(*r, "e");
  EXPECT_NEAR(e_mean, 2, 0.06);
  EXPECT_NEAR(e_sd, 2, 0.1);  // an exponential's sd equals its mean
  auto [l_mean, l_sd] = Moments(*r, "l");
  EXPECT_NEAR(l_mean, 3, 0.06);
  EXPECT_NEAR(l_sd, 1, 0.06);
  for (size_t i = 0; i < r->times.size(); ++i) {
    ASSERT_GE(ValueAt(*r, "e", i), 0);
    ASSERT_GT(ValueAt(*r, "l", i), 0);
  }
}

TEST(SdBuiltins, InfIsPositiveInfinity) {
  auto r =
      RunXmile(XmileDoc("<aux name=\"m\"><eqn>MIN(5, INF) + IF -INF &lt; 0 THEN 1 ELSE 0</eqn>"
                        "</aux><aux name=\"i\"><eqn>INF()</eqn></aux>"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ValueAt(*r, "m", 0), 6);
  EXPECT_TRUE(std::isinf(ValueAt(*r, "i", 0)));
}

}  // namespace
}  // namespace duckweed::sd
