#include "core/record/html_graph.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ComponentRecord Component(std::string name, std::vector<std::string> needs,
                          ComponentStatus status = ComponentStatus::kOk) {
  ComponentRecord component;
  component.name = std::move(name);
  component.needs = std::move(needs);
  component.status = status;
  return component;
}

RunRecord RunOf(std::vector<ComponentRecord> components) {
  RunRecord run;
  run.components = std::move(components);
  return run;
}

TEST(HtmlGraphTest, LayersAreTheLongestPathFromARoot) {
  // a -> b -> c, and a -> c directly; d stands alone.
  const RunRecord run = RunOf({Component("a", {}), Component("b", {"a"}), Component("c", {"a", "b"}),
                             Component("d", {})});
  const std::vector<GraphPlace> places = LayOutGraph(run);
  ASSERT_EQ(places.size(), 4u);
  EXPECT_EQ(places[0].layer, 0);
  EXPECT_EQ(places[1].layer, 1);
  EXPECT_EQ(places[2].layer, 2) << "after b, though a is its neighbour too";
  EXPECT_EQ(places[3].layer, 0);
  EXPECT_EQ(places[0].order, 0);
  EXPECT_EQ(places[3].order, 1);
}

TEST(HtmlGraphTest, NeighboursAreOrderedToAvoidCrossings) {
  // In name order, x needs b and y needs a: the edges would cross; y goes first.
  const RunRecord run = RunOf({Component("a", {}), Component("b", {}), Component("x", {"b"}),
                             Component("y", {"a"})});
  const std::vector<GraphPlace> places = LayOutGraph(run);
  EXPECT_EQ(places[2], (GraphPlace{1, 1}));
  EXPECT_EQ(places[3], (GraphPlace{1, 0}));
}

TEST(HtmlGraphTest, ACycleOrAnUnknownNameIsDrawnNotFatal) {
  // Only a hand-made journal has either.
  const RunRecord run = RunOf({Component("a", {"b", "ghost"}), Component("b", {"a"}),
                             Component("c", {})});
  const std::vector<GraphPlace> places = LayOutGraph(run);
  EXPECT_EQ(places[2].layer, 0);
  EXPECT_EQ(places[0].layer, 1) << "after every other layer";
  EXPECT_EQ(places[1].layer, 1);
  EXPECT_THAT(HtmlGraph(run), Not(HasSubstr("ghost")));
}

TEST(HtmlGraphTest, BoxesAndArrowsCarryTheirComponentsAndStatuses) {
  ComponentRecord app = Component("app", {}, ComponentStatus::kFailed);
  ComponentRecord web = Component("web", {"app"}, ComponentStatus::kSkipped);
  web.skip_cause = "app";
  ComponentRecord docs = Component("docs", {"app"});
  docs.nothing_to_do = true;
  const std::string svg = HtmlGraph(RunOf({app, docs, web}));
  EXPECT_THAT(svg, HasSubstr("<g class=\"node failed\" data-component=\"app\" data-status=\"failed\">"
                             "<a href=\"#c-0\"><title>app</title>"));
  EXPECT_THAT(svg, HasSubstr("data-component=\"docs\" data-status=\"nothing-to-do\""));
  EXPECT_THAT(svg, HasSubstr("data-component=\"web\" data-status=\"skipped\""));
  EXPECT_THAT(svg, HasSubstr("<path class=\"edge cause\" data-from=\"app\" data-to=\"web\" "
                             "marker-end=\"url(#arrow-cause)\""));
  EXPECT_THAT(svg, HasSubstr("<path class=\"edge\" data-from=\"app\" data-to=\"docs\""));
  EXPECT_THAT(svg, HasSubstr(">failed</text>"));
}

TEST(HtmlGraphTest, LongNamesAreCutAndEveryNameIsEscaped) {
  const std::string long_name = "platform/" + std::string(80, 'n');
  const std::string svg = HtmlGraph(RunOf({Component(long_name, {}), Component("<b>&", {})}));
  EXPECT_THAT(svg, HasSubstr("<title>" + long_name + "</title>"));
  EXPECT_THAT(svg, HasSubstr("nnn…</text>"));
  EXPECT_THAT(svg, Not(HasSubstr(">" + long_name + "</text>")));
  EXPECT_THAT(svg, HasSubstr("&lt;b&gt;&amp;"));
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
}

TEST(HtmlGraphTest, TheSameRunDrawsTheSameSvg) {
  const RunRecord run = RunOf({Component("a", {}), Component("b", {"a"}), Component("c", {"a"}),
                             Component("d", {"b", "c"})});
  EXPECT_EQ(HtmlGraph(run), HtmlGraph(run));
  EXPECT_THAT(HtmlGraph(RunOf({})), HasSubstr("<svg class=\"graph\""));
}

}  // namespace
}  // namespace gantry::record
