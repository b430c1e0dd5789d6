// Inference on small maps with analytic answers: limit cycles, clamps, option checks.
#include "duckweed/fcm/fcm_inference.h"

#include <gtest/gtest.h>

#include <cmath>

#include "duckweed/fcm/fcm_io.h"

namespace duckweed::fcm {
namespace {

TEST(FcmInference, TwoRingUnderBivalentIsAPeriodTwoCycle) {
  // A → B → A with weight 1 and no self-memory swaps the two values each step.
  auto map = ParseFcmCsv("from,to,weight\nA,B,1\nB,A,1\n", "ring");
  ASSERT_TRUE(map.ok());
  FcmOptions options;
  options.transfer = FcmTransfer::kBivalent;
  options.keep_source_concepts = false;
  auto run = RunFcm(*map, {1.0, 0.0}, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->outcome, FcmOutcome::kLimitCycle);
  EXPECT_EQ(run->period, 2);
  EXPECT_EQ(run->iterations, 4);  // two whole periods are needed to see one repeat
}

TEST(FcmInference, ThreeRingCycleHasPeriodThree) {
  auto map = ParseFcmCsv("from,to,weight\nA,B,1\nB,C,1\nC,A,1\n", "ring3");
  ASSERT_TRUE(map.ok());
  FcmOptions options;
  options.transfer = FcmTransfer::kBivalent;
  auto run = RunFcm(*map, {1.0, 0.0, 0.0}, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->outcome, FcmOutcome::kLimitCycle);
  EXPECT_EQ(run->period, 3);
}

TEST(FcmInference, DampedOscillationIsNotACycle) {
  // x(t+1) = tanh(-0.9 x(t)) alternates in sign while shrinking toward the fixed point 0.
  auto map = ParseFcmCsv("from,to,weight\nA,A,-0.9\n", "self");
  ASSERT_TRUE(map.ok());
  FcmOptions options;
  options.transfer = FcmTransfer::kTanh;
  options.tolerance = 1e-3;
  options.max_iterations = 500;
  auto run = RunFcm(*map, {1.0}, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->outcome, FcmOutcome::kFixedPoint);
  EXPECT_LT(std::abs(run->FinalState()[0]), 0.01);
}

TEST(FcmInference, ClampHoldsAndFixedPointIsAnalytic) {
  // B = sigmoid(0.5 * A) with A clamped at 1: B* = 1 / (1 + e^-0.5) after one step.
  auto map = ParseFcmCsv("from,to,weight\nA,B,0.5\n", "m");
  ASSERT_TRUE(map.ok());
  FcmOptions options;
  options.keep_source_concepts = false;
  auto run = RunFcm(*map, {0.0, 0.0}, options, {{0, 1.0}});
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->outcome, FcmOutcome::kFixedPoint);
  EXPECT_EQ(run->FinalState()[0], 1.0);
  EXPECT_DOUBLE_EQ(run->FinalState()[1], 1.0 / (1.0 + std::exp(-0.5)));
}

TEST(FcmInference, IterationLimitIsReported) {
  auto map = ParseFcmCsv("from,to,weight\nA,A,-0.9\n", "self");
  ASSERT_TRUE(map.ok());
  FcmOptions options;
  options.transfer = FcmTransfer::kTanh;
  options.max_iterations = 3;
  options.tolerance = 0.0;
  auto run = RunFcm(*map, {1.0}, options);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->outcome, FcmOutcome::kIterationLimit);
  EXPECT_EQ(run->iterations, 3);
  EXPECT_EQ(run->trajectory.size(), 4u);
}

TEST(FcmInference, InvalidOptionsAreReported) {
  auto map = ParseFcmCsv("from,to,weight\nA,B,0.5\n", "m");
  ASSERT_TRUE(map.ok());
  FcmOptions options;
  options.lambda = 0.0;
  options.max_iterations = 0;
  auto run = RunFcm(*map, {0.0}, options, {{7, 1.0}});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().diagnostics().size(), 4u);  // initial size, clamp, lambda, iterations
}

TEST(FcmInference, NamesParse) {
  EXPECT_EQ(ParseFcmRule("mkosko"), FcmRule::kModifiedKosko);
  EXPECT_EQ(ParseFcmRule("kosco"), std::nullopt);
  EXPECT_EQ(ParseFcmTransfer("trivalent"), FcmTransfer::kTrivalent);
  EXPECT_EQ(FcmOutcomeName(FcmOutcome::kLimitCycle), "limit_cycle");
}

}  // namespace
}  // namespace duckweed::fcm
