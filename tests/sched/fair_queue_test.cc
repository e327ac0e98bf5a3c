// Fairness across limit groups, through the Plan and without threads or time: a group
// with 500 ready components does not starve one with 5; over many random runs no limit is
// exceeded, each component starts after its dependencies and succeeds once, the critical
// path decides inside a signature, and no ready component waits longer than the bound
// the policy gives (docs/scheduler.md, "Fairness across groups"); with no groups, or all
// components in the same ones, the order is exactly the critical path.
#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/graph/graph.h"
#include "core/sched/plan.h"
#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

// The guarantee: while a signature has a ready node, each other signature gets at most
// this many starts, of those made while its groups all have room, before its next start.
constexpr int kFairBound = 2;

TEST(FairQueueTest, FiveInOneGroupStartAmongTheFirstTenBeside500InAnother) {
  graph::Graph graph;
  PlanInput input;
  input.graph = &graph;
  input.max_concurrency = 2;
  input.group_limits = {{"a", 500}, {"b", 5}};  // only the global limit binds
  // Every a-node has a longer remaining path than any b-node: by the critical path alone,
  // all 500 would start first.
  for (int i = 0; i < 500; ++i) {
    graph.AddNode(absl::StrCat("a", i), "a");
    input.nodes.push_back(NodeOptions{{"a"}, 2.0 + (i * 37) % 100, OnFailure::kAbort});
  }
  for (int i = 0; i < 5; ++i) {
    graph.AddNode(absl::StrCat("b", i), "b");
    input.nodes.push_back(NodeOptions{{"b"}, 1.0, OnFailure::kAbort});
  }
  absl::StatusOr<Plan> plan = Plan::Create(input);
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::vector<NodeId> order, running;
  while (!plan->Done()) {
    while (std::optional<NodeId> n = plan->NextToStart()) {
      plan->Started(*n);
      order.push_back(*n);
      running.push_back(*n);
    }
    ASSERT_FALSE(running.empty());
    plan->Finished(running.front(), Outcome::kSucceeded);  // the oldest first
    running.erase(running.begin());
  }
  ASSERT_EQ(order.size(), 505u);
  std::vector<size_t> b_at;  // where each b-node started, 0-based
  std::vector<NodeId> a_order;
  for (size_t i = 0; i < order.size(); ++i) {
    if (graph.name(order[i])[0] == 'b') {
      b_at.push_back(i);
    } else {
      a_order.push_back(order[i]);
    }
  }
  ASSERT_EQ(b_at.size(), 5u);
  for (size_t j = 0; j < b_at.size(); ++j) {
    // The policy's bound: at most kFairBound a-starts before b's first and between two.
    EXPECT_LE(b_at[j], (j + 1) * (kFairBound + 1) - 1) << "b-start " << j;
    // Both always have room, so they alternate: the five b's within the first ten.
    EXPECT_LT(b_at[j], 10u) << "b-start " << j;
    EXPECT_EQ(graph.name(order[b_at[j]]), absl::StrCat("b", j)) << "ties go by name";
  }
  std::vector<NodeId> by_path = a_order;
  std::sort(by_path.begin(), by_path.end(), [&](NodeId x, NodeId y) {
    if (plan->remaining_path(x) != plan->remaining_path(y))
      return plan->remaining_path(x) > plan->remaining_path(y);
    return graph.name(x) < graph.name(y);
  });
  EXPECT_EQ(a_order, by_path) << "inside a group, the critical path decides";
}

// One random run, one event at a time: the plan offers a start, a random running node
// ends (throttled, with `adaptive`, when its adaptive group had more running than a hidden
// capacity as it started), or a deferred one is retried. Checks every promise at each
// start.
void FairRandomRun(uint32_t seed, bool adaptive) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  graph::Graph graph;
  PlanInput input;
  input.graph = &graph;
  input.max_concurrency = uniform(1, 6);
  const int groups = uniform(2, 5);
  std::vector<std::string> group_name;
  std::vector<int32_t> limit;
  for (int g = 0; g < groups; ++g) {
    group_name.push_back(absl::StrCat("g", g));
    limit.push_back(uniform(1, 4));
    input.group_limits[group_name[g]] = limit[g];
  }
  int capacity = 1 << 30;  // of group 0's API, when adaptive
  if (adaptive) {
    input.group_limits.erase(group_name[0]);
    input.adaptive_limits[group_name[0]] = {.min = 1, .max = limit[0] + 2};
    limit[0] += 2;
    capacity = uniform(1, 3);
  }
  const int size = uniform(1, 60);
  std::vector<std::vector<int>> member(size);  // limited groups, sorted
  std::vector<std::vector<NodeId>> preds(size);
  input.selected.assign(size, true);
  for (int n = 0; n < size; ++n) {
    graph.AddNode(absl::StrCat("n", n), "t");
    NodeOptions options;
    options.cost = uniform(0, 6) / 2.0;  // ties, so names decide too
    const int pick = uniform(0, 9);      // no group, one, or two
    const int count = pick < 3 ? 0 : pick < 8 ? 1 : 2;
    while (static_cast<int>(member[n].size()) < std::min(count, groups)) {
      const int g = uniform(0, groups - 1);
      if (std::find(member[n].begin(), member[n].end(), g) != member[n].end()) continue;
      member[n].push_back(g);
      options.groups.push_back(group_name[g]);
    }
    std::sort(member[n].begin(), member[n].end());
    if (uniform(0, 4) == 0) options.groups.push_back("unlimited");  // not in any signature
    input.nodes.push_back(options);
    input.selected[n] = uniform(0, 9) != 0;
    for (int from = 0; from < n; ++from) {
      if (uniform(0, 14) == 0) {
        graph.AddEdge(from, n, graph::kExplicit);
        preds[n].push_back(from);
      }
    }
  }
  absl::StatusOr<Plan> plan = Plan::Create(input);
  ASSERT_TRUE(plan.ok()) << plan.status();

  std::map<std::vector<int>, int> signature_index;
  std::vector<int> signature(size);
  for (int n = 0; n < size; ++n) {
    const int next = static_cast<int>(signature_index.size());
    signature[n] = signature_index.try_emplace(member[n], next).first->second;
  }
  const int signatures = static_cast<int>(signature_index.size());

  enum Status { kWaiting, kRunning, kDeferred, kDone };
  std::vector<Status> status(size, kWaiting);
  std::vector<int> starts(size, 0), successes(size, 0);
  std::vector<int> running_in(groups, 0);
  std::vector<bool> over_capacity(size, false);
  std::vector<NodeId> running, deferred;
  const auto ready = [&](int n) {
    if (!input.selected[n] || status[n] != kWaiting) return false;
    for (NodeId p : preds[n])
      if (input.selected[p] && status[p] != kDone) return false;
    return true;
  };
  const auto fits = [&](int n) {
    for (int g : member[n])
      if (running_in[g] >= limit[g]) return false;
    return true;
  };
  const auto better = [&](NodeId x, NodeId y) {  // the critical path's order
    if (plan->remaining_path(x) != plan->remaining_path(y))
      return plan->remaining_path(x) > plan->remaining_path(y);
    return graph.name(x) < graph.name(y);
  };
  // For a ready node x: starts of x's signature, and of each other one at moments x fit,
  // since x got ready.
  std::vector<int> own(size, 0);
  std::vector<std::vector<int>> others(size, std::vector<int>(signatures, 0));
  // For a signature c: the starts of each other one at moments c was open (a ready node,
  // room in its groups) since c's last start.
  std::vector<std::vector<int>> pair(signatures, std::vector<int>(signatures, 0));

  for (int step = 0; !plan->Done(); ++step) {
    ASSERT_LT(step, 100000) << "the run never ends";
    const int action = uniform(0, 2);
    if (action == 0 || (running.empty() && deferred.empty())) {
      const std::optional<NodeId> next = plan->NextToStart();
      bool could = static_cast<int>(running.size()) < input.max_concurrency;
      bool any = false;
      for (int n = 0; n < size && could && !any; ++n) any = ready(n) && fits(n);
      if (!next) {
        ASSERT_FALSE(any) << "step " << step << ": a slot is free and a ready node fits";
        continue;
      }
      const NodeId y = *next;
      ASSERT_TRUE(could) << "step " << step << ": no global slot for " << y;
      ASSERT_TRUE(ready(y)) << "step " << step << ": " << y << " is not ready";
      ASSERT_TRUE(fits(y)) << "step " << step << ": a group of " << y << " is full";
      const int sy = signature[y];
      std::vector<bool> open(signatures, false);
      for (int x = 0; x < size; ++x) {
        if (x == y || !ready(x)) continue;
        if (signature[x] == sy) {
          ASSERT_FALSE(better(x, y)) << "step " << step << ": " << x << " before " << y
                                     << " in their signature";
          ++own[x];
        } else if (fits(x)) {
          open[signature[x]] = true;
          ASSERT_LE(++others[x][sy], kFairBound * (own[x] + 1))
              << "step " << step << ": node " << x << " waits too long";
        }
      }
      for (int c = 0; c < signatures; ++c) {
        if (open[c]) {
          ASSERT_LE(++pair[c][sy], kFairBound)
              << "step " << step << ": signature " << c << " waits too long for " << sy;
        }
      }
      std::fill(pair[sy].begin(), pair[sy].end(), 0);
      plan->Started(y);
      status[y] = kRunning;
      ++starts[y];
      running.push_back(y);
      for (int g : member[y]) {
        ASSERT_LE(++running_in[g], limit[g]) << group_name[g] << " past its limit";
        if (g == 0 && running_in[g] > capacity) over_capacity[y] = true;
      }
    } else if (action == 1 && !running.empty()) {
      const size_t i = uniform(0, static_cast<int>(running.size()) - 1);
      const NodeId n = running[i];
      running.erase(running.begin() + i);
      for (int g : member[n]) --running_in[g];
      if (over_capacity[n]) {
        over_capacity[n] = false;
        plan->Throttled(n);
        status[n] = kDeferred;
        deferred.push_back(n);
      } else {
        plan->Finished(n, Outcome::kSucceeded);
        status[n] = kDone;
        ++successes[n];
      }
      for (const LimitChange& change : plan->TakeLimitChanges()) {
        ASSERT_EQ(change.group, group_name[0]) << "only group 0 adapts";
        ASSERT_EQ(change.from, limit[0]);
        limit[0] = change.to;
      }
    } else if (!deferred.empty()) {
      const size_t i = uniform(0, static_cast<int>(deferred.size()) - 1);
      const NodeId n = deferred[i];
      deferred.erase(deferred.begin() + i);
      ASSERT_TRUE(plan->Retry(n));
      status[n] = kWaiting;  // ready again: a new wait
      own[n] = 0;
      std::fill(others[n].begin(), others[n].end(), 0);
    }
  }
  for (int n = 0; n < size; ++n) {
    if (!input.selected[n]) {
      EXPECT_EQ(starts[n], 0) << "node " << n << " is not selected";
      continue;
    }
    EXPECT_EQ(successes[n], 1) << "node " << n;
    if (!adaptive) {
      EXPECT_EQ(starts[n], 1) << "node " << n;
    }
  }
}

TEST(FairQueueTest, RandomRunsKeepLimitsDependenciesAndTheFairnessBound) {
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    FairRandomRun(seed, /*adaptive=*/false);
    if (HasFatalFailure()) return;
  }
}

TEST(FairQueueTest, RandomRunsWithAThrottledAdaptiveGroupKeepTheFairnessBound) {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    FairRandomRun(seed, /*adaptive=*/true);
    if (HasFatalFailure()) return;
  }
}

// With no limited groups, or every node in the same ones, there is one signature: each
// start is the ready node with the longest remaining path (ties: the smaller name),
// computed here by brute force from the graph.
TEST(FairQueueTest, WithOneSignatureTheOrderIsTheCriticalPath) {
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    const bool shared_groups = seed % 2 == 0;
    graph::Graph graph;
    PlanInput input;
    input.graph = &graph;
    input.max_concurrency = uniform(1, 6);
    int32_t room = 1 << 30;  // how many may run at once by the groups
    if (shared_groups) {
      input.group_limits = {{"x", uniform(1, 4)}, {"y", uniform(1, 4)}};
      room = std::min(input.group_limits["x"], input.group_limits["y"]);
    }
    const int size = uniform(1, 60);
    std::vector<double> cost(size);
    std::vector<std::vector<NodeId>> preds(size), succs(size);
    for (int n = 0; n < size; ++n) {
      graph.AddNode(absl::StrCat("n", uniform(0, 999), "_", n), "t");  // names not in id order
      cost[n] = uniform(0, 3);
      NodeOptions options;
      options.cost = cost[n];
      if (shared_groups) options.groups = {"y", "x", "t"};  // "t" is not limited
      input.nodes.push_back(options);
      for (int from = 0; from < n; ++from) {
        if (uniform(0, 9) == 0) {
          graph.AddEdge(from, n, graph::kExplicit);
          preds[n].push_back(from);
          succs[from].push_back(n);
        }
      }
    }
    // Longest remaining path, by brute force (ids are a topological order).
    std::vector<double> path(size);
    for (int n = size - 1; n >= 0; --n) {
      double longest = 0;
      for (NodeId s : succs[n]) longest = std::max(longest, path[s]);
      path[n] = cost[n] + longest;
    }
    absl::StatusOr<Plan> plan = Plan::Create(input);
    ASSERT_TRUE(plan.ok()) << plan.status();
    std::vector<bool> started(size, false), done(size, false);
    std::vector<NodeId> running;
    for (int step = 0; !plan->Done(); ++step) {
      ASSERT_LT(step, 100000) << "the run never ends";
      if (uniform(0, 1) == 0 || running.empty()) {
        std::optional<NodeId> best;
        if (static_cast<int>(running.size()) < std::min(input.max_concurrency, room)) {
          for (int n = 0; n < size; ++n) {
            if (started[n]) continue;
            bool ready = true;
            for (NodeId p : preds[n]) ready = ready && done[p];
            if (!ready) continue;
            if (!best || path[n] > path[*best] ||
                (path[n] == path[*best] && graph.name(n) < graph.name(*best)))
              best = n;
          }
        }
        ASSERT_EQ(plan->NextToStart(), best) << "step " << step;
        if (!best) continue;
        plan->Started(*best);
        started[*best] = true;
        running.push_back(*best);
      } else {
        const size_t i = uniform(0, static_cast<int>(running.size()) - 1);
        plan->Finished(running[i], Outcome::kSucceeded);
        done[running[i]] = true;
        running.erase(running.begin() + i);
      }
    }
    EXPECT_EQ(std::count(started.begin(), started.end(), true), size);
  }
}

}  // namespace
}  // namespace gantry::sched
