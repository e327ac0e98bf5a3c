#include "core/record/html_graph_layout.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/record/graph_run.h"

namespace gantry::record {
namespace {

using testing::Needing;
using testing::RunOf;
TEST(HtmlGraphLayoutTest, LayersAreTheLongestPathFromARoot) {
  // a -> b -> c, and a -> c directly; d stands alone.
  const RunRecord run = RunOf({Needing("a", {}), Needing("b", {"a"}), Needing("c", {"a", "b"}),
                             Needing("d", {})});
  const std::vector<GraphPlace> places = LayOutGraph(run).places;
  ASSERT_EQ(places.size(), 4u);
  EXPECT_EQ(places[0].layer, 0);
  EXPECT_EQ(places[1].layer, 1);
  EXPECT_EQ(places[2].layer, 2) << "after b, though a is its neighbour too";
  EXPECT_EQ(places[3].layer, 0);
  EXPECT_EQ(places[0].order, 0);
  EXPECT_EQ(places[3].order, 1);
}

TEST(HtmlGraphLayoutTest, NeighboursAreOrderedToAvoidCrossings) {
  // In name order, x needs b and y needs a: the edges would cross; y goes first.
  const RunRecord run = RunOf({Needing("a", {}), Needing("b", {}), Needing("x", {"b"}),
                             Needing("y", {"a"})});
  const std::vector<GraphPlace> places = LayOutGraph(run).places;
  EXPECT_EQ(places[2], (GraphPlace{1, 1}));
  EXPECT_EQ(places[3], (GraphPlace{1, 0}));
}

TEST(HtmlGraphLayoutTest, ACycleOrAnUnknownNameIsDrawnNotFatal) {
  // Only a hand-made journal has either.
  const RunRecord run = RunOf({Needing("a", {"b", "ghost"}), Needing("b", {"a"}),
                             Needing("c", {})});
  const std::vector<GraphPlace> places = LayOutGraph(run).places;
  EXPECT_EQ(places[2].layer, 0);
  EXPECT_EQ(places[0].layer, 1) << "after every other layer";
  EXPECT_EQ(places[1].layer, 1);
  EXPECT_EQ(LayOutGraph(run).routes.size(), 2u) << "a -> b and b -> a, no ghost";
}

TEST(HtmlGraphLayoutTest, ALongArrowGetsASlotInEachLayerItCrosses) {
  // a -> b -> c -> d, and a -> d crossing b's and c's layers.
  const GraphLayout layout = LayOutGraph(RunOf({Needing("a", {}), Needing("b", {"a"}),
                                                Needing("c", {"b"}), Needing("d", {"a", "c"})}));
  EXPECT_EQ(layout.slots, (std::vector<int>{1, 2, 2, 1}));
  ASSERT_EQ(layout.routes.size(), 4u);
  EXPECT_EQ(layout.routes[0], (GraphRoute{0, 1, {}}));
  EXPECT_EQ(layout.routes[1], (GraphRoute{1, 2, {}}));
  EXPECT_EQ(layout.routes[2], (GraphRoute{0, 3, {{1, 1}, {2, 1}}}));
  EXPECT_EQ(layout.routes[3], (GraphRoute{2, 3, {}}));
  EXPECT_EQ(layout.places[1], (GraphPlace{1, 0}));
  EXPECT_EQ(layout.places[2], (GraphPlace{2, 0}));
}

TEST(HtmlGraphLayoutTest, NoComponentsNoLayers) {
  const GraphLayout layout = LayOutGraph(RunRecord());
  EXPECT_TRUE(layout.places.empty());
  EXPECT_TRUE(layout.slots.empty());
}

}  // namespace
}  // namespace gantry::record
