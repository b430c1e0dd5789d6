// Lever bundles under fuzzy minimum, against hand-computed memberships.
#include "duckweed/transfer/lever_advice.h"

#include <gtest/gtest.h>

namespace duckweed::evaluate {
namespace {

// Term A*B*C*D: A 0.2 and B 0.3 are lacking levers, C 0.9 a lever already held, D 0.6 context.
// Now min = 0.2. A alone: min(0.3, 0.9, 0.6) = 0.3 (+0.1). B alone: min(0.2, ...) = 0.2 (+0).
// A and B: min(0.9, 0.6) = 0.6 (+0.4), more than either alone, so the pair is listed first.
TEST(LeverAdvice, OneMissingKeyHidesTheOtherSoThePairComesFirst) {
  auto bundles = RankLeverBundles({0.2, 0.3, 0.9, 0.6}, {true, true, true, false});
  ASSERT_EQ(bundles.size(), 3u);
  EXPECT_EQ(bundles[0].literals, (std::vector<size_t>{0, 1}));
  EXPECT_NEAR(bundles[0].membership_after, 0.6, 1e-12);
  EXPECT_NEAR(bundles[0].gain, 0.4, 1e-12);
  EXPECT_EQ(bundles[1].literals, (std::vector<size_t>{0}));
  EXPECT_NEAR(bundles[1].gain, 0.1, 1e-12);
  EXPECT_EQ(bundles[2].literals, (std::vector<size_t>{1}));
  EXPECT_NEAR(bundles[2].gain, 0.0, 1e-12);
}

// A lever at 0.98 (or any value >= 0.5) is held: never advised, never in a bundle.
TEST(LeverAdvice, AHeldLeverIsNotAdvice) {
  auto bundles = RankLeverBundles({0.98, 0.5, 0.1}, {true, true, false});
  EXPECT_TRUE(bundles.empty());
}

// Three lacking levers at 0, 0, 0.4 and a context literal at 1: each pair still leaves a 0 or
// the 0.4 (pairs {0,1}: min(0.4, 1) = 0.4; {0,2}, {1,2}: 0); the triple reaches 1 (+1). Singles
// gain 0. Listed: the triple, the pair {0,1}, then the three singles.
TEST(LeverAdvice, ATripleIsListedWhenItBeatsEveryPair) {
  auto bundles = RankLeverBundles({0.0, 0.0, 0.4, 1.0}, {true, true, true, false});
  ASSERT_EQ(bundles.size(), 5u);
  EXPECT_EQ(bundles[0].literals, (std::vector<size_t>{0, 1, 2}));
  EXPECT_NEAR(bundles[0].gain, 1.0, 1e-12);
  EXPECT_EQ(bundles[1].literals, (std::vector<size_t>{0, 1}));
  EXPECT_NEAR(bundles[1].gain, 0.4, 1e-12);
  for (size_t i = 2; i < 5; ++i) {
    EXPECT_EQ(bundles[i].literals.size(), 1u);
    EXPECT_NEAR(bundles[i].gain, 0.0, 1e-12);
  }
}

// A context literal below 0.5 caps every lever's gain: raising both levers leaves min = 0.2.
TEST(LeverAdvice, ContextCapsTheGain) {
  auto bundles = RankLeverBundles({0.0, 0.0, 0.2}, {true, true, false});
  ASSERT_EQ(bundles.size(), 3u);
  EXPECT_EQ(bundles[0].literals, (std::vector<size_t>{0, 1}));
  EXPECT_NEAR(bundles[0].membership_after, 0.2, 1e-12);
}

}  // namespace
}  // namespace duckweed::evaluate
