// GroupedConsole and the quiet mode.
#include "core/console/grouped_console.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/console/make_console.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/console/captured_file.h"
#include "tests/console/run_records.h"

namespace gantry::console {
namespace {

using record::ComponentStatus;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

ConsoleOptions GroupedOptions(FILE* out, OutputMode mode = OutputMode::kGrouped) {
  ConsoleOptions options;
  options.mode = mode;
  options.out = out;
  return options;
}

TEST(GroupedConsoleTest, EachComponentIsOneContiguousBlockWhenItEnds) {
  CapturedFile out;
  auto console = MakeConsole(GroupedOptions(out.get()));
  console->ComponentStarted(Running(Pending("a")));
  console->ComponentStarted(Running(Pending("b")));
  console->Output("a", 1, "a1\n");
  console->Output("b", 1, "b1\n");
  console->Output("a", 2, "a2\na3\n");
  console->Output("b", 2, "b2\n");
  EXPECT_EQ(out.Text(), "gantry: a started\ngantry: b started\n");  // Nothing shown yet.
  console->ComponentFinished(Ended(Pending("b"), ComponentStatus::kOk, absl::Seconds(1)));
  console->Output("a", 1, "a4\n");
  console->ComponentFinished(Ended(Pending("a"), ComponentStatus::kFailed, absl::Seconds(2)));
  EXPECT_EQ(out.Text(),
            "gantry: a started\n"
            "gantry: b started\n"
            "gantry: b ok (1.0s)\n"
            "b1\nb2\n"
            "gantry: a failed (2.0s)\n"
            "a1\na2\na3\na4\n");
}

TEST(GroupedConsoleTest, NoOutputNoBlock) {
  CapturedFile out;
  ConsoleOptions options = GroupedOptions(out.get());
  options.github_actions = true;
  GroupedConsole console(options);
  console.ComponentFinished(Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1)));
  EXPECT_EQ(out.Text(), "gantry: a ok (1.0s)\n");
}

TEST(GroupedConsoleTest, RetriesAddToTheSameBlock) {
  CapturedFile out;
  GroupedConsole console(GroupedOptions(out.get()));
  console.ComponentStarted(Running(Pending("a"), 1));
  console.Output("a", 1, "try 1\n");
  console.ComponentStarted(Running(Pending("a"), 2));
  console.Output("a", 1, "try 2\n");
  console.ComponentFinished(Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1), 2));
  EXPECT_THAT(out.Text(), HasSubstr("gantry: a ok (1.0s, 2 attempts)\ntry 1\ntry 2\n"));
}

TEST(GroupedConsoleTest, GithubActionsWrapsBlocksInGroups) {
  CapturedFile out;
  ConsoleOptions options = GroupedOptions(out.get());
  options.github_actions = true;
  GroupedConsole console(options);
  console.Output("net/vpc", 1, "hello\nworld\n");
  console.ComponentFinished(Ended(Pending("net/vpc"), ComponentStatus::kOk, absl::Seconds(1)));
  EXPECT_EQ(out.Text(),
            "gantry: net/vpc ok (1.0s)\n"
            "::group::net/vpc (ok)\n"
            "hello\nworld\n"
            "::endgroup::\n");
}

TEST(GroupedConsoleTest, NothingToRunIsNamedInTheLineAndTheGroup) {
  CapturedFile out;
  ConsoleOptions options = GroupedOptions(out.get());
  options.github_actions = true;
  GroupedConsole console(options);
  console.RunStarted(MakeRun({Pending("seed")}));
  console.Output("seed", 2, "no command for operation 'apply'\n");
  record::ComponentRecord seed = Ended(Pending("seed"), ComponentStatus::kOk, absl::Seconds(0));
  seed.nothing_to_do = true;
  console.ComponentFinished(seed);
  EXPECT_THAT(out.Text(), HasSubstr("gantry: seed no apply command\n"
                                    "::group::seed (no apply command)\n"));
}

TEST(GroupedConsoleTest, GithubActionsPausesCommandsInOutput) {
  CapturedFile out;
  ConsoleOptions options = GroupedOptions(out.get());
  options.github_actions = true;
  GroupedConsole console(options);
  console.Output("a", 1, "before\n::endgroup::\nafter\n");
  console.ComponentFinished(Ended(Pending("a"), ComponentStatus::kFailed, absl::Seconds(1)));
  const std::string text = out.Text();
  const std::string start = "::stop-commands::";
  const size_t at = text.find(start);
  ASSERT_NE(at, std::string::npos) << text;
  const std::string token = text.substr(at + start.size(), text.find('\n', at) - at - start.size());
  EXPECT_THAT(token, MatchesRegex("gantry-[0-9a-f]{32}"));
  EXPECT_EQ(text, "gantry: a failed (1.0s)\n"
                  "::group::a (failed)\n"
                  "::stop-commands::" + token + "\n"
                  "before\n::endgroup::\nafter\n"
                  "::" + token + "::\n"
                  "::endgroup::\n");
}

TEST(GroupedConsoleTest, WithoutGithubActionsNoGroupMarkers) {
  CapturedFile out;
  GroupedConsole console(GroupedOptions(out.get()));
  console.Output("a", 1, "x\n");
  console.ComponentFinished(Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1)));
  EXPECT_THAT(out.Text(), Not(HasSubstr("::")));
}

TEST(GroupedConsoleTest, KeepsHeadAndTailPastTheLimitAndCountsWhatIsLeftOut) {
  CapturedFile out;
  ConsoleOptions options = GroupedOptions(out.get());
  options.grouped_limit = 100;  // 50 bytes of head, 50 of tail.
  GroupedConsole console(options);
  // 200 lines of 10 bytes ("line 0001\n"), in calls of 3 lines.
  constexpr int kLines = 200;
  std::string batch;
  for (int i = 1; i <= kLines; ++i) {
    absl::StrAppend(&batch, absl::Dec(i, absl::kZeroPad4), "_line\n");
    if (i % 3 == 0 || i == kLines) {
      console.Output("a", 1, batch);
      batch.clear();
    }
  }
  record::ComponentRecord a = Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1));
  a.log_path = "/logs/a.log";
  console.ComponentFinished(a);
  EXPECT_EQ(out.Text(),
            "gantry: a ok (1.0s)\n"
            "0001_line\n0002_line\n0003_line\n0004_line\n0005_line\n"
            "... 190 lines left out here: see /logs/a.log ...\n"
            "0196_line\n0197_line\n0198_line\n0199_line\n0200_line\n");
}

TEST(GroupedConsoleTest, ConcurrentComponentsStayInTheirBlocks) {
  CapturedFile out;
  GroupedConsole console(GroupedOptions(out.get()));
  constexpr int kThreads = 6;
  constexpr int kLines = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&console, t] {
      const std::string name = absl::StrCat("c", t);
      for (int i = 0; i < kLines; ++i) console.Output(name, 1, absl::StrCat(name, " ", i, "\n"));
      console.ComponentFinished(Ended(Pending(name), ComponentStatus::kOk, absl::Seconds(1)));
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::string text = out.Text();
  for (int t = 0; t < kThreads; ++t) {
    const std::string name = absl::StrCat("c", t);
    std::string block = absl::StrCat("gantry: ", name, " ok (1.0s)\n");
    for (int i = 0; i < kLines; ++i) absl::StrAppend(&block, name, " ", i, "\n");
    EXPECT_THAT(text, HasSubstr(block)) << name;
  }
}

TEST(QuietConsoleTest, PrintsNoComponentOutput) {
  CapturedFile out;
  auto console = MakeConsole(GroupedOptions(out.get(), OutputMode::kQuiet));
  console->RunStarted(MakeRun({Pending("a")}));
  console->ComponentStarted(Running(Pending("a")));
  console->Output("a", 1, "secret-ish chatter\n");
  console->Output("a", 2, "more chatter\n");
  const record::ComponentRecord a = Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1));
  console->ComponentFinished(a);
  record::RunRecord run = MakeRun({a});
  run.finished = kT0 + absl::Seconds(1);
  console->RunFinished(run);
  const std::string text = out.Text();
  EXPECT_THAT(text, Not(HasSubstr("chatter")));
  EXPECT_THAT(text, HasSubstr("gantry: a started\n"));
  EXPECT_THAT(text, HasSubstr("gantry: a ok (1.0s)\n"));
  EXPECT_THAT(text, HasSubstr("1 ok, 0 failed, 0 skipped, 0 cancelled in 1.0s\n"));
}

}  // namespace
}  // namespace gantry::console
