#include "core/sched/ready_queue.h"

#include <algorithm>
#include <optional>
#include <random>
#include <utility>
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

// Starts the queue's Top() `count` times (nothing finishes); the nodes in start order.
std::vector<NodeId> StartTops(ReadyQueue& queue, int count) {
  std::vector<NodeId> started;
  for (int i = 0; i < count; ++i) {
    const std::optional<NodeId> n = queue.Top();
    if (!n) break;
    queue.Start(*n);
    started.push_back(*n);
  }
  return started;
}

TEST(ReadyQueueTest, SignaturesTakeTurnsAndTheRankDecidesBetweenEqualTurns) {
  // 0..3 in group 0 (room for all), 4 and 5 in none: two signatures.
  ReadyQueue queue({0, 1, 2, 3, 4, 5}, {{0}, {0}, {0}, {0}, {}, {}}, {10});
  for (NodeId n = 0; n < 6; ++n) queue.Push(n);
  EXPECT_EQ(StartTops(queue, 6), (std::vector<NodeId>{0, 4, 1, 5, 2, 3}));
}

TEST(ReadyQueueTest, AnIdleSignatureJoinsTheCurrentTurnWithNoCredit) {
  // 0, 2, 4, 6 in group 0; 1, 3, 5, 7 in group 1; 8 and 9 in none.
  ReadyQueue queue({0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                   {{0}, {1}, {0}, {1}, {0}, {1}, {0}, {1}, {}, {}}, {10, 10});
  for (NodeId n = 0; n < 8; ++n) queue.Push(n);
  EXPECT_EQ(StartTops(queue, 5), (std::vector<NodeId>{0, 1, 2, 3, 4}));
  queue.Push(8);
  queue.Push(9);
  // Group 1 has not had its third start yet: it and the newcomer go by rank (5 before 8).
  // The newcomer then waits its turn: no catching up on the starts it missed while idle.
  EXPECT_EQ(StartTops(queue, 5), (std::vector<NodeId>{5, 8, 6, 7, 9}));
}

TEST(ReadyQueueTest, ASignatureHeldBackByAFullGroupKeepsItsTurnButGetsNoBurst) {
  // 0, 7, 8, 9 in group 0 (limit 1); 1..6 in none.
  ReadyQueue queue({0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                   {{0}, {}, {}, {}, {}, {}, {}, {0}, {0}, {0}}, {1});
  for (NodeId n = 0; n < 10; ++n) queue.Push(n);
  EXPECT_EQ(StartTops(queue, 4), (std::vector<NodeId>{0, 1, 2, 3})) << "group 0 is full";
  queue.Finish(0);
  queue.SetLimit(0, 3);
  // Group 0's signature is two starts behind: it goes first, once, then they alternate.
  EXPECT_EQ(StartTops(queue, 5), (std::vector<NodeId>{7, 4, 8, 5, 9}));
}

TEST(ReadyQueueTest, SignaturesSharingAFullGroupTakeTurnsInIt) {
  // Group 0 (limit 1) holds 0..3 alone and, with group 1, 4 and 5, whose ranks are worse;
  // 6..11 are in no group and keep starting while group 0 is full.
  ReadyQueue queue({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                   {{0}, {0}, {0}, {0}, {0, 1}, {0, 1}, {}, {}, {}, {}, {}, {}}, {1, 5});
  for (NodeId n = 0; n < 12; ++n) queue.Push(n);
  std::vector<NodeId> in_group_0;
  while (std::optional<NodeId> n = queue.Top()) {
    queue.Start(*n);
    in_group_0.push_back(*n);
    StartTops(queue, 2);  // group 0 is full: others only
    queue.Finish(*n);
  }
  EXPECT_EQ(in_group_0, (std::vector<NodeId>{0, 4, 1, 5, 2, 3}));
}

// Against a model that looks at every node each time: random pushes, starts, finishes,
// erases and limit changes over random groups; Top() is always, of the queued nodes whose
// groups all have room, the one whose signature is least served, then the best-ranked
// (the fair queueing rule, written out per node), and nothing starts past a limit.
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
    // Fair queueing: a node's signature is its (sorted) group list; each is served.
    std::vector<std::vector<int32_t>> signature_of;
    std::vector<int> signature(nodes);
    for (int n = 0; n < nodes; ++n) {
      auto it = std::find(signature_of.begin(), signature_of.end(), member[n]);
      signature[n] = static_cast<int>(it - signature_of.begin());
      if (it == signature_of.end()) signature_of.push_back(member[n]);
    }
    std::vector<int64_t> served(signature_of.size(), 0);
    int64_t vtime = 0;
    const auto backlogged = [&](int s) {
      for (int m = 0; m < nodes; ++m)
        if (state[m] == 1 && signature[m] == s) return true;
      return false;
    };
    const auto before = [&](int a, int b) {
      return std::pair(served[signature[a]], rank[a]) < std::pair(served[signature[b]], rank[b]);
    };
    for (int step = 0; step < 400; ++step) {
      std::optional<NodeId> best;
      for (int n = 0; n < nodes; ++n)
        if (state[n] == 1 && fits(n) && (!best || before(n, *best))) best = n;
      ASSERT_EQ(queue.Top(), best) << "round " << round << " step " << step;
      const int n = static_cast<int>(random() % nodes);
      switch (random() % 5) {
        case 0:
          if (state[n] == 0) {
            if (!backlogged(signature[n]))
              served[signature[n]] = std::max(served[signature[n]], vtime);
            queue.Push(n), state[n] = 1;
          }
          break;
        case 1:
          if (best) {
            queue.Start(*best);
            state[*best] = 2;
            for (int32_t g : member[*best]) ASSERT_LE(++running[g], limit[g]);
            vtime = std::max(vtime, served[signature[*best]]);
            served[signature[*best]] = vtime + 1;
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
