#include "core/sched/ready_queue.h"

#include <vector>

#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

// Nodes 0..4 with ranks equal to their ids; group 0 (limit 1) holds 0 and 1, group 1
// (limit 2) holds 1 and 2; nodes 3 and 4 are in no limited group.
ReadyQueue MakeQueue() {
  return ReadyQueue({0, 1, 2, 3, 4}, {{0}, {0, 1}, {1}, {}, {}}, {1, 2});
}

TEST(ReadyQueueTest, EmptyHasNoTop) {
  ReadyQueue queue = MakeQueue();
  EXPECT_EQ(queue.Top(), std::nullopt);
}

TEST(ReadyQueueTest, TopIsTheBestRank) {
  ReadyQueue queue = MakeQueue();
  queue.Push(4);
  queue.Push(2);
  queue.Push(3);
  EXPECT_EQ(queue.Top(), 2);
  queue.Erase(2);
  EXPECT_EQ(queue.Top(), 3);
  EXPECT_FALSE(queue.queued(2));
}

TEST(ReadyQueueTest, FullGroupHidesOnlyItsNodes) {
  ReadyQueue queue = MakeQueue();
  for (NodeId n : {0, 1, 4}) queue.Push(n);
  queue.Start(0);  // group 0 is now full: 1 must wait, 4 need not
  EXPECT_FALSE(queue.Fits(1));
  EXPECT_EQ(queue.Top(), 4);
  queue.Finish(0);
  EXPECT_TRUE(queue.Fits(1));
  EXPECT_EQ(queue.Top(), 1);
}

TEST(ReadyQueueTest, NodeInTwoGroupsWaitsForBoth) {
  ReadyQueue queue = MakeQueue();
  for (NodeId n : {1, 2}) queue.Push(n);
  queue.Start(2);  // group 1: 1 of 2
  EXPECT_EQ(queue.Top(), 1);
  queue.Start(1);  // group 0 full, group 1 full
  queue.Push(0);
  EXPECT_EQ(queue.Top(), std::nullopt);
  queue.Finish(2);  // group 1 frees, group 0 still full
  EXPECT_EQ(queue.Top(), std::nullopt);
  queue.Finish(1);
  EXPECT_EQ(queue.Top(), 0);
}

TEST(ReadyQueueTest, ClearKeepsRunningCounts) {
  ReadyQueue queue = MakeQueue();
  for (NodeId n : {0, 1, 3}) queue.Push(n);
  queue.Start(0);
  queue.Clear();
  EXPECT_EQ(queue.Top(), std::nullopt);
  EXPECT_FALSE(queue.queued(1));
  queue.Push(1);
  EXPECT_EQ(queue.Top(), std::nullopt);  // group 0 is still held by 0
  queue.Finish(0);
  EXPECT_EQ(queue.Top(), 1);
}

}  // namespace
}  // namespace gantry::sched
