// The AIMD rule alone: halved on throttling, once per epoch; one more per round of
// successes; never outside [min, max].
#include "core/sched/adaptive_limit.h"

#include <random>

#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

TEST(AdaptiveLimitTest, StartsAtMaxUnlessToldAndHalvesOnThrottling) {
  AdaptiveLimit limit({.min = 2, .max = 16});
  EXPECT_EQ(limit.current(), 16);
  EXPECT_EQ(limit.Throttled(limit.epoch()), 8);
  EXPECT_EQ(limit.Throttled(limit.epoch()), 4);
  EXPECT_EQ(limit.Throttled(limit.epoch()), 2);
  EXPECT_EQ(limit.Throttled(limit.epoch()), std::nullopt) << "not below min";
  EXPECT_EQ(limit.current(), 2);
  EXPECT_EQ(AdaptiveLimit({.min = 1, .max = 16, .start = 4}).current(), 4);
}

TEST(AdaptiveLimitTest, ThrottlingOfComponentsStartedBeforeACutCutsOnce) {
  AdaptiveLimit limit({.min = 1, .max = 16});
  const int32_t before = limit.epoch();  // 16 components start under 16
  EXPECT_EQ(limit.Throttled(before), 8);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limit.Throttled(before), std::nullopt);
  EXPECT_EQ(limit.current(), 8);
  EXPECT_EQ(limit.Throttled(limit.epoch()), 4) << "one started under 8 cuts again";
}

TEST(AdaptiveLimitTest, ARoundOfSuccessesRaisesByOneUpToMax) {
  AdaptiveLimit limit({.min = 1, .max = 4, .start = 2});
  EXPECT_EQ(limit.Succeeded(limit.epoch()), std::nullopt);
  EXPECT_EQ(limit.Succeeded(limit.epoch()), 3) << "two successes at a limit of two";
  EXPECT_EQ(limit.Succeeded(limit.epoch()), std::nullopt);
  EXPECT_EQ(limit.Succeeded(limit.epoch()), std::nullopt);
  EXPECT_EQ(limit.Succeeded(limit.epoch()), 4);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(limit.Succeeded(limit.epoch()), std::nullopt) << "at max";
}

TEST(AdaptiveLimitTest, AThrottleRestartsTheRoundOfSuccesses) {
  AdaptiveLimit limit({.min = 1, .max = 8, .start = 4});
  for (int i = 0; i < 3; ++i) limit.Succeeded(limit.epoch());
  EXPECT_EQ(limit.Throttled(limit.epoch()), 2);
  EXPECT_EQ(limit.Succeeded(limit.epoch()), std::nullopt) << "the three before the cut do not count";
  EXPECT_EQ(limit.Succeeded(limit.epoch()), 3);
}

// Sixteen started under 16; the API takes four. After the cut to 8, the successes of
// those admitted under 16 must not raise it again: they say nothing of 8.
TEST(AdaptiveLimitTest, SuccessesOfComponentsStartedBeforeACutDoNotRaiseIt) {
  AdaptiveLimit limit({.min = 1, .max = 16});
  const int32_t before = limit.epoch();
  EXPECT_EQ(limit.Throttled(before), 8);
  for (int i = 0; i < 15; ++i) EXPECT_EQ(limit.Succeeded(before), std::nullopt) << i;
  EXPECT_EQ(limit.current(), 8);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(limit.Succeeded(limit.epoch()), std::nullopt);
  EXPECT_EQ(limit.Succeeded(limit.epoch()), 9) << "a round of those started under 8";
}

TEST(AdaptiveLimitTest, NeverLeavesItsBoundsUnderRandomOutcomes) {
  std::mt19937 random(7);
  for (int round = 0; round < 100; ++round) {
    const int32_t min = 1 + static_cast<int32_t>(random() % 4);
    const int32_t max = min + static_cast<int32_t>(random() % 20);
    AdaptiveLimit limit({.min = min, .max = max});
    for (int step = 0; step < 500; ++step) {
      const int32_t before = limit.current();
      const std::optional<int32_t> changed =
          random() % 4 == 0 ? limit.Throttled(limit.epoch() - static_cast<int32_t>(random() % 2))
                            : limit.Succeeded(limit.epoch());
      ASSERT_GE(limit.current(), min);
      ASSERT_LE(limit.current(), max);
      if (changed) {
        ASSERT_EQ(*changed, limit.current());
        ASSERT_NE(*changed, before);
      } else {
        ASSERT_EQ(limit.current(), before);
      }
    }
  }
}

}  // namespace
}  // namespace gantry::sched
