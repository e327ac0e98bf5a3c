// The executor with throttled tasks: a throttled node gives its slot back, waits its
// back-off and runs again; a cancel does not wait for a back-off; and over random graphs
// with worker threads, against a simulated API that throttles past a hidden capacity,
// every node succeeds once and no group runs past its limit.
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

TEST(BackoffTest, DoublesFromTheFirstUpToTheMost) {
  const Backoff backoff{absl::Seconds(1), absl::Seconds(5)};
  EXPECT_EQ(backoff.After(1), absl::Seconds(1));
  EXPECT_EQ(backoff.After(2), absl::Seconds(2));
  EXPECT_EQ(backoff.After(3), absl::Seconds(4));
  EXPECT_EQ(backoff.After(4), absl::Seconds(5));
  EXPECT_EQ(backoff.After(100), absl::Seconds(5));
}

TEST(BackoffTest, AJitteredWaitSpreadsAroundTheWaitWithinTheJitter) {
  const Backoff backoff{absl::Seconds(1), absl::Seconds(60), 0.5};
  EXPECT_EQ(backoff.Jittered(1, 0.0), absl::Milliseconds(750));
  EXPECT_EQ(backoff.Jittered(1, 0.5), absl::Seconds(1));
  EXPECT_EQ(backoff.Jittered(3, 1.0), absl::Seconds(5));
  EXPECT_EQ(Backoff{}.Jittered(2, 0.9), absl::Seconds(2)) << "no jitter by default";
}

struct OneGroup {
  explicit OneGroup(int nodes) {
    for (int n = 0; n < nodes; ++n) graph.AddNode(absl::StrCat("n", n), "t");
    input.graph = &graph;
    input.max_concurrency = 4;
    input.adaptive_limits["api"] = AdaptiveLimitOptions{.min = 1, .max = 4};
    input.nodes.assign(nodes, NodeOptions{});
    for (NodeOptions& options : input.nodes) options.groups = {"api"};
  }
  graph::Graph graph;
  PlanInput input;
};

TEST(ExecutorThrottleTest, AThrottledNodeRunsAgainAfterItsBackoffAndFinishesOnce) {
  OneGroup f(1);
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(1);
  std::atomic<int> calls = 0;
  runner.SetHook([&](NodeId) -> std::optional<Outcome> {
    return ++calls <= 2 ? std::optional(Outcome::kThrottled) : std::nullopt;
  });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer,
                    Backoff{absl::Milliseconds(1), absl::Milliseconds(4)});
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30)));
  std::vector<std::string> seen;
  for (const Event& e : observer.events()) {
    if (e.kind == Event::kStart) seen.push_back("start");
    if (e.kind == Event::kDeferred) seen.push_back(absl::StrCat("deferred ", absl::FormatDuration(e.delay)));
    if (e.kind == Event::kFinish) seen.push_back("finish");
  }
  EXPECT_THAT(seen, ::testing::ElementsAre("start", "deferred 1ms", "start", "deferred 2ms",
                                           "start", "finish"));
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  EXPECT_EQ(plan->state(0), NodeState::kSucceeded);
  EXPECT_EQ(runner.runs(0), 3);
}

TEST(ExecutorThrottleTest, ACancelDuringABackoffSkipsTheNodeWithoutWaitingForIt) {
  OneGroup f(2);
  f.input.nodes[1].groups.clear();  // its success must not end 0's back-off
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(2);
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    return n == 0 ? std::optional(Outcome::kThrottled) : std::nullopt;
  });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer, Backoff{absl::Hours(1), absl::Hours(1)});
  std::thread cancel([&] {
    while (runner.runs(0) == 0 || !runner.finished(1)) std::this_thread::yield();
    executor.Cancel();
  });
  // An hour of back-off: only the cancel can end the run in time.
  const bool in_time = RunWithin(executor, absl::Seconds(60));
  cancel.join();
  EXPECT_TRUE(in_time);
  EXPECT_EQ(plan->state(0), NodeState::kSkipped);
  EXPECT_EQ(plan->skip_cause(0), kCancelCause);
  EXPECT_EQ(runner.runs(0), 1);
}

// A success in the group says the API takes the group's current limit: the throttled
// node need not wait out its back-off (an hour here) to start again.
TEST(ExecutorThrottleTest, ASuccessInTheGroupEndsTheBackoffOfItsThrottledNodes) {
  OneGroup f(2);
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(2);
  std::atomic<int> calls0 = 0;
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    if (n == 0) return ++calls0 == 1 ? std::optional(Outcome::kThrottled) : std::nullopt;
    while (calls0.load() == 0) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // 0's deferral is in
    return std::nullopt;
  });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer, Backoff{absl::Hours(1), absl::Hours(1)});
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30))) << "0 waited out its back-off";
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  EXPECT_EQ(plan->state(0), NodeState::kSucceeded);
  EXPECT_EQ(runner.runs(0), 2);
}

// Fail-fast: b fails while a is running; a then comes back throttled. Nothing may start
// again, so a ends cancelled rather than waiting in the queue forever (the run would hang).
TEST(ExecutorThrottleTest, ANodeThrottledAfterTheRunStoppedEndsCancelled) {
  OneGroup f(2);
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(2);
  runner.SetOutcome(1, Outcome::kFailed);
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    if (n != 0) return std::nullopt;
    while (!runner.finished(1)) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // b's end is taken first
    return Outcome::kThrottled;
  });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer, Backoff{absl::Milliseconds(1), absl::Milliseconds(1)});
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30))) << "the run hung";
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  EXPECT_EQ(plan->state(1), NodeState::kFailed);
  EXPECT_EQ(plan->state(0), NodeState::kCancelled);
  EXPECT_EQ(runner.runs(0), 1);
}

// Random DAGs, two adaptive groups with a hidden capacity each, worker threads: a task is
// throttled when, as it starts, its group already has `capacity` tasks running.
TEST(ExecutorThrottleTest, RandomRunsAgainstAThrottlingApiKeepEveryPromise) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    graph::Graph graph;
    const int size = uniform(1, 60);
    PlanInput input;
    input.graph = &graph;
    input.max_concurrency = uniform(1, 8);
    const int max0 = uniform(1, 6), max1 = uniform(1, 6);
    input.adaptive_limits["a"] = {.min = 1, .max = max0};
    input.adaptive_limits["b"] = {.min = 1, .max = max1};
    const int capacity[2] = {uniform(1, 4), uniform(1, 4)};
    std::vector<std::vector<int>> member(size);
    for (int n = 0; n < size; ++n) {
      graph.AddNode(absl::StrCat("n", n), "t");
      NodeOptions options;
      if (uniform(0, 1) == 0) options.groups.push_back("a"), member[n].push_back(0);
      if (uniform(0, 2) == 0) options.groups.push_back("b"), member[n].push_back(1);
      input.nodes.push_back(options);
      for (int from = 0; from < n; ++from)
        if (uniform(0, 14) == 0) graph.AddEdge(from, n, graph::kExplicit);
    }
    absl::StatusOr<Plan> plan = Plan::Create(input);
    ASSERT_TRUE(plan.ok()) << plan.status();
    FakeTaskRunner runner(size, member, 2);
    runner.SetMaxDelay(200, seed);
    std::atomic<int> in_group[2] = {0, 0};
    std::vector<std::atomic<int>> throttled(size);
    runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
      bool over = false;
      for (int g : member[n]) over = in_group[g].fetch_add(1) >= capacity[g] || over;
      std::this_thread::yield();
      for (int g : member[n]) in_group[g].fetch_sub(1);
      if (!over) return std::nullopt;
      throttled[n].fetch_add(1);
      return Outcome::kThrottled;
    });
    RecordingObserver observer;
    Executor executor(*plan, runner, observer,
                      Backoff{absl::Microseconds(100), absl::Milliseconds(2)});
    ASSERT_TRUE(RunWithin(executor, absl::Seconds(60)));
    ExpectEverySucceededAfterDeferrals(*plan, runner, observer, throttled, input.max_concurrency,
                                       {max0, max1});
  }
}

}  // namespace
}  // namespace gantry::sched
