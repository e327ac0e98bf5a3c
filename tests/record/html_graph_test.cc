#include "core/record/html_graph.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/record/graph_run.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::Needing;
using testing::RunOf;

TEST(HtmlGraphTest, BoxesAndArrowsCarryTheirComponentsAndStatuses) {
  ComponentRecord app = Needing("app", {}, ComponentStatus::kFailed);
  ComponentRecord web = Needing("web", {"app"}, ComponentStatus::kSkipped);
  web.skip_cause = "app";
  ComponentRecord docs = Needing("docs", {"app"});
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
  const std::string svg = HtmlGraph(RunOf({Needing(long_name, {}), Needing("<b>&", {})}));
  EXPECT_THAT(svg, HasSubstr("<title>" + long_name + "</title>"));
  EXPECT_THAT(svg, HasSubstr("nnn…</text>"));
  EXPECT_THAT(svg, Not(HasSubstr(">" + long_name + "</text>")));
  EXPECT_THAT(svg, HasSubstr("&lt;b&gt;&amp;"));
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
}

TEST(HtmlGraphTest, ALongArrowPassesBetweenTheBoxesOfTheColumnsItCrosses) {
  // a -> b -> c and a -> c: the arrow a -> c runs level through b's column, beside b.
  const std::string svg =
      HtmlGraph(RunOf({Needing("a", {}), Needing("b", {"a"}), Needing("c", {"a", "b"})}));
  // Columns 120 wide, 56 apart. b's column is the tallest, 62: b's box at y 10..52, then
  // a gap, then the arrow's lane at 66..72; a and c (one box) are centred: at 20..62.
  EXPECT_THAT(svg, HasSubstr("<path class=\"edge\" data-from=\"a\" data-to=\"c\" "
                             "marker-end=\"url(#arrow)\" d=\"M130.0,41.0C158.0,41.0 158.0,69.0 "
                             "186.0,69.0L306.0,69.0C334.0,69.0 334.0,41.0 362.0,41.0\"/>"));
}

TEST(HtmlGraphTest, TheSameRunDrawsTheSameSvg) {
  const RunRecord run = RunOf({Needing("a", {}), Needing("b", {"a"}), Needing("c", {"a"}),
                             Needing("d", {"b", "c"})});
  EXPECT_EQ(HtmlGraph(run), HtmlGraph(run));
  EXPECT_THAT(HtmlGraph(run), HasSubstr("<path class=\"edge\" data-from=\"b\" data-to=\"d\""));
  EXPECT_THAT(HtmlGraph(RunOf({})), HasSubstr("<svg class=\"graph\""));
}

}  // namespace
}  // namespace gantry::record
