// BusyResources: one back-off per resource, in rounds that double while nothing gets
// through and start over when something does; on explicit times, no clock.
#include "core/sched/busy_resources.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Time = BusyResources::Time;

Time At(int ms) { return Time() + std::chrono::milliseconds(ms); }

const Backoff kBackoff{absl::Milliseconds(100), absl::Milliseconds(800)};

TEST(BusyResourcesTest, NodesBusyOnOneResourceShareOneRound) {
  BusyResources busy(kBackoff);
  EXPECT_EQ(busy.Park(1, "pool", At(0)), absl::Milliseconds(100));
  // Later answers of the same round wait for the same moment, not a back-off each.
  EXPECT_EQ(busy.Park(2, "pool", At(30)), absl::Milliseconds(70));
  EXPECT_EQ(busy.Park(3, "pool", At(99)), absl::Milliseconds(1));
  EXPECT_EQ(busy.NextDue(), At(100));
  EXPECT_THAT(busy.Due(At(99)), IsEmpty());
  EXPECT_THAT(busy.Due(At(100)), ElementsAre(1, 2, 3));
  EXPECT_FALSE(busy.waiting());
  EXPECT_EQ(busy.NextDue(), std::nullopt);
}

TEST(BusyResourcesTest, EachRoundThatGetsNothingThroughDoublesTheWaitUpToTheMost) {
  BusyResources busy(kBackoff);
  int now = 0;
  std::vector<absl::Duration> waits;
  for (int round = 0; round < 6; ++round) {
    waits.push_back(busy.Park(1, "lock", At(now)));
    busy.Park(2, "lock", At(now));
    now += static_cast<int>(absl::ToInt64Milliseconds(waits.back()));
    ASSERT_THAT(busy.Due(At(now)), ElementsAre(1, 2));
  }
  EXPECT_THAT(waits, ElementsAre(absl::Milliseconds(100), absl::Milliseconds(200),
                                 absl::Milliseconds(400), absl::Milliseconds(800),
                                 absl::Milliseconds(800), absl::Milliseconds(800)));
}

TEST(BusyResourcesTest, OneGettingThroughStartsTheBackoffOverAndFreesTheOthersAtOnce) {
  BusyResources busy(kBackoff);
  busy.Park(1, "pool", At(0));
  busy.Park(2, "pool", At(0));
  ASSERT_THAT(busy.Due(At(100)), ElementsAre(1, 2));
  busy.Park(2, "pool", At(100));  // second round: 200 ms
  EXPECT_EQ(busy.NextDue(), At(300));
  // 1 got the pool and ended: 2 tries now, not at 300.
  EXPECT_THAT(busy.Ended(1), ElementsAre(2));
  EXPECT_FALSE(busy.waiting());
  EXPECT_EQ(busy.Park(2, "pool", At(150)), absl::Milliseconds(100)) << "started over";
  EXPECT_THAT(busy.Ended(7), IsEmpty()) << "never busy: nothing to free";
}

TEST(BusyResourcesTest, ResourcesAndNodesOwnResourcesBackOffApart) {
  BusyResources busy(kBackoff);
  busy.Park(1, "a", At(0));
  ASSERT_THAT(busy.Due(At(100)), ElementsAre(1));
  busy.Park(1, "a", At(100));  // a: 200 ms now
  EXPECT_EQ(busy.Park(2, "b", At(100)), absl::Milliseconds(100));
  EXPECT_EQ(busy.Park(3, "", At(100)), absl::Milliseconds(100)) << "its own resource";
  EXPECT_EQ(busy.Park(4, "", At(100)), absl::Milliseconds(100)) << "not 3's";
  EXPECT_EQ(busy.NextDue(), At(200));
  EXPECT_THAT(busy.Due(At(200)), ::testing::UnorderedElementsAre(2, 3, 4));
  EXPECT_THAT(busy.Due(At(300)), ElementsAre(1));
  EXPECT_THAT(busy.Ended(3), IsEmpty());
}

}  // namespace
}  // namespace gantry::sched
