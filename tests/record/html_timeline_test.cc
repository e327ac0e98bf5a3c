#include "core/record/html_timeline.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/record/journal_test_util.h"
#include "tests/record/sample_run.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadBack;
using testing::SampleEvents;
using testing::SampleRun;

// The row of `component`, from its opening tag to the end of its line.
std::string Row(const std::string& html, const std::string& component) {
  const size_t at = html.find("<div class=\"tl-row\" data-component=\"" + component + "\"");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find('\n', at) - at);
}

TEST(HtmlTimelineTest, TicksAreRoundSteps) {
  EXPECT_EQ(TickStep(absl::Milliseconds(7200)), absl::Seconds(1));
  EXPECT_EQ(TickStep(absl::Milliseconds(300)), absl::Milliseconds(50));
  EXPECT_EQ(TickStep(absl::Minutes(5)), absl::Minutes(1));
  EXPECT_EQ(TickStep(absl::Hours(3)), absl::Minutes(30));
  EXPECT_EQ(TickStep(absl::Hours(24 * 20)), absl::Hours(24 * 3));
}

TEST(HtmlTimelineTest, ARetryIsAFailedAttemptAWaitAndTheNextAttempt) {
  const std::string html = HtmlTimeline(ReadBack(SampleEvents(SampleRun())));
  // db: attempt 1 200ms-1500ms, waits to 2500ms, attempt 2 to 5000ms; of a 7200ms run.
  EXPECT_THAT(Row(html, "db"),
              HasSubstr("<span class=\"seg attempt retried\" data-attempt=\"1\" "
                        "style=\"left:2.778%;width:18.056%\" title=\"attempt 1 failed after "
                        "1.3s: RequestLimitExceeded\"></span>"
                        "<span class=\"seg wait\" data-attempt=\"1\" "
                        "style=\"left:20.833%;width:13.889%\" title=\"waited 1s before attempt "
                        "2\"></span>"
                        "<span class=\"seg attempt ok\" data-attempt=\"2\" "
                        "style=\"left:34.722%;width:34.722%\""));
  EXPECT_THAT(Row(html, "base"), Not(HasSubstr("wait")));
  EXPECT_THAT(Row(html, "app"), HasSubstr("class=\"seg attempt failed\""));
}

TEST(HtmlTimelineTest, RowsFollowTheOrderThingsHappened) {
  const std::string html = HtmlTimeline(ReadBack(SampleEvents(SampleRun())));
  // base started at 100ms, db at 200ms, app at 5100ms; web was skipped at 7000ms.
  const size_t base = html.find("data-component=\"base\""), db = html.find("data-component=\"db\"");
  const size_t app = html.find("data-component=\"app\""), web = html.find("data-component=\"web\"");
  EXPECT_LT(base, db);
  EXPECT_LT(db, app);
  EXPECT_LT(app, web);
  // Each name links to the component's row of the table: its place in name order.
  EXPECT_THAT(Row(html, "app"), HasSubstr("<a class=\"tl-name\" href=\"#c-0\""));
  EXPECT_THAT(Row(html, "web"), HasSubstr("<a class=\"tl-name\" href=\"#c-3\""));
}

TEST(HtmlTimelineTest, ASkippedComponentIsAMarkWhereItWasSkipped) {
  const std::string row = Row(HtmlTimeline(ReadBack(SampleEvents(SampleRun()))), "web");
  EXPECT_THAT(row, HasSubstr("data-status=\"skipped\""));
  EXPECT_THAT(row, HasSubstr("<span class=\"mark skipped\" style=\"left:97.222%\""));
  EXPECT_THAT(row, HasSubstr("skipped after app"));
  EXPECT_THAT(row, Not(HasSubstr("class=\"seg")));
}

TEST(HtmlTimelineTest, WorkCutByAnInterruptionRunsToTheLastEvent) {
  std::vector<RunEvent> events = SampleEvents(SampleRun());
  events.resize(6);  // base finished at 2500ms; db's second attempt started then
  const std::string html = HtmlTimeline(ReadBack(events));
  EXPECT_THAT(Row(html, "db"), HasSubstr("data-status=\"unfinished\""));
  // The frame ends at the last event (2500ms): the attempt has no width yet.
  EXPECT_THAT(Row(html, "db"), HasSubstr("<span class=\"seg attempt unfinished\" data-attempt=\"2\" "
                                         "style=\"left:100.000%;width:0.000%\""));
  EXPECT_THAT(Row(html, "app"), HasSubstr("not started"));
}

TEST(HtmlTimelineTest, NamesAreEscaped) {
  RunRecord run = SampleRun();
  run.components[0].name = "<img src=x onerror=alert(1)>";
  run.components[3].skip_cause = run.components[0].name;
  const std::string html = HtmlTimeline(ReadBack(SampleEvents(run)));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
}

}  // namespace
}  // namespace gantry::record
