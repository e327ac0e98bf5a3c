// The executor with busy tasks (a resource held elsewhere): a busy node gives its slot
// back and other nodes keep starting; nodes busy on one resource are tried again
// together; and over random graphs with worker threads, against resources that admit one
// holder at a time, every node succeeds once and no limit is exceeded.
#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/graph/graph.h"
#include "core/sched/executor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sched/fake_task_runner.h"
#include "tests/sched/recording_observer.h"
#include "tests/sched/run_checks.h"
#include "tests/sched/run_within.h"

namespace gantry::sched {
namespace {

using Event = RecordingObserver::Event;

struct Chainless {
  explicit Chainless(int nodes, int slots) {
    for (int n = 0; n < nodes; ++n) graph.AddNode(absl::StrCat("n", n), "t");
    input.graph = &graph;
    input.max_concurrency = slots;
  }
  graph::Graph graph;
  PlanInput input;
};

TEST(ExecutorBusyTest, ABusyNodeGivesItsOnlySlotToTheOthersAndRunsOnceFree) {
  Chainless f(4, 1);  // n0 ranks first (names tie-break), so it is tried first
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(4);
  std::atomic<int> others_done = 0;
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    if (n != 0) {
      ++others_done;
      return std::nullopt;
    }
    // Held elsewhere until the other three have run: only possible if they ran meanwhile.
    return others_done.load() < 3 ? std::optional(Outcome::kBusy) : std::nullopt;
  });
  runner.SetBusyResource([](NodeId) { return std::string("state-lock"); });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer,
                    Backoff{absl::Milliseconds(1), absl::Milliseconds(4)});
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30)));
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  for (NodeId n = 0; n < 4; ++n) EXPECT_EQ(plan->state(n), NodeState::kSucceeded) << n;
  EXPECT_GE(runner.runs(0), 2);
  int busy = 0;
  for (const Event& e : observer.events())
    if (e.kind == Event::kDeferred) {
      EXPECT_EQ(e.why, WaitReason::kBusy);
      ++busy;
    }
  EXPECT_EQ(busy, runner.runs(0) - 1) << "each busy answer deferred it once";
  EXPECT_EQ(runner.order().front(), 0);
}

// Three nodes wait for a pool that stays full for a while: they are tried again in
// rounds, together, and the rounds' waits double per round, not per node.
TEST(ExecutorBusyTest, NodesBusyOnOneResourceBackOffTogetherInDoublingRounds) {
  Chainless f(3, 3);
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(3);
  std::atomic<int> arrived = 0;
  runner.SetHook([&](NodeId) -> std::optional<Outcome> {
    // The three of a round answer once all three have started, so that all three are
    // parked in it long before it ends (50 ms).
    const int arrival = ++arrived;
    const int round_end = (arrival + 2) / 3 * 3;
    while (arrived.load() < round_end) std::this_thread::yield();
    return arrival <= 9 ? std::optional(Outcome::kBusy) : std::nullopt;  // three rounds
  });
  runner.SetBusyResource([](NodeId) { return std::string("pool"); });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer,
                    Backoff{absl::Milliseconds(50), absl::Milliseconds(500)});
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30)));
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  std::vector<absl::Duration> waits;
  for (const Event& e : observer.events())
    if (e.kind == Event::kDeferred) waits.push_back(e.delay);
  ASSERT_EQ(waits.size(), 9u);
  // The first answer of each round sets the round's wait: 50, 100, 200 ms; the others
  // of the round wait no longer than it (a back-off per node would give each its own).
  std::vector<absl::Duration> longest;
  for (size_t i = 0; i < waits.size(); i += 3)
    longest.push_back(*std::max_element(waits.begin() + i, waits.begin() + i + 3));
  EXPECT_THAT(longest, ::testing::ElementsAre(absl::Milliseconds(50), absl::Milliseconds(100),
                                              absl::Milliseconds(200)));
  for (NodeId n = 0; n < 3; ++n) {
    EXPECT_EQ(plan->state(n), NodeState::kSucceeded);
    EXPECT_EQ(runner.runs(n), 4);
  }
}

// Random DAGs, a group limit, worker threads, two resources that admit one holder at a
// time (a node is busy when, as it starts, its resource is held), some nodes on their
// own lock: every node succeeds once, limits hold, nobody waits forever.
TEST(ExecutorBusyTest, RandomRunsAgainstHeldResourcesKeepEveryPromise) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    graph::Graph graph;
    const int size = uniform(1, 50);
    PlanInput input;
    input.graph = &graph;
    input.max_concurrency = uniform(1, 8);
    const int limit = uniform(1, 4);
    input.group_limits["g"] = limit;
    std::vector<std::vector<int>> member(size);
    std::vector<int> resource(size);  // -1: none; 0, 1: shared; 2: its own
    for (int n = 0; n < size; ++n) {
      graph.AddNode(absl::StrCat("n", n), "t");
      NodeOptions options;
      if (uniform(0, 2) == 0) options.groups.push_back("g"), member[n].push_back(0);
      input.nodes.push_back(options);
      resource[n] = uniform(-1, 2);
      for (int from = 0; from < n; ++from)
        if (uniform(0, 14) == 0) graph.AddEdge(from, n, graph::kExplicit);
    }
    absl::StatusOr<Plan> plan = Plan::Create(input);
    ASSERT_TRUE(plan.ok()) << plan.status();
    FakeTaskRunner runner(size, member, 1);
    runner.SetMaxDelay(200, seed);
    std::atomic<int> holders[2] = {0, 0};
    std::vector<std::atomic<int>> busy(size), own_busy_left(size);
    for (int n = 0; n < size; ++n) own_busy_left[n] = uniform(0, 3);
    runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
      const int r = resource[n];
      if (r == 2 && own_busy_left[n].fetch_sub(1) > 0) {
        busy[n].fetch_add(1);
        return Outcome::kBusy;
      }
      if (r != 0 && r != 1) return std::nullopt;
      const bool held = holders[r].fetch_add(1) > 0;
      std::this_thread::yield();
      holders[r].fetch_sub(1);
      if (!held) return std::nullopt;
      busy[n].fetch_add(1);
      return Outcome::kBusy;
    });
    runner.SetBusyResource([&](NodeId n) {
      return resource[n] == 2 ? std::string() : absl::StrCat("r", resource[n]);
    });
    RecordingObserver observer;
    Executor executor(*plan, runner, observer,
                      Backoff{absl::Microseconds(100), absl::Milliseconds(2)});
    ASSERT_TRUE(RunWithin(executor, absl::Seconds(60)));
    ExpectEverySucceededAfterDeferrals(*plan, runner, observer, busy, input.max_concurrency,
                                       {limit});
  }
}

}  // namespace
}  // namespace gantry::sched
