#include "core/graph/graph_order.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::graph {
namespace {

using ::testing::ElementsAre;

// 0 -> 2, 1 -> 2, 2 -> 3; 4 alone; 5 <-> 6 a cycle.
Graph Sample() {
  Graph g;
  for (const char* name : {"a", "b", "c", "d", "e", "f", "g"}) g.AddNode(name, "t");
  g.AddEdge(0, 2, kExplicit);
  g.AddEdge(1, 2, kExplicit);
  g.AddEdge(2, 3, kReference);
  g.AddEdge(5, 6, kExplicit);
  g.AddEdge(6, 5, kExplicit);
  return g;
}

TEST(DependencyOrderTest, EachAfterWhatItNeedsLowestFirstCyclesLast) {
  EXPECT_THAT(DependencyOrder(Sample()), ElementsAre(0, 1, 2, 3, 4, 5, 6));
  Graph g;
  for (const char* name : {"late", "early"}) g.AddNode(name, "t");
  g.AddEdge(1, 0, kExplicit);
  EXPECT_THAT(DependencyOrder(g), ElementsAre(1, 0));
}

TEST(DependencyOrderTest, ReversedEachAfterWhatNeedsIt) {
  EXPECT_THAT(DependencyOrder(Sample(), {}, /*reverse=*/true), ElementsAre(3, 2, 0, 1, 4, 5, 6));
}

TEST(DependencyOrderTest, OnlyTheIncludedAndOnlyTheirEdges) {
  // Without b and c, d waits for nothing.
  EXPECT_THAT(DependencyOrder(Sample(), {true, false, false, true, false, false, false}),
              ElementsAre(0, 3));
}

}  // namespace
}  // namespace gantry::graph
