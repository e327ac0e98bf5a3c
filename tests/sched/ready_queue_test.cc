#include "core/sched/ready_queue.h"

#include <optional>
#include <random>
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

TEST(ReadyQueueTest, ALowerLimitStopsNewStartsUntilEnoughHaveFinished) {
  ReadyQueue queue({0, 1, 2, 3}, {{0}, {0}, {0}, {0}}, {3});
  for (NodeId n : {0, 1, 2, 3}) queue.Push(n);
  queue.Start(0);
  queue.Start(1);
  queue.SetLimit(0, 1);  // two run; the group allows one now
  EXPECT_EQ(queue.Top(), std::nullopt);
  queue.Finish(0);
  EXPECT_EQ(queue.Top(), std::nullopt) << "one still runs: the group is full";
  queue.Finish(1);
  EXPECT_EQ(queue.Top(), 2);
  queue.Start(2);
  EXPECT_EQ(queue.Top(), std::nullopt);
  queue.SetLimit(0, 2);  // raised: one more may start at once
  EXPECT_EQ(queue.Top(), 3);
  EXPECT_EQ(queue.limit(0), 2);
  EXPECT_EQ(queue.running(0), 1);
}

// Against a model that looks at every node each time: random pushes, starts, finishes,
// erases and limit changes over random groups; Top() is always the best-ranked queued
// node whose groups all have room, and nothing starts past a limit.
TEST(ReadyQueueTest, TopMatchesABruteForceModelUnderRandomLimitChanges) {
  std::mt19937 random(20261205);
  for (int round = 0; round < 200; ++round) {
    const int nodes = 1 + static_cast<int>(random() % 30);
    const int groups = 1 + static_cast<int>(random() % 4);
    std::vector<int32_t> rank(nodes);
    for (int n = 0; n < nodes; ++n) rank[n] = n;
    std::shuffle(rank.begin(), rank.end(), random);
    std::vector<std::vector<int32_t>> member(nodes);
    for (int n = 0; n < nodes; ++n)
      for (int g = 0; g < groups; ++g)
        if (random() % 3 == 0) member[n].push_back(g);
    std::vector<int32_t> limit(groups);
    for (int32_t& l : limit) l = 1 + static_cast<int32_t>(random() % 3);
    ReadyQueue queue(rank, member, limit);
    std::vector<int> state(nodes, 0);  // 0 waiting, 1 queued, 2 running, 3 done
    std::vector<int32_t> running(groups, 0);
    const auto fits = [&](int n) {
      for (int32_t g : member[n])
        if (running[g] >= limit[g]) return false;
      return true;
    };
    for (int step = 0; step < 400; ++step) {
      std::optional<NodeId> best;
      for (int n = 0; n < nodes; ++n)
        if (state[n] == 1 && fits(n) && (!best || rank[n] < rank[*best])) best = n;
      ASSERT_EQ(queue.Top(), best) << "round " << round << " step " << step;
      const int n = static_cast<int>(random() % nodes);
      switch (random() % 5) {
        case 0:
          if (state[n] == 0) queue.Push(n), state[n] = 1;
          break;
        case 1:
          if (best) {
            queue.Start(*best);
            state[*best] = 2;
            for (int32_t g : member[*best]) ASSERT_LE(++running[g], limit[g]);
          }
          break;
        case 2:
          if (state[n] == 2) {
            queue.Finish(n);
            state[n] = 3;
            for (int32_t g : member[n]) --running[g];
          }
          break;
        case 3:
          if (state[n] == 1) queue.Erase(n), state[n] = 0;
          break;
        case 4: {
          const int g = static_cast<int>(random() % groups);
          limit[g] = 1 + static_cast<int32_t>(random() % 4);
          queue.SetLimit(g, limit[g]);
          break;
        }
      }
    }
  }
}

}  // namespace
}  // namespace gantry::sched
