#include "core/run/dry_run.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::run {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Order(const graph::Graph& graph, const std::vector<SimulatedStart>& starts) {
  std::vector<std::string> names;
  for (const SimulatedStart& start : starts) names.push_back(graph.name(start.node));
  return names;
}

sched::PlanInput Input(const graph::Graph& graph, int slots, std::vector<double> costs = {}) {
  sched::PlanInput input;
  input.graph = &graph;
  input.max_concurrency = slots;
  input.nodes.resize(graph.size());
  for (size_t n = 0; n < costs.size(); ++n) input.nodes[n].cost = costs[n];
  return input;
}

// vpc -> (db, app); db -> app
graph::Graph Diamond() {
  graph::Graph g;
  const auto vpc = g.AddNode("vpc", "custom");
  const auto db = g.AddNode("db", "custom");
  const auto app = g.AddNode("app", "custom");
  g.AddEdge(vpc, db, graph::kExplicit);
  g.AddEdge(vpc, app, graph::kExplicit);
  g.AddEdge(db, app, graph::kReference);
  return g;
}

TEST(DryRunTest, ForwardFollowsDependencies) {
  const graph::Graph g = Diamond();
  auto starts = SimulateSchedule(Input(g, 4));
  ASSERT_TRUE(starts.ok());
  EXPECT_THAT(Order(g, *starts), ElementsAre("vpc", "db", "app"));
  EXPECT_EQ((*starts)[2].start, 2.0);
}

TEST(DryRunTest, DestroyIsTheReverseOrder) {
  const graph::Graph g = Diamond();
  sched::PlanInput input = Input(g, 1);
  input.direction = sched::Direction::kReverse;
  auto starts = SimulateSchedule(input);
  ASSERT_TRUE(starts.ok());
  EXPECT_THAT(Order(g, *starts), ElementsAre("app", "db", "vpc"));
}

TEST(DryRunTest, LongestRemainingPathStartsFirstAndSlotsOverlap) {
  graph::Graph g;
  const auto a = g.AddNode("a", "custom");
  const auto b = g.AddNode("b", "custom");
  const auto c = g.AddNode("c", "custom");
  g.AddEdge(b, c, graph::kExplicit);  // b heads the longer chain
  auto starts = SimulateSchedule(Input(g, 1, {1, 1, 1}));
  ASSERT_TRUE(starts.ok());
  EXPECT_THAT(Order(g, *starts), ElementsAre("b", "a", "c"));
  auto two = SimulateSchedule(Input(g, 2, {5, 1, 1}));
  ASSERT_TRUE(two.ok());
  EXPECT_THAT(Order(g, *two), ElementsAre("a", "b", "c")) << "a costs 5: longest path";
  EXPECT_EQ((*two)[2].start, 1.0) << "c starts when b ends, not when the wave ends";
  (void)a;
}

TEST(DryRunTest, PrintShowsLimitsWaitsAndReverseNote) {
  const graph::Graph g = Diamond();
  sched::PlanInput input = Input(g, 2);
  input.group_limits["custom"] = 1;
  input.direction = sched::Direction::kReverse;
  std::ostringstream out;
  ASSERT_TRUE(PrintSchedule(input, "destroy", "dev", out).ok());
  EXPECT_THAT(out.str(), HasSubstr("destroy, target dev, 3 component(s), max concurrency 2, "
                                   "limits custom=1"));
  EXPECT_THAT(out.str(), HasSubstr("Reverse order"));
  EXPECT_THAT(out.str(), ::testing::ContainsRegex("vpc +custom +2.00 +3.00 +app, db"));
  EXPECT_THAT(out.str(), ::testing::ContainsRegex("app +custom +0.00 +1.00 +-\n"));
}

TEST(DryRunTest, PrintSaysWhenAReadyComponentWaitsForAFreeSlot) {
  graph::Graph g;
  g.AddNode("a", "custom");
  g.AddNode("b", "custom");
  std::ostringstream out;
  ASSERT_TRUE(PrintSchedule(Input(g, 1), "apply", "dev", out).ok());
  EXPECT_THAT(out.str(), HasSubstr("-; then 1.00 for a free slot (max concurrency 1)"));
  // With two slots, a group of one holds b instead.
  sched::PlanInput grouped = Input(g, 2);
  grouped.group_limits["custom"] = 1;
  for (sched::NodeOptions& options : grouped.nodes) options.groups = {"custom"};
  out.str("");
  ASSERT_TRUE(PrintSchedule(grouped, "apply", "dev", out).ok());
  EXPECT_THAT(out.str(), HasSubstr("-; then 1.00 for the group custom (limit 1)"));
}

TEST(DryRunTest, UnselectedNodesAreLeftOut) {
  const graph::Graph g = Diamond();
  sched::PlanInput input = Input(g, 1);
  input.selected = {false, true, true};
  auto starts = SimulateSchedule(input);
  ASSERT_TRUE(starts.ok());
  EXPECT_THAT(Order(g, *starts), ElementsAre("db", "app"));
}

}  // namespace
}  // namespace gantry::run
