#include "core/sched/executor.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "tests/sched/fake_task_runner.h"
#include "tests/sched/recording_observer.h"
#include "tests/sched/run_checks.h"
#include "tests/sched/run_within.h"

namespace gantry::sched {
namespace {

constexpr absl::Duration kTimeout = absl::Seconds(20);

/// Each case runs with 1..8 workers (the global limit).
class ExecutorTest : public ::testing::TestWithParam<int> {
 protected:
  int workers() const { return GetParam(); }
  NodeId Add(const std::string& name, const std::string& type = "t") {
    options_.push_back(NodeOptions{{type}, 1.0, OnFailure::kAbort});
    return graph_.AddNode(name, type);
  }
  /// `n` nodes "n00".."n<n-1>", each depending on up to two earlier ones.
  void AddLayered(int n) {
    for (int i = 0; i < n; ++i) {
      Add((i < 10 ? "n0" : "n") + std::to_string(i));
      for (int j : {i / 2 - 1, i / 3, i - 5}) {
        if (j >= 0 && j < i) graph_.AddEdge(j, i, graph::kExplicit);
      }
    }
  }
  Plan MakePlan() {
    input_.graph = &graph_;
    input_.nodes = options_;
    input_.max_concurrency = workers();
    absl::StatusOr<Plan> plan = Plan::Create(input_);
    EXPECT_TRUE(plan.ok()) << plan.status();
    return *std::move(plan);
  }
  /// Hook for FakeTaskRunner that counts starts before a predecessor (in the run's
  /// direction) finished.
  std::function<std::optional<Outcome>(NodeId)> CheckPredecessors(FakeTaskRunner& runner) {
    return [this, &runner](NodeId n) -> std::optional<Outcome> {
      const bool reverse = input_.direction == Direction::kReverse;
      for (NodeId p : reverse ? graph_.Dependents(n) : graph_.Dependencies(n)) {
        if (!runner.finished(p)) early_starts_.fetch_add(1);
      }
      return std::nullopt;
    };
  }

  graph::Graph graph_;
  std::vector<NodeOptions> options_;
  PlanInput input_;
  std::atomic<int> early_starts_{0};
};

INSTANTIATE_TEST_SUITE_P(Workers, ExecutorTest, ::testing::Range(1, 9));

TEST_P(ExecutorTest, RunsEveryNodeOnceAfterItsDependencies) {
  AddLayered(60);
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  runner.SetMaxDelay(200, 1);
  runner.SetHook(CheckPredecessors(runner));
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  EXPECT_EQ(early_starts_.load(), 0);
  for (NodeId n = 0; n < 60; ++n) {
    EXPECT_EQ(runner.runs(n), 1);
    EXPECT_EQ(plan.state(n), NodeState::kSucceeded);
  }
  EXPECT_LE(runner.max_running(), workers());
}

TEST_P(ExecutorTest, ReverseStartsAfterEveryDependent) {
  AddLayered(60);
  input_.direction = Direction::kReverse;
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  runner.SetMaxDelay(200, 2);
  runner.SetHook(CheckPredecessors(runner));
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  EXPECT_EQ(early_starts_.load(), 0);
  // The first start is the initial best: the longest way back to a root.
  EXPECT_EQ(observer.started().front(), MakePlan().NextToStart());
}

TEST_P(ExecutorTest, StaysWithinGlobalAndGroupLimits) {
  std::vector<std::vector<int>> groups;
  for (int i = 0; i < 40; ++i) {
    const bool tf = i % 2 == 0;
    Add("n" + std::to_string(i), tf ? "terraform" : "ansible");
    groups.push_back(tf ? std::vector<int>{0} : std::vector<int>{});
    if (i % 5 == 0) {
      options_.back().groups.push_back("db");
      groups.back().push_back(1);
    }
  }
  input_.group_limits = {{"terraform", 2}, {"db", 1}};
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size(), groups, 2);
  runner.SetMaxDelay(300, 3);
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  EXPECT_LE(runner.max_running(), workers());
  EXPECT_LE(runner.group_max(0), 2);
  EXPECT_LE(runner.group_max(1), 1);
}

TEST_P(ExecutorTest, FailFastStartsNothingAfterTheFailure) {
  for (int i = 0; i < 30; ++i) Add("n" + std::to_string(i + 10));
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  runner.SetOutcome(3, Outcome::kFailed);
  runner.SetMaxDelay(100, 4);
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  ExpectNoStartAfterAbort(observer, std::vector<bool>(graph_.size(), true));
  EXPECT_EQ(plan.state(3), NodeState::kFailed);
  for (NodeId n = 0; n < 30; ++n) {
    if (plan.state(n) == NodeState::kSkipped) {
      EXPECT_EQ(plan.skip_cause(n), 3);
    }
  }
  if (workers() == 1) {
    EXPECT_EQ(observer.started(), (std::vector<NodeId>{0, 1, 2, 3}));
  }
}

TEST_P(ExecutorTest, KeepGoingRunsEverythingNotDownstream) {
  AddLayered(40);
  input_.failure_policy = FailurePolicy::kKeepGoing;
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  runner.SetOutcome(7, Outcome::kFailed);
  runner.SetMaxDelay(100, 5);
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  for (NodeId n = 0; n < 40; ++n) {
    bool downstream = false;  // of 7, through a skipped or failed dependency
    for (NodeId d : graph_.Dependencies(n)) {
      downstream |= d == 7 || plan.state(d) == NodeState::kSkipped;
    }
    if (n == 7) continue;
    EXPECT_EQ(plan.state(n), downstream ? NodeState::kSkipped : NodeState::kSucceeded) << n;
  }
}

TEST_P(ExecutorTest, CancelFromAnotherThreadStopsNewStarts) {
  for (int i = 0; i < 20; ++i) Add("n" + std::to_string(i + 10));
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  absl::Notification first_started, release;
  std::atomic<bool> notified{false};
  runner.SetHook([&](NodeId) -> std::optional<Outcome> {
    if (!notified.exchange(true)) first_started.Notify();
    if (!release.WaitForNotificationWithTimeout(absl::Seconds(10))) return Outcome::kFailed;
    return Outcome::kCancelled;
  });
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  bool in_time = false;
  std::thread run([&] { in_time = RunWithin(executor, kTimeout); });
  const bool one_started = first_started.WaitForNotificationWithTimeout(kTimeout);
  executor.Cancel();
  release.Notify();
  run.join();
  ASSERT_TRUE(one_started);
  ASSERT_TRUE(in_time);
  ExpectEachReportedOnce(plan, observer);
  const std::vector<NodeId> started = observer.started();
  EXPECT_GE(started.size(), 1u);
  EXPECT_LE(started.size(), static_cast<size_t>(workers()));
  for (NodeId n = 0; n < 20; ++n) {
    if (runner.runs(n) == 1) {
      EXPECT_EQ(plan.state(n), NodeState::kCancelled);
    } else {
      EXPECT_EQ(plan.state(n), NodeState::kSkipped);
      EXPECT_EQ(plan.skip_cause(n), kCancelCause);
    }
  }
}

TEST_P(ExecutorTest, CancelBeforeRunSkipsEverything) {
  AddLayered(10);
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  executor.Cancel();
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  EXPECT_TRUE(observer.started().empty());
  for (NodeId n = 0; n < 10; ++n) EXPECT_EQ(plan.skip_cause(n), kCancelCause);
}

TEST_P(ExecutorTest, EmptySelectionReturnsAtOnce) {
  AddLayered(3);
  input_.selected = {false, false, false};
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  EXPECT_TRUE(observer.events().empty());
}

TEST_P(ExecutorTest, SlotsAreStableAndExclusive) {
  for (int i = 0; i < 100; ++i) Add("n" + std::to_string(i + 100));
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  runner.SetMaxDelay(50, 6);
  RecordingObserver observer;  // records slot misuse
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  std::vector<std::thread::id> thread_of_slot(workers());
  for (const RecordingObserver::Event& e : observer.events()) {
    if (e.kind != RecordingObserver::Event::kStart) continue;
    ASSERT_GE(e.slot, 0);
    ASSERT_LT(e.slot, workers());
    // A slot is one thread for the whole run: its nodes all run there.
    std::thread::id& thread = thread_of_slot[e.slot];
    if (thread == std::thread::id()) thread = runner.thread_of(e.node);
    EXPECT_EQ(runner.thread_of(e.node), thread) << "slot " << e.slot << ", node " << e.node;
  }
}

// An observer whose calls can be held, as a terminal that stops reading holds a console.
class HoldingObserver : public RecordingObserver {
 public:
  /// OnFinish(node) waits for Release() (at most a minute, so a bug cannot hang the test).
  void HoldFinishOf(NodeId node) { held_ = node; }
  void Release() { release_.Notify(); }
  /// Set once a held call is waiting.
  absl::Notification holding;

  void OnStart(NodeId node, int slot) override {
    RecordingObserver::OnStart(node, slot);
    std::lock_guard<std::mutex> lock(mu_);
    start_returned_.push_back(node);
  }
  void OnFinish(NodeId node, Outcome outcome) override {
    if (node == held_) {
      holding.Notify();
      release_.WaitForNotificationWithTimeout(absl::Minutes(1));
    }
    RecordingObserver::OnFinish(node, outcome);
  }
  bool start_returned(NodeId node) const {
    std::lock_guard<std::mutex> lock(mu_);
    return std::find(start_returned_.begin(), start_returned_.end(), node) !=
           start_returned_.end();
  }

 private:
  NodeId held_ = -1;
  absl::Notification release_;
  mutable std::mutex mu_;
  std::vector<NodeId> start_returned_;
};

TEST_P(ExecutorTest, AHeldObserverCallHoldsNeitherTheSchedulerNorCancel) {
  // a and b start; a finishes first and its OnFinish blocks. Meanwhile b finishes
  // (nothing it does waits on the held call) and Cancel() returns at once; the held
  // call's thread then reports everything, in order, once released.
  if (workers() < 2) GTEST_SKIP() << "needs two slots";
  const NodeId a = Add("a"), b = Add("b");
  for (int i = 0; i < 10; ++i) graph_.AddEdge(a, Add("c" + std::to_string(i)), graph::kExplicit);
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  absl::Notification a_done, b_running;
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    if (n == b) {
      b_running.Notify();
      a_done.WaitForNotificationWithTimeout(absl::Seconds(10));
    }
    if (n == a) {
      b_running.WaitForNotificationWithTimeout(absl::Seconds(10));
      a_done.Notify();
    }
    return std::nullopt;
  });
  HoldingObserver observer;
  observer.HoldFinishOf(a);
  Executor executor(plan, runner, observer);
  bool in_time = false;
  std::thread run([&] { in_time = RunWithin(executor, kTimeout); });
  if (!observer.holding.WaitForNotificationWithTimeout(kTimeout)) {
    observer.Release();
    run.join();
    FAIL() << "a's OnFinish was never called";
  }

  // b was started before a finished: it may finish, and nothing waits on the held call.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (!runner.finished(b) && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(1));
  EXPECT_TRUE(runner.finished(b));
  std::thread cancel([&] { executor.Cancel(); });
  absl::Notification cancelled;
  std::thread watch([&] {
    cancel.join();
    cancelled.Notify();
  });
  const bool cancel_returned = cancelled.WaitForNotificationWithTimeout(absl::Seconds(10));
  observer.Release();
  watch.join();
  run.join();
  EXPECT_TRUE(cancel_returned) << "Cancel() waited for the held observer call";
  ASSERT_TRUE(in_time);
  ExpectEachReportedOnce(plan, observer);
  // Nothing new ran while the call was held: a node starts only after its OnStart.
  for (NodeId n = 0; n < static_cast<NodeId>(graph_.size()); ++n) {
    if (runner.runs(n) > 0) {
      EXPECT_TRUE(observer.start_returned(n)) << n;
    }
  }
}

TEST_P(ExecutorTest, ANodeRunsOnlyAfterItsStartWasReported) {
  AddLayered(40);
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  runner.SetMaxDelay(30, 3);
  HoldingObserver observer;
  std::atomic<int> unreported{0};
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    if (!observer.start_returned(n)) unreported.fetch_add(1);
    return std::nullopt;
  });
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  ExpectEachReportedOnce(plan, observer);
  EXPECT_EQ(unreported.load(), 0);
}

TEST_P(ExecutorTest, ReadyQueueBeatsWaves) {
  // a is slow; b -> c. A wave scheduler would start c only after a and b both finish.
  // Here c starts as soon as b finishes, while a still runs: a waits for that (bounded).
  if (workers() < 2) GTEST_SKIP() << "needs two slots";
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  graph_.AddEdge(b, c, graph::kExplicit);
  Plan plan = MakePlan();
  FakeTaskRunner runner(graph_.size());
  absl::Notification c_started;
  std::atomic<bool> a_saw_c{false};
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    if (n == c) c_started.Notify();
    if (n == a) a_saw_c = c_started.WaitForNotificationWithTimeout(absl::Seconds(10));
    return std::nullopt;
  });
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, kTimeout));
  EXPECT_TRUE(a_saw_c.load()) << "c did not start while a was running";
  ExpectEachReportedOnce(plan, observer);
}

}  // namespace
}  // namespace gantry::sched
