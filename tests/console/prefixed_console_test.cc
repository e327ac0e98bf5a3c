// PrefixedConsole, and the status lines every mode prints.
#include "core/console/prefixed_console.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/console/make_console.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/console/captured_file.h"
#include "tests/console/run_records.h"

namespace gantry::console {
namespace {

using record::ComponentStatus;
using ::testing::HasSubstr;
using ::testing::Not;

ConsoleOptions PrefixedOptions(FILE* out) {
  ConsoleOptions options;
  options.mode = OutputMode::kPrefixed;
  options.out = out;
  return options;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

TEST(PrefixedConsoleTest, LabelsEveryLineOfBothStreams) {
  CapturedFile out;
  auto console = MakeConsole(PrefixedOptions(out.get()));
  console->Output("network/vpc", 1, "one\ntwo\n");
  console->Output("app", 2, "oops\n");
  console->Output("network/vpc", 1, "\n");
  EXPECT_EQ(out.Text(), "[network/vpc] one\n[network/vpc] two\n[app] oops\n[network/vpc] \n");
}

TEST(PrefixedConsoleTest, AddsTheMissingLastNewline) {
  CapturedFile out;
  PrefixedConsole console(PrefixedOptions(out.get()));
  console.Output("a", 1, "x\ny");
  EXPECT_EQ(out.Text(), "[a] x\n[a] y\n");
}

TEST(PrefixedConsoleTest, NoColorWithoutColorOption) {
  CapturedFile out;
  PrefixedConsole console(PrefixedOptions(out.get()));
  console.RunStarted(MakeRun({Pending("a")}));
  console.ComponentStarted(Running(Pending("a")));
  console.Output("a", 1, "line\n");
  console.ComponentFinished(Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(2)));
  console.RunFinished(MakeRun({Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(2))}));
  EXPECT_THAT(out.Text(), Not(HasSubstr("\x1b")));
}

TEST(PrefixedConsoleTest, ColorLabelIsStablePerName) {
  CapturedFile out;
  ConsoleOptions options = PrefixedOptions(out.get());
  options.color = true;
  PrefixedConsole console(options);
  console.Output("network/vpc", 1, "one\n");
  console.Output("network/vpc", 1, "two\n");
  const std::vector<std::string> lines = Lines(out.Text());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], ::testing::MatchesRegex("\x1b\\[[0-9;]+m\\[network/vpc\\]\x1b\\[0m one"));
  // Same escape sequence both times.
  EXPECT_EQ(lines[0].substr(0, lines[0].find(']')), lines[1].substr(0, lines[1].find(']')));
}

TEST(PrefixedConsoleTest, StatusLines) {
  CapturedFile out;
  auto console = MakeConsole(PrefixedOptions(out.get()));
  record::RunRecord run = MakeRun({Pending("app"), Pending("db"), Pending("net"), Pending("web")});
  run.target = "dev";
  console->RunStarted(run);
  console->ComponentStarted(Running(Pending("net")));
  console->ComponentStarted(Running(Pending("db")));
  console->ComponentFinished(Ended(Pending("net"), ComponentStatus::kFailed,
                                   absl::Milliseconds(2100), 2));
  record::ComponentRecord db = Ended(Pending("db"), ComponentStatus::kOk, absl::Seconds(3));
  db.nothing_to_do = true;
  console->ComponentFinished(db);
  console->ComponentFinished(Skipped(Pending("app"), "net"));
  console->ComponentFinished(Skipped(Pending("web"), record::kSkipCauseCancelled));
  record::ComponentRecord retried = Running(Pending("db"), 2);
  console->ComponentStarted(retried);
  EXPECT_EQ(out.Text(),
            "gantry: apply (target dev): 4 components, run run-1\n"
            "gantry: net started\n"
            "gantry: db started\n"
            "gantry: net failed (2.1s, 2 attempts)\n"
            "gantry: db no apply command\n"
            "gantry: app skipped (net failed)\n"
            "gantry: web skipped (run cancelled)\n"
            "gantry: db started (attempt 2)\n");
}

TEST(PrefixedConsoleTest, FailureLineCarriesTheError) {
  CapturedFile out;
  PrefixedConsole console(PrefixedOptions(out.get()));
  record::ComponentRecord c = Ended(Pending("db"), ComponentStatus::kFailed, absl::Milliseconds(250));
  c.error = "exit status 3";
  console.ComponentFinished(c);
  EXPECT_EQ(out.Text(), "gantry: db failed (250ms): exit status 3\n");
}

TEST(PrefixedConsoleTest, StatusLineEndsWithTheChangesReported) {
  CapturedFile out;
  PrefixedConsole console(PrefixedOptions(out.get()));
  record::ComponentRecord dns = Ended(Pending("dns"), ComponentStatus::kOk, absl::Seconds(2));
  dns.changes = record::Changes{true, 2, 1, 0, {}};
  console.ComponentFinished(dns);
  record::ComponentRecord db = Ended(Pending("db"), ComponentStatus::kOk, absl::Seconds(1));
  db.changes = record::Changes{false, 0, 0, 0, {}};
  console.ComponentFinished(db);
  record::ComponentRecord app = Ended(Pending("app"), ComponentStatus::kOk, absl::Seconds(1));
  app.changes = record::Changes{true, -1, -1, -1, {}};
  console.ComponentFinished(app);
  record::ComponentRecord web = Ended(Pending("web"), ComponentStatus::kOk, absl::Seconds(1));
  web.changes = record::Changes{true, 3, -1, 1, {}};
  console.ComponentFinished(web);
  EXPECT_EQ(out.Text(),
            "gantry: dns ok (2.0s): 2 to add, 1 to change, 0 to destroy\n"
            "gantry: db ok (1.0s): no changes\n"
            "gantry: app ok (1.0s): changes\n"
            "gantry: web ok (1.0s): 3 to add, 1 to destroy\n");
}

// Many threads, one console: every line comes out whole, once, with its own label, and
// each component's lines keep their order.
TEST(PrefixedConsoleTest, ConcurrentOutputNeverTearsLines) {
  CapturedFile out;
  PrefixedConsole console(PrefixedOptions(out.get()));
  constexpr int kThreads = 8;
  constexpr int kCalls = 300;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&console, t] {
      const std::string name = absl::StrCat("c", t);
      for (int i = 0; i < kCalls; ++i) {
        std::string lines;
        for (int j = 0; j < 1 + i % 5; ++j) {
          absl::StrAppend(&lines, name, ":", i, ":", j, ":", std::string(i % 97, 'x'), "\n");
        }
        console.Output(name, 1 + i % 2, lines);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  std::vector<std::vector<std::string>> seen(kThreads);
  for (const std::string& line : Lines(out.Text())) {
    // "[cT] cT:i:j:xxx"
    ASSERT_EQ(line.substr(0, 2), "[c") << line;
    const size_t close = line.find("] ");
    ASSERT_NE(close, std::string::npos) << line;
    const std::string name = line.substr(1, close - 1);
    const std::string body = line.substr(close + 2);
    ASSERT_EQ(body.substr(0, name.size() + 1), name + ":") << line;
    seen[std::stoi(name.substr(1))].push_back(body);
  }
  for (int t = 0; t < kThreads; ++t) {
    std::vector<std::string> expected;
    const std::string name = absl::StrCat("c", t);
    for (int i = 0; i < kCalls; ++i) {
      for (int j = 0; j < 1 + i % 5; ++j) {
        expected.push_back(absl::StrCat(name, ":", i, ":", j, ":", std::string(i % 97, 'x')));
      }
    }
    EXPECT_EQ(seen[t], expected) << name;
  }
}

}  // namespace
}  // namespace gantry::console
