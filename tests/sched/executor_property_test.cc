// Randomized property tests: many generated DAGs, limits, failures and worker counts; the
// invariants of a run must hold for every one. Seeds are fixed and printed on failure;
// GANTRY_SCHED_SEED=<seed> reruns one case alone.
#include <atomic>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/graph/graph.h"
#include "core/sched/executor.h"
#include "gtest/gtest.h"
#include "tests/sched/fake_task_runner.h"
#include "tests/sched/recording_observer.h"
#include "tests/sched/run_checks.h"
#include "tests/sched/run_within.h"

namespace gantry::sched {
namespace {

constexpr int kCases = 300;

/// One generated run: a DAG with edges from lower to higher ids only (so it is acyclic),
/// random groups, limits, costs, failures, selection, policy and worker count.
struct Case {
  uint32_t seed = 0;
  graph::Graph graph;
  PlanInput input;
  std::vector<Outcome> outcomes;
  std::vector<std::vector<int>> limited;  // per node: indices into `limits`
  std::vector<int> limits;

  std::string Describe() const {
    return absl::StrCat("seed ", seed, ": ", graph.size(), " nodes, ", graph.edges().size(),
                        " edges, N=", input.max_concurrency,
                        input.direction == Direction::kReverse ? ", reverse" : "",
                        input.failure_policy == FailurePolicy::kKeepGoing ? ", keep-going" : "");
  }
};

void Generate(uint32_t seed, Direction direction, Case& c) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  c.seed = seed;
  const int size = uniform(1, 200);

  const std::vector<std::string> group_names = {"t0", "t1", "t2", "g0", "g1", "g2"};
  std::vector<int> group_index(group_names.size(), -1);
  for (size_t g = 0; g < group_names.size(); ++g) {
    if (!chance(0.4)) continue;
    group_index[g] = static_cast<int>(c.limits.size());
    c.limits.push_back(uniform(1, 3));
    c.input.group_limits[group_names[g]] = c.limits.back();
  }

  const double failure_rate = std::vector<double>{0, 0.02, 0.1, 0.3}[uniform(0, 3)];
  const bool select_all = chance(0.75);
  for (int n = 0; n < size; ++n) {
    const int type = uniform(0, 2);
    c.graph.AddNode(absl::StrCat("n", uniform(0, 9), "_", n), group_names[type]);
    NodeOptions options;
    options.groups = {group_names[type]};
    if (chance(0.3)) options.groups.push_back(group_names[3 + uniform(0, 2)]);
    options.cost = uniform(1, 10) * 0.5;  // coarse, so ties happen
    const int policy = uniform(0, 9);
    options.on_failure = policy < 6   ? OnFailure::kAbort
                         : policy < 8 ? OnFailure::kSkipDependents
                                      : OnFailure::kIgnore;
    std::vector<int> limited;
    for (const std::string& name : options.groups) {
      for (size_t g = 0; g < group_names.size(); ++g) {
        if (group_names[g] == name && group_index[g] >= 0) limited.push_back(group_index[g]);
      }
    }
    c.limited.push_back(limited);
    c.input.nodes.push_back(std::move(options));
    c.outcomes.push_back(chance(failure_rate) ? Outcome::kFailed
                         : chance(0.01)       ? Outcome::kCancelled
                                              : Outcome::kSucceeded);
    c.input.selected.push_back(select_all || chance(0.7));
    for (int k = uniform(0, n == 0 ? 0 : 3); k > 0; --k) {
      c.graph.AddEdge(uniform(0, n - 1), n, graph::kExplicit);
    }
  }
  c.input.graph = &c.graph;
  c.input.direction = direction;
  c.input.max_concurrency = uniform(1, 8);
  c.input.failure_policy = chance(0.5) ? FailurePolicy::kFailFast : FailurePolicy::kKeepGoing;
}

void RunCase(uint32_t seed, Direction direction) {
  Case c;
  Generate(seed, direction, c);
  SCOPED_TRACE(c.Describe());
  absl::StatusOr<Plan> created = Plan::Create(c.input);
  ASSERT_TRUE(created.ok()) << created.status();
  Plan& plan = *created;
  const graph::Graph& g = c.graph;
  const bool reverse = direction == Direction::kReverse;
  auto predecessors = [&](NodeId n) { return reverse ? g.Dependents(n) : g.Dependencies(n); };
  auto selected = [&](NodeId n) { return static_cast<bool>(c.input.selected[n]); };
  // What a predecessor's end means for its successors.
  auto satisfies = [&](NodeId p, NodeState s) {
    return s == NodeState::kSucceeded ||
           (s == NodeState::kFailed && c.input.nodes[p].on_failure == OnFailure::kIgnore);
  };

  FakeTaskRunner runner(g.size(), c.limited, static_cast<int>(c.limits.size()));
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) runner.SetOutcome(n, c.outcomes[n]);
  runner.SetMaxDelay(20, seed);
  std::atomic<int> early{0};
  runner.SetHook([&](NodeId n) -> std::optional<Outcome> {
    for (NodeId p : predecessors(n)) {
      if (!selected(p)) continue;
      const NodeState end = c.outcomes[p] == Outcome::kSucceeded ? NodeState::kSucceeded
                            : c.outcomes[p] == Outcome::kFailed  ? NodeState::kFailed
                                                                 : NodeState::kCancelled;
      if (!runner.finished(p) || !satisfies(p, end)) early.fetch_add(1);
    }
    return std::nullopt;
  });
  RecordingObserver observer;
  Executor executor(plan, runner, observer);
  ASSERT_TRUE(RunWithin(executor, absl::Seconds(30)));

  ExpectEachReportedOnce(plan, observer);
  EXPECT_EQ(early.load(), 0) << "nodes started before their predecessors were satisfied";
  EXPECT_LE(runner.max_running(), c.input.max_concurrency);
  for (size_t k = 0; k < c.limits.size(); ++k) EXPECT_LE(runner.group_max(k), c.limits[k]);

  std::vector<bool> aborting;
  bool stopped_by_abort = false;
  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    const bool aborts = c.input.nodes[n].on_failure == OnFailure::kAbort;
    aborting.push_back(aborts);
    if (aborts && plan.state(n) == NodeState::kFailed) stopped_by_abort = true;
  }
  stopped_by_abort &= c.input.failure_policy == FailurePolicy::kFailFast;
  if (c.input.failure_policy == FailurePolicy::kFailFast) {
    ExpectNoStartAfterAbort(observer, aborting);
  }

  for (NodeId n = 0; n < static_cast<NodeId>(g.size()); ++n) {
    SCOPED_TRACE(absl::StrCat("node ", n));
    const NodeState state = plan.state(n);
    if (!selected(n)) {
      EXPECT_EQ(state, NodeState::kNotSelected);
      EXPECT_EQ(runner.runs(n), 0);
      continue;
    }
    const bool ran = state != NodeState::kSkipped;
    EXPECT_EQ(runner.runs(n), ran ? 1 : 0);
    if (ran) {
      EXPECT_EQ(state, c.outcomes[n] == Outcome::kSucceeded ? NodeState::kSucceeded
                       : c.outcomes[n] == Outcome::kFailed  ? NodeState::kFailed
                                                            : NodeState::kCancelled);
      continue;
    }
    const NodeId cause = plan.skip_cause(n);
    ASSERT_GE(cause, 0);
    EXPECT_TRUE(plan.state(cause) == NodeState::kFailed ||
                plan.state(cause) == NodeState::kCancelled);
    EXPECT_FALSE(satisfies(cause, plan.state(cause)));
    if (!stopped_by_abort) {
      // Skipped exactly when a predecessor did not satisfy it.
      bool blocked = false;
      for (NodeId p : predecessors(n)) {
        blocked |= selected(p) && !satisfies(p, plan.state(p));
      }
      EXPECT_TRUE(blocked) << "skipped though every predecessor was satisfied";
    }
  }
}

void RunCases(uint32_t base, Direction direction) {
  if (const char* only = std::getenv("GANTRY_SCHED_SEED")) {
    RunCase(static_cast<uint32_t>(std::strtoul(only, nullptr, 10)), direction);
    return;
  }
  for (int i = 0; i < kCases && !::testing::Test::HasFailure(); ++i) {
    RunCase(base + i, direction);
  }
}

TEST(ExecutorPropertyTest, RandomDagsForward) { RunCases(1000, Direction::kForward); }

TEST(ExecutorPropertyTest, RandomDagsReverse) { RunCases(5000, Direction::kReverse); }

}  // namespace
}  // namespace gantry::sched
