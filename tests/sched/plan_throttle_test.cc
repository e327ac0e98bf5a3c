// Throttling in the plan, without threads or time: a throttled node gives its slots back
// and waits deferred; adaptive groups are cut and raised; and over many random graphs
// driven against a simulated API that throttles past a hidden capacity, no limit is
// exceeded, every node succeeds once, and the run ends.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/graph/graph.h"
#include "core/sched/plan.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

using ::testing::ElementsAre;

}  // namespace

void PrintTo(const LimitChange& change, std::ostream* out) {
  *out << change.group << " " << change.from << "->" << change.to;
}

namespace {

// Four independent nodes in the adaptive group "aws" (max 4).
struct FourInAws {
  FourInAws() {
    for (int n = 0; n < 4; ++n) graph.AddNode(absl::StrCat("n", n), "t");
    input.graph = &graph;
    input.max_concurrency = 8;
    input.adaptive_limits["aws"] = AdaptiveLimitOptions{.min = 1, .max = 4};
    input.nodes.assign(4, NodeOptions{});
    for (NodeOptions& options : input.nodes) options.groups = {"aws"};
  }
  graph::Graph graph;
  PlanInput input;
};

TEST(PlanThrottleTest, AThrottledNodeGivesItsSlotBackAndWaitsUntilRetried) {
  FourInAws f;
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok()) << plan.status();
  for (int i = 0; i < 4; ++i) plan->Started(*plan->NextToStart());
  EXPECT_EQ(plan->NextToStart(), std::nullopt);
  plan->Throttled(0);
  EXPECT_EQ(plan->state(0), NodeState::kDeferred);
  EXPECT_EQ(plan->running(), 3);
  EXPECT_THAT(plan->TakeLimitChanges(), ElementsAre(LimitChange{"aws", 4, 2}));
  plan->Throttled(1);  // started under 4 as well: the same news, no second cut
  EXPECT_THAT(plan->TakeLimitChanges(), ::testing::IsEmpty());
  EXPECT_EQ(plan->NextToStart(), std::nullopt) << "deferred: not ready";
  EXPECT_TRUE(plan->Retry(0));
  EXPECT_TRUE(plan->Retry(1));
  EXPECT_EQ(plan->NextToStart(), std::nullopt) << "two run, the limit is two now";
  plan->Finished(2, Outcome::kSucceeded);
  EXPECT_EQ(plan->NextToStart(), 0) << "one runs of two";
  plan->Started(0);
  EXPECT_EQ(plan->NextToStart(), std::nullopt);
  plan->Finished(3, Outcome::kSucceeded);
  EXPECT_THAT(plan->TakeLimitChanges(), ::testing::IsEmpty())
      << "2 and 3 were admitted under 4: their successes say nothing of 2";
  EXPECT_EQ(plan->NextToStart(), 1) << "two may run with node 0 now";
  plan->Started(1);
  plan->Finished(0, Outcome::kSucceeded);
  plan->Finished(1, Outcome::kSucceeded);
  EXPECT_THAT(plan->TakeLimitChanges(), ElementsAre(LimitChange{"aws", 2, 3}))
      << "a round of two successes started under two";
  EXPECT_TRUE(plan->Done());
}

TEST(PlanThrottleTest, ANodeStartedUnderTheCutLimitCutsAgain) {
  FourInAws f;
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  for (int i = 0; i < 4; ++i) plan->Started(*plan->NextToStart());
  plan->Throttled(0);  // 4 -> 2
  plan->Finished(1, Outcome::kSucceeded);
  plan->Finished(2, Outcome::kSucceeded);
  ASSERT_TRUE(plan->Retry(0));
  ASSERT_EQ(plan->NextToStart(), 0);
  plan->Started(0);  // under 2
  plan->Throttled(0);
  EXPECT_THAT(plan->TakeLimitChanges(),
              ElementsAre(LimitChange{"aws", 4, 2}, LimitChange{"aws", 2, 1}))
      << "the successes of two admitted under 4 did not raise it; a node started under "
         "the lower limit cut it again";
}

TEST(PlanThrottleTest, CancelSkipsADeferredNodeAndItsRetryChangesNothing) {
  FourInAws f;
  absl::StatusOr<Plan> plan = Plan::Create(f.input);
  ASSERT_TRUE(plan.ok());
  plan->Started(*plan->NextToStart());
  const NodeId first = 0;
  ASSERT_EQ(plan->state(first), NodeState::kRunning);
  plan->Throttled(first);
  const std::vector<NodeId> skipped = plan->Cancel();
  EXPECT_NE(std::find(skipped.begin(), skipped.end(), first), skipped.end());
  EXPECT_FALSE(plan->Retry(first));
  EXPECT_EQ(plan->state(first), NodeState::kSkipped);
  EXPECT_TRUE(plan->Done());
}

TEST(PlanThrottleTest, AGroupBothFixedAndAdaptiveIsRefused) {
  FourInAws f;
  f.input.group_limits["aws"] = 2;
  EXPECT_THAT(Plan::Create(f.input).status().message(),
              ::testing::HasSubstr("'aws' is both fixed and adaptive"));
  FourInAws g;
  g.input.adaptive_limits["aws"] = AdaptiveLimitOptions{.min = 5, .max = 4};
  EXPECT_THAT(Plan::Create(g.input).status().message(),
              ::testing::HasSubstr("'aws' needs 1 <= min (5) <= start (4) <= max (4)"));
}

// A random DAG over 1..80 nodes in two adaptive groups and one fixed one, run one event at
// a time: start what the plan offers, finish a random running node (throttled when, as it
// started, its adaptive group had more running than the API's hidden capacity), or retry
// a random deferred one.
TEST(PlanThrottleTest, RandomRunsAgainstAThrottlingApiKeepEveryPromise) {
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    graph::Graph graph;
    const int size = uniform(1, 80);
    PlanInput input;
    input.graph = &graph;
    input.max_concurrency = uniform(1, 12);
    const std::vector<std::string> groups = {"aws", "gcp", "fixed"};
    const int aws_max = uniform(1, 10), gcp_max = uniform(1, 10);
    input.adaptive_limits["aws"] = {.min = 1, .max = aws_max};
    input.adaptive_limits["gcp"] = {.min = std::min(2, gcp_max), .max = gcp_max};
    input.group_limits["fixed"] = uniform(1, 3);
    const std::vector<int> capacity = {uniform(1, 6), uniform(1, 6), 1 << 30};
    std::vector<std::vector<int>> member(size);
    for (int n = 0; n < size; ++n) {
      graph.AddNode(absl::StrCat("n", n), "t");
      NodeOptions options;
      for (int g = 0; g < 3; ++g) {
        if (uniform(0, 2) == 0) {
          options.groups.push_back(groups[g]);
          member[n].push_back(g);
        }
      }
      input.nodes.push_back(options);
      for (int from = 0; from < n; ++from)
        if (uniform(0, 19) == 0) graph.AddEdge(from, n, graph::kExplicit);
    }
    absl::StatusOr<Plan> plan = Plan::Create(input);
    ASSERT_TRUE(plan.ok()) << plan.status();
    std::vector<int> running_in(3, 0);
    std::vector<bool> over_capacity(size, false);
    std::vector<int> successes(size, 0);
    std::vector<NodeId> running, deferred;
    std::vector<int32_t> limit = {aws_max, gcp_max, input.group_limits["fixed"]};
    const auto limit_of = [&](const std::string& name) {
      return limit[std::find(groups.begin(), groups.end(), name) - groups.begin()];
    };
    for (int step = 0; !plan->Done(); ++step) {
      ASSERT_LT(step, 100000) << "the run never ends";
      const int action = uniform(0, 2);
      if (action == 0 || (running.empty() && deferred.empty())) {
        const std::optional<NodeId> next = plan->NextToStart();
        if (!next) continue;
        plan->Started(*next);
        running.push_back(*next);
        for (int g : member[*next]) {
          ++running_in[g];
          ASSERT_LE(running_in[g], limit[g]) << groups[g] << " past its limit";
          if (running_in[g] > capacity[g]) over_capacity[*next] = true;
        }
      } else if (action == 1 && !running.empty()) {
        const size_t i = uniform(0, static_cast<int>(running.size()) - 1);
        const NodeId n = running[i];
        running.erase(running.begin() + i);
        for (int g : member[n]) --running_in[g];
        if (over_capacity[n]) {
          over_capacity[n] = false;
          plan->Throttled(n);
          deferred.push_back(n);
        } else {
          plan->Finished(n, Outcome::kSucceeded);
          ++successes[n];
        }
      } else if (!deferred.empty()) {
        const size_t i = uniform(0, static_cast<int>(deferred.size()) - 1);
        ASSERT_TRUE(plan->Retry(deferred[i]));
        deferred.erase(deferred.begin() + i);
      }
      for (const LimitChange& change : plan->TakeLimitChanges()) {
        ASSERT_EQ(change.from, limit_of(change.group)) << change.group;
        ASSERT_NE(change.from, change.to);
        const AdaptiveLimitOptions& options = input.adaptive_limits.at(change.group);
        ASSERT_GE(change.to, options.min);
        ASSERT_LE(change.to, options.max);
        limit[std::find(groups.begin(), groups.end(), change.group) - groups.begin()] = change.to;
      }
    }
    for (int n = 0; n < size; ++n) EXPECT_EQ(successes[n], 1) << "node " << n;
    for (const auto& [name, now] : plan->GroupLimits()) EXPECT_EQ(now, limit_of(name)) << name;
  }
}

}  // namespace
}  // namespace gantry::sched
