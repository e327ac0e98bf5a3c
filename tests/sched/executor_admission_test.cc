// The executor explains every wait: a ready node that does not start is said to wait,
// with the limit that holds it; its admission says how long it waited and why; groups'
// limits and loads are reported as they change.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/graph/graph.h"
#include "core/sched/executor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sched/fake_task_runner.h"
#include "tests/sched/recording_observer.h"
#include "tests/sched/run_within.h"

namespace gantry::sched {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::Field;

// Three nodes of group "g" (limit 1) and "free", at -j 4: the second and third of g wait
// for the group, not for the run.
TEST(ExecutorAdmissionTest, NodesHeldByAFullGroupAreSaidToWaitForItAndForHowLong) {
  graph::Graph graph;
  PlanInput input;
  input.graph = &graph;
  input.max_concurrency = 4;
  input.group_limits["g"] = 1;
  for (const char* name : {"a", "b", "c", "free"}) {
    graph.AddNode(name, "t");
    NodeOptions options;
    if (std::string(name) != "free") options.groups = {"g"};
    input.nodes.push_back(options);
  }
  absl::StatusOr<Plan> plan = Plan::Create(input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(4);
  RecordingObserver observer;
  runner.SetHook([&](NodeId node) -> std::optional<Outcome> {
    // The first of g runs until the other two were said to wait (5 s at most): on a
    // loaded machine the executor may otherwise look again only after it finished, and
    // then the second starts at once, never having waited.
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    while (node != graph.Find("free") && observer.waitings().size() < 2 && absl::Now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return std::nullopt;
  });
  Executor executor(*plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30)));
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());

  // Two of a, b, c are said to wait for g; "free" never waits.
  int waiting_for_g = 0;
  for (const RecordingObserver::Waiting& w : observer.waitings()) {
    EXPECT_NE(w.node, graph.Find("free"));
    EXPECT_EQ(w.why, WaitReason::kGroupLimit);
    EXPECT_EQ(w.group, "g");
    ++waiting_for_g;
  }
  EXPECT_EQ(waiting_for_g, 2);
  // The last of g waited about two runs (60 ms), all of it for the group.
  WaitTimes longest{};
  for (const RecordingObserver::Admission& a : observer.admissions())
    if (TotalWait(a.waited) > TotalWait(longest)) longest = a.waited;
  EXPECT_GE(TotalWait(longest), absl::Milliseconds(55));
  EXPECT_EQ(DominantReason(longest), WaitReason::kGroupLimit);
  EXPECT_GE(longest[static_cast<size_t>(WaitReason::kGroupLimit)], absl::Milliseconds(55));
  // g's load: never past its limit, up and down three times.
  const std::vector<RecordingObserver::Load> loads = observer.loads();
  EXPECT_THAT(loads, Each(Field(&RecordingObserver::Load::group, "g")));
  EXPECT_THAT(loads, Each(Field(&RecordingObserver::Load::limit, 1)));
  int starts = 0;
  for (const RecordingObserver::Load& load : loads) {
    EXPECT_LE(load.running, 1);
    starts += load.running == 1;
  }
  EXPECT_EQ(starts, 3);
}

TEST(ExecutorAdmissionTest, AnAdaptiveGroupsLimitChangesAreReported) {
  graph::Graph graph;
  PlanInput input;
  input.graph = &graph;
  input.max_concurrency = 4;
  input.adaptive_limits["api"] = AdaptiveLimitOptions{.min = 1, .max = 4};
  for (int n = 0; n < 4; ++n) {
    graph.AddNode(absl::StrCat("n", n), "t");
    input.nodes.push_back(NodeOptions{.groups = {"api"}});
  }
  absl::StatusOr<Plan> plan = Plan::Create(input);
  ASSERT_TRUE(plan.ok());
  FakeTaskRunner runner(4);
  std::atomic<int> calls = 0;
  runner.SetHook([&](NodeId) -> std::optional<Outcome> {
    return ++calls == 1 ? std::optional(Outcome::kThrottled) : std::nullopt;
  });
  RecordingObserver observer;
  Executor executor(*plan, runner, observer,
                    Backoff{absl::Milliseconds(1), absl::Milliseconds(1)});
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30)));
  EXPECT_THAT(observer.problems(), ::testing::IsEmpty());
  EXPECT_THAT(observer.limit_changes(), Contains(LimitChange{"api", 4, 2}));
  // The throttled node's wait after its throttle is its back-off's.
  bool backoff = false;
  for (const RecordingObserver::Admission& a : observer.admissions())
    backoff = backoff || a.waited[static_cast<size_t>(WaitReason::kBackoff)] > absl::ZeroDuration();
  EXPECT_TRUE(backoff);
}

}  // namespace
}  // namespace gantry::sched
