#include "core/console/summary_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/console/make_console.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/console/captured_file.h"
#include "tests/console/run_records.h"
#include "tests/testing/temp_dir.h"

namespace gantry::console {
namespace {

using record::ComponentStatus;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(SummaryTableTest, TableTailsOfFailuresAndTotals) {
  gantry::testing::TempDir dir;
  std::string log;
  for (int i = 1; i <= 15; ++i) absl::StrAppend(&log, "db line ", i, "\n");
  const std::string log_path = dir.Write("logs/db.log", log);

  record::ComponentRecord db =
      Ended(Pending("db", "terraform"), ComponentStatus::kFailed, absl::Milliseconds(2100), 3);
  db.error = "exit status 1";
  db.log_path = log_path;
  record::ComponentRecord vpc =
      Ended(Pending("network/vpc"), ComponentStatus::kOk, absl::Seconds(75));
  vpc.log_path = dir / "logs/network/vpc.log";
  record::RunRecord run = MakeRun({Skipped(Pending("app", "packer"), "db"), db, vpc,
                               Ended(Pending("web"), ComponentStatus::kCancelled,
                                     absl::Milliseconds(40))});

  const std::string text = RenderSummary(run, absl::Milliseconds(12345), 10, Style(false));
  EXPECT_EQ(text,
            "\n"
            "component    type       status     duration  attempts\n"
            "app          packer     skipped    -                0\n"
            "db           terraform  failed     2.1s             3\n"
            "network/vpc  custom     ok         1m15s            1\n"
            "web          custom     cancelled  40ms             1\n"
            "\n"
            "db failed: exit status 1\n"
            "  | db line 6\n  | db line 7\n  | db line 8\n  | db line 9\n  | db line 10\n"
            "  | db line 11\n  | db line 12\n  | db line 13\n  | db line 14\n  | db line 15\n"
            "  log: " +
                log_path +
                "\n"
                "\n"
                "1 ok, 1 failed, 1 skipped, 1 cancelled in 12.3s\n");
}

TEST(SummaryTableTest, NothingToRunIsShownApartFromOk) {
  record::ComponentRecord base = Ended(Pending("base"), ComponentStatus::kOk, absl::Seconds(2));
  record::ComponentRecord seed = Ended(Pending("seed"), ComponentStatus::kOk, absl::Seconds(0));
  seed.nothing_to_do = true;
  const record::RunRecord run = MakeRun({base, seed});
  const std::string text = RenderSummary(run, absl::Seconds(2), 10, Style(false));
  EXPECT_EQ(text,
            "\n"
            "component  type    status            duration  attempts\n"
            "base       custom  ok                2.0s             1\n"
            "seed       custom  no apply command  0ms              1\n"
            "\n"
            "2 ok (1 no apply command), 0 failed, 0 skipped, 0 cancelled in 2.0s\n");
  // In color it is not painted green as success is.
  const std::string colored = RenderSummary(run, absl::Seconds(2), 10, Style(true));
  EXPECT_THAT(colored, HasSubstr("\x1b[33mno apply command\x1b[0m"));
}

TEST(SummaryTableTest, ChangesGetAColumnAndALineOnlyWhenReported) {
  record::ComponentRecord app = Ended(Pending("app"), ComponentStatus::kOk, absl::Seconds(1));
  app.changes = record::Changes{true, 2, 1, 0, {}};
  record::ComponentRecord base = Ended(Pending("base"), ComponentStatus::kOk, absl::Seconds(2));
  record::ComponentRecord db = Ended(Pending("db"), ComponentStatus::kOk, absl::Seconds(1));
  db.changes = record::Changes{false, 0, 0, 0, {}};
  record::ComponentRecord dns = Ended(Pending("dns"), ComponentStatus::kOk, absl::Seconds(1));
  dns.changes = record::Changes{true, -1, -1, -1, {}};
  record::RunRecord run = MakeRun({app, base, db, dns});
  run.operation = "plan";  // a plan's counts read "to add" (an apply's, "added")
  EXPECT_EQ(RenderSummary(run, absl::Seconds(2), 10, Style(false)),
            "\n"
            "component  type    status  changes                              duration  attempts\n"
            "app        custom  ok      2 to add, 1 to change, 0 to destroy  1.0s             1\n"
            "base       custom  ok      -                                    2.0s             1\n"
            "db         custom  ok      no changes                           1.0s             1\n"
            "dns        custom  ok      changes                              1.0s             1\n"
            "\n"
            "4 ok, 0 failed, 0 skipped, 0 cancelled in 2.0s\n"
            "2 components with changes (2 to add, 1 to change, 0 to destroy), 1 without\n");
  // Without any report, no column and no line (as NothingToRunIsShownApartFromOk shows).
  EXPECT_THAT(RenderSummary(MakeRun({base}), absl::Seconds(2), 10, Style(false)),
              Not(HasSubstr("changes")));
}

TEST(SummaryTableTest, FailureWithoutLogOrWithAMissingOrUnreadableOne) {
  record::ComponentRecord never = Ended(Pending("a"), ComponentStatus::kFailed, absl::Seconds(1));
  never.error = "could not start";
  // Logs are created by the first output: none means it printed nothing.
  record::ComponentRecord silent = Ended(Pending("b"), ComponentStatus::kFailed, absl::Seconds(1));
  silent.log_path = "/nonexistent/gantry/b.log";
  record::ComponentRecord unreadable =
      Ended(Pending("c"), ComponentStatus::kFailed, absl::Seconds(1));
  unreadable.log_path = "/";  // a directory: opens, but cannot be read
  const std::string text =
      RenderSummary(MakeRun({never, silent, unreadable}), absl::Seconds(1), 10, Style(false));
  EXPECT_THAT(text, HasSubstr("a failed: could not start\n  (no log: it never started)\n"));
  EXPECT_THAT(text, HasSubstr("b failed\n  (it printed nothing)\n"));
  EXPECT_THAT(text, Not(HasSubstr("log: /nonexistent")));
  EXPECT_THAT(text, HasSubstr("c failed\n  (cannot read '/'"));
  EXPECT_THAT(text, HasSubstr("  log: /\n"));
  EXPECT_THAT(text, HasSubstr("0 ok, 3 failed, 0 skipped, 0 cancelled in 1.0s\n"));
}

TEST(SummaryTableTest, ColorsDoNotBreakAlignment) {
  const record::RunRecord run =
      MakeRun({Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1)),
           Ended(Pending("b"), ComponentStatus::kCancelled, absl::Seconds(1))});
  std::string plain = RenderSummary(run, absl::Seconds(1), 10, Style(false));
  std::string colored = RenderSummary(run, absl::Seconds(1), 10, Style(true));
  EXPECT_THAT(colored, HasSubstr("\x1b["));
  // Without the escape sequences, the colored table is the plain one.
  std::string stripped;
  for (size_t i = 0; i < colored.size(); ++i) {
    if (colored[i] == '\x1b') {
      i = colored.find('m', i);
      continue;
    }
    stripped += colored[i];
  }
  EXPECT_EQ(stripped, plain);
}

TEST(SummaryTableTest, PrintedByTheConsoleAtRunFinished) {
  CapturedFile out;
  ConsoleOptions options;
  options.mode = OutputMode::kPrefixed;
  options.out = out.get();
  auto console = MakeConsole(options);
  record::RunRecord run = MakeRun({Pending("a")});
  console->RunStarted(run);
  run.components[0] = Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1), 1);
  run.finished = kT0 + absl::Milliseconds(4200);
  console->RunFinished(run);
  EXPECT_THAT(out.Text(), HasSubstr("component  type    status  duration  attempts\n"
                                    "a          custom  ok      1.0s             1\n"
                                    "\n1 ok, 0 failed, 0 skipped, 0 cancelled in 4.2s\n"));
}

TEST(ShortDurationTest, Formats) {
  EXPECT_EQ(ShortDuration(absl::Milliseconds(850)), "850ms");
  EXPECT_EQ(ShortDuration(absl::Milliseconds(2140)), "2.1s");
  EXPECT_EQ(ShortDuration(absl::Seconds(65)), "1m05s");
  EXPECT_EQ(ShortDuration(absl::Minutes(123)), "2h03m");
  EXPECT_EQ(ShortDuration(-absl::Seconds(1)), "0ms");
}

}  // namespace
}  // namespace gantry::console
