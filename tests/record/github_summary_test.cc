#include "core/record/github_summary.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/record/sample_run.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::SampleRun;

TEST(GithubSummaryTest, EscapesCells) {
  EXPECT_EQ(EscapeMarkdownCell("plain/name-1.x"), "plain/name-1.x");
  EXPECT_EQ(EscapeMarkdownCell("a|b"), "a\\|b");
  EXPECT_EQ(EscapeMarkdownCell("a\\|b"), "a\\\\\\|b");
  EXPECT_EQ(EscapeMarkdownCell("C:\\dir"), "C:\\\\dir");
  EXPECT_EQ(EscapeMarkdownCell("two\nlines\r\nhere"), "two lines here");
}

TEST(GithubSummaryTest, HeadingCountsAndTable) {
  const std::string md = GithubSummaryMarkdown(SampleRun());
  EXPECT_THAT(md, HasSubstr("### gantry apply (target dev): failed\n"));
  EXPECT_THAT(md, HasSubstr("2 ok, 1 failed, 1 skipped, 0 cancelled in 7.2s"));
  EXPECT_THAT(md, HasSubstr(testing::kSampleRunId));
  EXPECT_THAT(md, HasSubstr("| component | type | status | duration | attempts |\n"
                            "| --- | --- | --- | ---: | ---: |\n"
                            "| app | custom | failed | 1.9s | 1 |\n"
                            "| base | custom | ok | 2.4s | 1 |\n"
                            "| db | terraform | ok | 4.8s | 2 |\n"
                            "| web | custom | skipped (after app) | - | 0 |\n"));
  EXPECT_THAT(md, Not(HasSubstr(testing::kSecret)));
}

TEST(GithubSummaryTest, NothingToRunIsShownApartFromOk) {
  RunRecord run = SampleRun();
  run.components[1].nothing_to_do = true;  // base
  const std::string md = GithubSummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr("| base | custom | no apply command | 2.4s | 1 |\n"));
  EXPECT_THAT(md, HasSubstr("2 ok (1 no apply command), 1 failed"));
}

TEST(GithubSummaryTest, ChangesGetAColumnAndACountOnlyWhenReported) {
  RunRecord run = SampleRun();
  run.operation = "plan";  // a plan's counts read "to add" (an apply's, "added")
  run.components[1].changes = Changes{true, 2, 1, 0, {}};  // base
  run.components[2].changes = Changes{false, 0, 0, 0, {}};  // db
  const std::string md = GithubSummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr("in 7.2s · 1 component with changes (2 to add, 1 to change, 0 to "
                            "destroy), 1 without · run `"));
  EXPECT_THAT(md, HasSubstr("| component | type | status | changes | duration | attempts |\n"
                            "| --- | --- | --- | --- | ---: | ---: |\n"
                            "| app | custom | failed | - | 1.9s | 1 |\n"
                            "| base | custom | ok | 2 to add, 1 to change, 0 to destroy | 2.4s | 1 |\n"
                            "| db | terraform | ok | no changes | 4.8s | 2 |\n"));
  EXPECT_THAT(GithubSummaryMarkdown(SampleRun()), Not(HasSubstr("changes")));
}

TEST(GithubSummaryTest, PipesInCellsAreEscaped) {
  RunRecord run = SampleRun();
  run.components[1].type = "weird|type";
  const std::string md = GithubSummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr("| base | weird\\|type | ok |"));
}

TEST(GithubSummaryTest, SucceededAndInterruptedHeadings) {
  RunRecord run = SampleRun();
  run.exit_code = 0;
  run.target = "";
  EXPECT_THAT(GithubSummaryMarkdown(run), HasSubstr("### gantry apply: succeeded\n"));
  run.exit_code = 130;
  EXPECT_THAT(GithubSummaryMarkdown(run), HasSubstr("### gantry apply: interrupted\n"));
}

TEST(GithubSummaryTest, AppendsToTheStepSummaryFile) {
  gantry::testing::TempDir dir;
  const std::string path = dir.Write("step_summary.md", "# Earlier step\n");
  ASSERT_TRUE(AppendGithubSummary(path, SampleRun()).ok());
  ASSERT_TRUE(AppendGithubSummary(path, SampleRun()).ok());
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), StartsWith("# Earlier step\n\n### gantry apply"));
  EXPECT_EQ(text.str().find("### gantry apply"), text.str().rfind("### gantry apply") -
                                                     GithubSummaryMarkdown(SampleRun()).size());
}

}  // namespace
}  // namespace gantry::record

namespace gantry::record {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(GithubSummaryGraphTest, TheRunIsDrawnAsAMermaidGraphColouredByStatus) {
  RunRecord run;
  run.run_id = "r";
  run.operation = "apply";
  for (const char* name : {"app", "db", "net\"`x"}) run.components.emplace_back().name = name;
  run.components[0].status = ComponentStatus::kFailed;
  run.components[0].needs = {"db", "net\"`x"};
  run.components[1].status = ComponentStatus::kOk;
  run.components[1].needs = {"net\"`x"};
  run.components[2].status = ComponentStatus::kBlocked;
  const std::string md = GithubSummaryMarkdown(run);
  EXPECT_THAT(md, HasSubstr("```mermaid\nflowchart LR\n"
                            "  c0[\"app<br/>failed\"]:::failed\n"
                            "  c1[\"db<br/>ok\"]:::ok\n"
                            "  c2[\"net#quot;#96;x<br/>blocked\"]:::blocked\n"
                            "  c1 --> c0\n  c2 --> c0\n  c2 --> c1\n"
                            "  classDef ok "));
  EXPECT_THAT(md, ::testing::EndsWith("```\n"));

  RunRecord one;
  one.components.emplace_back().name = "only";
  EXPECT_THAT(GithubSummaryMarkdown(one), Not(HasSubstr("mermaid")));
  RunRecord many;
  for (int i = 0; i < 201; ++i) many.components.emplace_back().name = absl::StrCat("c", i);
  EXPECT_THAT(GithubSummaryMarkdown(many), AllOf(Not(HasSubstr("```mermaid")),
                                                 HasSubstr("201 components: too many to draw")));
}

}  // namespace
}  // namespace gantry::record
