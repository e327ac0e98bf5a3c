// WaitClock: a node's wait split by reason from when the run's slots and its groups were
// full; on explicit times, no clock.
#include "core/sched/wait_clock.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

using WaitTime = WaitClock::Time;

WaitTime ClockAt(int ms) { return WaitTime() + std::chrono::milliseconds(ms); }
absl::Duration WaitMs(int ms) { return absl::Milliseconds(ms); }
absl::Duration Of(const WaitTimes& waits, WaitReason why) {
  return waits[static_cast<size_t>(why)];
}

// Node 0 is in fixed group 0, node 1 in adaptive group 1, node 2 in both, node 3 in none.
WaitClock MakeClock() { return WaitClock({{0}, {1}, {0, 1}, {}}, {false, true}); }

TEST(WaitClockTest, AWaitWhileTheRunsSlotsAreTakenIsTheGlobalLimits) {
  WaitClock clock = MakeClock();
  clock.Ready(3, ClockAt(0));
  clock.GlobalFull(true, ClockAt(0));
  clock.GlobalFull(false, ClockAt(40));
  const WaitTimes waits = clock.Admitted(3, ClockAt(40));
  EXPECT_EQ(Of(waits, WaitReason::kGlobalLimit), WaitMs(40));
  EXPECT_EQ(TotalWait(waits), WaitMs(40));
  EXPECT_EQ(DominantReason(waits), WaitReason::kGlobalLimit);
}

TEST(WaitClockTest, AFullGroupCountsOnlyWhileTheRunHasAFreeSlot) {
  WaitClock clock = MakeClock();
  clock.Ready(0, ClockAt(0));
  clock.GroupFull(0, true, ClockAt(0));
  clock.GlobalFull(true, ClockAt(10));   // 10 ms the group's alone
  clock.GlobalFull(false, ClockAt(30));  // 20 ms the run's (it binds first)
  clock.GroupFull(0, false, ClockAt(100));  // 70 ms the group's again
  const WaitTimes waits = clock.Admitted(0, ClockAt(100));
  EXPECT_EQ(Of(waits, WaitReason::kGroupLimit), WaitMs(80));
  EXPECT_EQ(Of(waits, WaitReason::kGlobalLimit), WaitMs(20));
  EXPECT_EQ(DominantReason(waits), WaitReason::kGroupLimit);
}

TEST(WaitClockTest, AnAdaptiveGroupsWaitIsTheAdaptiveLimitsAndOverlappingGroupsCountOnce) {
  WaitClock clock = MakeClock();
  clock.Ready(2, ClockAt(0));
  clock.GroupFull(0, true, ClockAt(0));
  clock.GroupFull(1, true, ClockAt(0));
  clock.GroupFull(0, false, ClockAt(20));
  clock.GroupFull(1, false, ClockAt(50));
  const WaitTimes waits = clock.Admitted(2, ClockAt(60));
  EXPECT_EQ(Of(waits, WaitReason::kAdaptiveLimit), WaitMs(50)) << "the longest full group";
  EXPECT_EQ(Of(waits, WaitReason::kGroupLimit), WaitMs(0));
  EXPECT_EQ(Of(waits, WaitReason::kGlobalLimit), WaitMs(10)) << "a free slot taken by another";
  EXPECT_EQ(TotalWait(waits), WaitMs(60));
}

TEST(WaitClockTest, ABackoffOrABusyWaitCountsFromTheDeferralToTheNextReady) {
  WaitClock clock = MakeClock();
  clock.Ready(3, ClockAt(0));
  EXPECT_EQ(TotalWait(clock.Admitted(3, ClockAt(0))), WaitMs(0));
  clock.Deferred(3, WaitReason::kBackoff, ClockAt(10));  // it ran 10 ms, then was throttled
  clock.Ready(3, ClockAt(1010));
  clock.GlobalFull(true, ClockAt(1010));
  clock.GlobalFull(false, ClockAt(1015));
  WaitTimes waits = clock.Admitted(3, ClockAt(1015));
  EXPECT_EQ(Of(waits, WaitReason::kBackoff), WaitMs(1000));
  EXPECT_EQ(Of(waits, WaitReason::kGlobalLimit), WaitMs(5));
  EXPECT_EQ(DominantReason(waits), WaitReason::kBackoff);
  clock.Deferred(3, WaitReason::kBusy, ClockAt(1020));
  clock.Ready(3, ClockAt(1520));
  waits = clock.Admitted(3, ClockAt(1520));
  EXPECT_EQ(Of(waits, WaitReason::kBusy), WaitMs(500));
  EXPECT_EQ(TotalWait(waits), WaitMs(500)) << "each admission reports its own wait";
}

}  // namespace
}  // namespace gantry::sched
