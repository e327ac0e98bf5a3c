// Checks shared by the Executor tests: what a finished run must look like.
#ifndef GANTRY_TESTS_SCHED_RUN_CHECKS_H_
#define GANTRY_TESTS_SCHED_RUN_CHECKS_H_

#include <atomic>
#include <vector>

#include "core/sched/plan.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sched/fake_task_runner.h"
#include "tests/sched/recording_observer.h"

namespace gantry::sched {

/// Every selected node was reported exactly once (OnStart + OnFinish, or OnSkip alone),
/// consistently with its final state; unselected ones never; no slot was misused.
inline void ExpectEachReportedOnce(const Plan& plan, const RecordingObserver& observer) {
  using Event = RecordingObserver::Event;
  const size_t size = plan.size();
  std::vector<int> starts(size), finishes(size), skips(size);
  std::vector<Outcome> outcome(size, Outcome::kSucceeded);
  std::vector<NodeId> cause(size, -2);
  for (const Event& e : observer.events()) {
    if (e.kind == Event::kStart) ++starts[e.node];
    if (e.kind == Event::kFinish) ++finishes[e.node], outcome[e.node] = e.outcome;
    if (e.kind == Event::kSkip) ++skips[e.node], cause[e.node] = e.cause;
  }
  EXPECT_TRUE(plan.Done());
  for (const std::string& problem : observer.problems()) ADD_FAILURE() << problem;
  for (NodeId n = 0; n < static_cast<NodeId>(size); ++n) {
    SCOPED_TRACE(testing::Message() << "node " << n << " " << NodeStateName(plan.state(n)));
    switch (plan.state(n)) {
      case NodeState::kSucceeded:
      case NodeState::kFailed:
      case NodeState::kCancelled:
        EXPECT_EQ(starts[n], 1);
        EXPECT_EQ(finishes[n], 1);
        EXPECT_EQ(skips[n], 0);
        EXPECT_EQ(plan.state(n) == NodeState::kSucceeded, outcome[n] == Outcome::kSucceeded);
        EXPECT_EQ(plan.state(n) == NodeState::kCancelled, outcome[n] == Outcome::kCancelled);
        break;
      case NodeState::kSkipped:
        EXPECT_EQ(starts[n] + finishes[n], 0);
        EXPECT_EQ(skips[n], 1);
        EXPECT_EQ(cause[n], plan.skip_cause(n));
        break;
      case NodeState::kNotSelected:
        EXPECT_EQ(starts[n] + finishes[n] + skips[n], 0);
        break;
      case NodeState::kPending:
      case NodeState::kRunning:
      case NodeState::kDeferred:
        ADD_FAILURE() << "not ended";
        break;
    }
  }
}

/// No OnStart after the first OnFinish(kFailed) of a node in `aborting`.
inline void ExpectNoStartAfterAbort(const RecordingObserver& observer,
                                    const std::vector<bool>& aborting) {
  bool aborted = false;
  for (const RecordingObserver::Event& e : observer.events()) {
    if (e.kind == RecordingObserver::Event::kStart) {
      EXPECT_FALSE(aborted) << "node " << e.node << " started after an abort failure";
    }
    if (e.kind == RecordingObserver::Event::kFinish && e.outcome == Outcome::kFailed &&
        aborting[e.node]) {
      aborted = true;
    }
  }
}

/// A run whose nodes came back throttled or busy `deferred[n]` times each and then all
/// succeeded: no observer problem, every node ran once per deferral plus once to its end,
/// and no limit was exceeded (`group_limits[g]`: the most group g ever allows).
inline void ExpectEverySucceededAfterDeferrals(const Plan& plan, const FakeTaskRunner& runner,
                                               const RecordingObserver& observer,
                                               const std::vector<std::atomic<int>>& deferred,
                                               int max_concurrency,
                                               const std::vector<int>& group_limits) {
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  EXPECT_LE(runner.max_running(), max_concurrency);
  for (size_t g = 0; g < group_limits.size(); ++g)
    EXPECT_LE(runner.group_max(static_cast<int>(g)), group_limits[g]) << "group " << g;
  for (NodeId n = 0; n < static_cast<NodeId>(plan.size()); ++n) {
    EXPECT_EQ(plan.state(n), NodeState::kSucceeded) << "node " << n;
    EXPECT_EQ(runner.runs(n), deferred[n].load() + 1) << "node " << n << " ran once to its end";
  }
}

}  // namespace gantry::sched

#endif  // GANTRY_TESTS_SCHED_RUN_CHECKS_H_
