#include "core/sched/plan.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::sched {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

class PlanTest : public ::testing::Test {
 protected:
  /// Adds a node in the group of its type (limits apply only to limited groups).
  NodeId Add(const std::string& name, double cost = 1.0, const std::string& type = "t") {
    options_.push_back(NodeOptions{{type}, cost, OnFailure::kAbort});
    return graph_.AddNode(name, type);
  }
  /// `before` must finish before `after` starts (`after` depends on `before`).
  void Edge(NodeId before, NodeId after) {
    graph_.AddEdge(before, after, graph::kExplicit);
  }
  Plan Make() {
    input_.graph = &graph_;
    input_.nodes = options_;
    absl::StatusOr<Plan> plan = Plan::Create(input_);
    EXPECT_TRUE(plan.ok()) << plan.status();
    return *std::move(plan);
  }
  std::string Name(NodeId n) const { return graph_.name(n); }
  std::vector<std::string> Names(const std::vector<NodeId>& nodes) const {
    std::vector<std::string> out;
    for (NodeId n : nodes) out.push_back(Name(n));
    return out;
  }
  /// Starts every node the plan lets start now; their names in start order.
  std::vector<std::string> StartAll(Plan& plan) const {
    std::vector<std::string> out;
    while (std::optional<NodeId> n = plan.NextToStart()) {
      plan.Started(*n);
      out.push_back(Name(*n));
    }
    return out;
  }
  /// Runs the plan to the end as a driver would, finishing the oldest running node
  /// first; `outcomes` overrides kSucceeded by name. The start order.
  std::vector<std::string> Drain(Plan& plan,
                                 const std::map<std::string, Outcome>& outcomes = {}) const {
    std::vector<std::string> order, running;
    while (!plan.Done()) {
      for (std::string& name : StartAll(plan)) {
        running.push_back(name);
        order.push_back(std::move(name));
      }
      if (running.empty()) {
        ADD_FAILURE() << "not done, yet nothing runs or may start";
        break;
      }
      const std::string name = running.front();
      running.erase(running.begin());
      auto it = outcomes.find(name);
      plan.Finished(graph_.Find(name), it == outcomes.end() ? Outcome::kSucceeded : it->second);
    }
    return order;
  }

  graph::Graph graph_;
  std::vector<NodeOptions> options_;
  PlanInput input_;
};

TEST_F(PlanTest, ChainRunsInOrder) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  Edge(a, b);
  Edge(b, c);
  input_.max_concurrency = 3;
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("a"));
  plan.Finished(a, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("b"));
  EXPECT_FALSE(plan.Done());
  plan.Finished(b, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("c"));
  plan.Finished(c, Outcome::kSucceeded);
  EXPECT_TRUE(plan.Done());
  for (NodeId n : {a, b, c}) EXPECT_EQ(plan.state(n), NodeState::kSucceeded);
}

TEST_F(PlanTest, DiamondJoinWaitsForBothBranches) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c"), d = Add("d");
  Edge(a, b);
  Edge(a, c);
  Edge(b, d);
  Edge(c, d);
  input_.max_concurrency = 4;
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("a"));
  plan.Finished(a, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("b", "c"));
  plan.Finished(c, Outcome::kSucceeded);
  EXPECT_EQ(plan.NextToStart(), std::nullopt);  // d still waits for b
  plan.Finished(b, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("d"));
  plan.Finished(d, Outcome::kSucceeded);
  EXPECT_TRUE(plan.Done());
}

TEST_F(PlanTest, TiesBreakByName) {
  Add("charlie");
  Add("alpha");
  Add("bravo");
  Plan plan = Make();
  EXPECT_THAT(Drain(plan), ElementsAre("alpha", "bravo", "charlie"));
}

TEST_F(PlanTest, LongestRemainingPathStartsFirst) {
  // a(1) -> b(10): 11 to go; z(5): 5; w(1) -> v(1) -> u(1): 3.
  NodeId a = Add("a", 1), b = Add("b", 10), z = Add("z", 5);
  NodeId w = Add("w", 1), v = Add("v", 1), u = Add("u", 1);
  Edge(a, b);
  Edge(w, v);
  Edge(v, u);
  Plan plan = Make();
  EXPECT_DOUBLE_EQ(plan.remaining_path(a), 11);
  EXPECT_DOUBLE_EQ(plan.remaining_path(b), 10);
  EXPECT_DOUBLE_EQ(plan.remaining_path(z), 5);
  EXPECT_DOUBLE_EQ(plan.remaining_path(w), 3);
  EXPECT_DOUBLE_EQ(plan.remaining_path(u), 1);
  EXPECT_THAT(Drain(plan), ElementsAre("a", "b", "z", "w", "v", "u"));
}

TEST_F(PlanTest, LongerChainBeatsSmallerName) {
  // With default costs, a three-node chain goes before a lone "a" until one node is left.
  Add("a");
  NodeId x = Add("x"), y = Add("y"), z = Add("z");
  Edge(x, y);
  Edge(y, z);
  Plan plan = Make();
  EXPECT_THAT(Drain(plan), ElementsAre("x", "y", "a", "z"));
}

TEST_F(PlanTest, RemainingPathTakesTheLongestBranch) {
  NodeId r = Add("r", 1), cheap = Add("cheap", 1), dear = Add("dear", 7), end = Add("end", 2);
  Edge(r, cheap);
  Edge(r, dear);
  Edge(cheap, end);
  Edge(dear, end);
  Plan plan = Make();
  EXPECT_DOUBLE_EQ(plan.remaining_path(r), 10);
  EXPECT_DOUBLE_EQ(plan.remaining_path(cheap), 3);
}

TEST_F(PlanTest, GlobalLimitCapsRunningNodes) {
  for (const char* name : {"a", "b", "c", "d", "e"}) Add(name);
  input_.max_concurrency = 2;
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("a", "b"));
  EXPECT_EQ(plan.running(), 2);
  plan.Finished(graph_.Find("b"), Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("c"));
}

TEST_F(PlanTest, GroupLimitCapsItsNodes) {
  for (const char* name : {"a", "b", "c"}) Add(name, 1, "terraform");
  Add("d", 1, "ansible");
  input_.max_concurrency = 8;
  input_.group_limits = {{"terraform", 2}};
  Plan plan = Make();
  // d before b: the ungrouped nodes have had no start yet (fairness across groups).
  EXPECT_THAT(StartAll(plan), ElementsAre("a", "d", "b"));
  plan.Finished(graph_.Find("a"), Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("c"));
}

TEST_F(PlanTest, FullGroupDoesNotBlockOtherReadyNodes) {
  // t1 and t2 have the longest paths, but terraform allows one at a time: z must not wait
  // behind t2.
  NodeId t1 = Add("t1", 5, "terraform");
  Add("t2", 5, "terraform");
  Add("z", 1, "ansible");
  input_.max_concurrency = 3;
  input_.group_limits = {{"terraform", 1}};
  Plan plan = Make();
  EXPECT_EQ(plan.NextToStart(), t1);
  plan.Started(t1);
  EXPECT_EQ(plan.NextToStart(), graph_.Find("z"));
  EXPECT_THAT(StartAll(plan), ElementsAre("z"));
  plan.Finished(t1, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("t2"));
}

TEST_F(PlanTest, NodeNeedsASlotInEveryGroup) {
  NodeId both = Add("both", 9);
  options_[both].groups = {"terraform", "network"};
  NodeId tf = Add("tf", 1, "terraform");
  NodeId net = Add("net", 1, "network");
  input_.max_concurrency = 3;
  input_.group_limits = {{"terraform", 1}, {"network", 1}};
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("both"));
  plan.Finished(both, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("net", "tf"));
  plan.Finished(tf, Outcome::kSucceeded);
  plan.Finished(net, Outcome::kSucceeded);
  EXPECT_TRUE(plan.Done());
}

TEST_F(PlanTest, GroupNamedTwiceCountsOnce) {
  NodeId a = Add("a", 1, "web");
  options_[a].groups = {"web", "web"};
  input_.group_limits = {{"web", 1}};
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("a"));
}

TEST_F(PlanTest, FailFastSkipsEverythingNotStartedAndLetsRunningFinish) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c"), d = Add("d");
  Edge(a, c);  // a: 2 to go; b, d: 1
  input_.max_concurrency = 2;
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("a", "b"));
  EXPECT_THAT(Names(plan.Finished(a, Outcome::kFailed)), UnorderedElementsAre("c", "d"));
  EXPECT_TRUE(plan.stopped());
  EXPECT_EQ(plan.NextToStart(), std::nullopt);
  EXPECT_EQ(plan.skip_cause(c), a);
  EXPECT_EQ(plan.skip_cause(d), a);
  EXPECT_FALSE(plan.Done());  // b is still running
  EXPECT_THAT(plan.Finished(b, Outcome::kSucceeded), IsEmpty());
  EXPECT_TRUE(plan.Done());
  EXPECT_EQ(plan.state(a), NodeState::kFailed);
  EXPECT_EQ(plan.state(b), NodeState::kSucceeded);
  EXPECT_EQ(plan.state(c), NodeState::kSkipped);
}

TEST_F(PlanTest, SecondFailureKeepsTheFirstCause) {
  NodeId a = Add("a"), b = Add("b");
  Add("c");
  input_.max_concurrency = 2;
  Plan plan = Make();
  StartAll(plan);
  plan.Finished(a, Outcome::kFailed);
  EXPECT_THAT(plan.Finished(b, Outcome::kFailed), IsEmpty());
  EXPECT_EQ(plan.skip_cause(graph_.Find("c")), a);
  EXPECT_EQ(plan.state(b), NodeState::kFailed);
}

TEST_F(PlanTest, KeepGoingRunsEverythingNotDownstream) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c"), d = Add("d"), e = Add("e");
  Edge(a, c);
  Edge(c, e);
  Edge(b, d);
  input_.failure_policy = FailurePolicy::kKeepGoing;
  Plan plan = Make();
  EXPECT_THAT(Drain(plan, {{"a", Outcome::kFailed}}), ElementsAre("a", "b", "d"));
  EXPECT_EQ(plan.state(c), NodeState::kSkipped);
  EXPECT_EQ(plan.state(e), NodeState::kSkipped);
  EXPECT_EQ(plan.skip_cause(c), a);
  EXPECT_EQ(plan.skip_cause(e), a);
  EXPECT_EQ(plan.state(d), NodeState::kSucceeded);
  EXPECT_EQ(plan.state(b), NodeState::kSucceeded);
}

TEST_F(PlanTest, SkipDependentsSkipsOnlyDownstreamWithoutKeepGoing) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  Edge(a, b);
  options_[a].on_failure = OnFailure::kSkipDependents;
  Plan plan = Make();
  EXPECT_THAT(Drain(plan, {{"a", Outcome::kFailed}}), ElementsAre("a", "c"));
  EXPECT_FALSE(plan.stopped());
  EXPECT_EQ(plan.state(b), NodeState::kSkipped);
  EXPECT_EQ(plan.skip_cause(b), a);
  EXPECT_EQ(plan.state(c), NodeState::kSucceeded);
}

TEST_F(PlanTest, IgnoreLetsDependentsRunAndStaysFailed) {
  NodeId a = Add("a"), b = Add("b");
  Edge(a, b);
  options_[a].on_failure = OnFailure::kIgnore;
  Plan plan = Make();
  EXPECT_THAT(Drain(plan, {{"a", Outcome::kFailed}}), ElementsAre("a", "b"));
  EXPECT_EQ(plan.state(a), NodeState::kFailed);
  EXPECT_EQ(plan.state(b), NodeState::kSucceeded);
}

TEST_F(PlanTest, CancelledOutcomeSkipsItsDownstream) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  Edge(a, b);
  Plan plan = Make();
  EXPECT_THAT(Drain(plan, {{"a", Outcome::kCancelled}}), ElementsAre("a", "c"));
  EXPECT_EQ(plan.state(c), NodeState::kSucceeded);
  EXPECT_EQ(plan.state(a), NodeState::kCancelled);
  EXPECT_EQ(plan.skip_cause(b), a);
}

TEST_F(PlanTest, ReverseRunsTheExactReverseOfAChain) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c"), d = Add("d");
  Edge(a, b);
  Edge(b, c);
  Edge(c, d);
  input_.direction = Direction::kReverse;
  input_.max_concurrency = 4;
  Plan plan = Make();
  EXPECT_DOUBLE_EQ(plan.remaining_path(d), 4);
  EXPECT_THAT(Drain(plan), ElementsAre("d", "c", "b", "a"));
}

TEST_F(PlanTest, ReverseWaitsForEveryDependent) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c"), d = Add("d");
  Edge(a, b);
  Edge(a, c);
  Edge(b, d);
  Edge(c, d);
  input_.direction = Direction::kReverse;
  input_.max_concurrency = 4;
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("d"));
  plan.Finished(d, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("b", "c"));
  plan.Finished(b, Outcome::kSucceeded);
  EXPECT_EQ(plan.NextToStart(), std::nullopt);  // a still has a live dependent: c
  plan.Finished(c, Outcome::kSucceeded);
  EXPECT_THAT(StartAll(plan), ElementsAre("a"));
}

TEST_F(PlanTest, UnselectedPredecessorsAreSatisfied) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  Edge(a, b);
  Edge(b, c);
  input_.selected = {true, false, true};
  input_.max_concurrency = 2;
  Plan plan = Make();
  EXPECT_EQ(plan.selected_count(), 2u);
  EXPECT_EQ(plan.state(b), NodeState::kNotSelected);
  EXPECT_THAT(StartAll(plan), ElementsAre("a", "c"));  // c does not wait for a through b
  plan.Finished(a, Outcome::kSucceeded);
  plan.Finished(c, Outcome::kSucceeded);
  EXPECT_TRUE(plan.Done());
  EXPECT_EQ(plan.state(b), NodeState::kNotSelected);
}

TEST_F(PlanTest, FailureDoesNotReachThroughUnselectedNodes) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  Edge(a, b);
  Edge(b, c);
  input_.selected = {true, false, true};
  input_.failure_policy = FailurePolicy::kKeepGoing;
  Plan plan = Make();
  Drain(plan, {{"a", Outcome::kFailed}});
  EXPECT_EQ(plan.state(c), NodeState::kSucceeded);
}

TEST_F(PlanTest, CancelSkipsNotStartedAndLetsRunningFinish) {
  NodeId a = Add("a"), b = Add("b"), c = Add("c");
  Edge(a, c);
  input_.max_concurrency = 1;
  Plan plan = Make();
  EXPECT_THAT(StartAll(plan), ElementsAre("a"));
  EXPECT_THAT(Names(plan.Cancel()), UnorderedElementsAre("b", "c"));
  EXPECT_TRUE(plan.cancelled());
  EXPECT_EQ(plan.skip_cause(b), kCancelCause);
  EXPECT_EQ(plan.skip_cause(c), kCancelCause);
  EXPECT_THAT(plan.Cancel(), IsEmpty());  // idempotent
  EXPECT_EQ(plan.NextToStart(), std::nullopt);
  EXPECT_FALSE(plan.Done());
  plan.Finished(a, Outcome::kSucceeded);
  EXPECT_TRUE(plan.Done());
  EXPECT_EQ(plan.state(a), NodeState::kSucceeded);
}

TEST_F(PlanTest, SameGraphSameOrderWithOneSlot) {
  // The order depends on names and edges only: not on run, nor on insertion order.
  auto build = [](bool reversed_insertion) {
    graph::Graph g;
    std::vector<std::string> names;
    for (int i = 0; i < 30; ++i) names.push_back("n" + std::to_string(i));
    if (reversed_insertion) std::reverse(names.begin(), names.end());
    for (const std::string& name : names) g.AddNode(name, "t");
    for (int i = 0; i < 30; ++i) {
      for (int j : {i * 7 % 30, (i * 11 + 3) % 30}) {
        if (j > i) {
          g.AddEdge(g.Find("n" + std::to_string(i)), g.Find("n" + std::to_string(j)),
                    graph::kExplicit);
        }
      }
    }
    return g;
  };
  auto order = [](const graph::Graph& g) {
    PlanInput input;
    input.graph = &g;
    Plan plan = *Plan::Create(input);
    std::vector<std::string> out;
    while (std::optional<NodeId> n = plan.NextToStart()) {
      plan.Started(*n);
      out.push_back(g.name(*n));
      plan.Finished(*n, Outcome::kSucceeded);
    }
    EXPECT_TRUE(plan.Done());
    return out;
  };
  const graph::Graph g = build(false);
  const std::vector<std::string> first = order(g);
  EXPECT_EQ(first.size(), 30u);
  for (int run = 0; run < 5; ++run) EXPECT_EQ(order(g), first);
  EXPECT_EQ(order(build(true)), first);
}

TEST_F(PlanTest, EmptySelectionIsDoneAtOnce) {
  Add("a");
  input_.selected = {false};
  Plan plan = Make();
  EXPECT_TRUE(plan.Done());
  EXPECT_EQ(plan.NextToStart(), std::nullopt);
}

TEST_F(PlanTest, RejectsCycle) {
  NodeId a = Add("a"), b = Add("b");
  Edge(a, b);
  Edge(b, a);
  input_.graph = &graph_;
  absl::StatusOr<Plan> plan = Plan::Create(input_);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(plan.status().message()), ::testing::HasSubstr("cycle"));
}

TEST_F(PlanTest, CycleOutsideTheSelectionIsFine) {
  NodeId a = Add("a"), b = Add("b");
  Add("c");
  Edge(a, b);
  Edge(b, a);
  input_.selected = {true, false, true};
  Plan plan = Make();
  EXPECT_THAT(Drain(plan), ElementsAre("a", "c"));
}

TEST_F(PlanTest, RejectsBadInput) {
  Add("a");
  input_.graph = &graph_;
  auto code = [&] { return Plan::Create(input_).status().code(); };
  EXPECT_EQ(code(), absl::StatusCode::kOk);
  input_.max_concurrency = 0;
  EXPECT_EQ(code(), absl::StatusCode::kInvalidArgument);
  input_.max_concurrency = 1;
  input_.group_limits = {{"t", 0}};
  EXPECT_EQ(code(), absl::StatusCode::kInvalidArgument);
  input_.group_limits.clear();
  input_.selected = {true, true};
  EXPECT_EQ(code(), absl::StatusCode::kInvalidArgument);
  input_.selected.clear();
  input_.nodes = {NodeOptions{{}, -1.0, OnFailure::kAbort}};
  EXPECT_EQ(code(), absl::StatusCode::kInvalidArgument);
  input_.nodes = {NodeOptions{}, NodeOptions{}};
  EXPECT_EQ(code(), absl::StatusCode::kInvalidArgument);
  input_.nodes.clear();
  input_.graph = nullptr;
  EXPECT_EQ(code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(PlanTest, HundredThousandNodesRunToTheEnd) {
  // A layered graph: 100,000 nodes, ~300,000 edges, group limits, 16 slots. Not timed:
  // a quadratic plan would blow the test's time limit.
  constexpr int kNodes = 100000;
  for (int i = 0; i < kNodes; ++i) {
    Add("n" + std::to_string(i), 1 + i % 5, "type" + std::to_string(i % 7));
    if (i % 3 == 0) options_.back().groups.push_back("g" + std::to_string(i % 11));
    for (int k = 1; k <= 3 && i >= 100; ++k) {
      Edge(static_cast<NodeId>(int64_t{i} * k * 7919 % (i - i % 100)), i);
    }
  }
  input_.max_concurrency = 16;
  input_.group_limits = {{"type0", 2}, {"type3", 5}, {"g1", 1}, {"g4", 3}};
  Plan plan = Make();
  std::vector<NodeId> running;
  size_t started = 0;
  while (!plan.Done()) {
    while (std::optional<NodeId> n = plan.NextToStart()) {
      plan.Started(*n);
      running.push_back(*n);
      ++started;
    }
    ASSERT_FALSE(running.empty());
    plan.Finished(running.front(), Outcome::kSucceeded);
    running.erase(running.begin());
  }
  EXPECT_EQ(started, static_cast<size_t>(kNodes));
}

}  // namespace
}  // namespace gantry::sched
