// The live status line: only on a TTY, never mixed with output, gone at the end.
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/console/make_console.h"
#include "core/console/run_progress.h"
#include "core/console/terminal.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/console/captured_file.h"
#include "tests/console/run_records.h"

namespace gantry::console {
namespace {

using record::ComponentStatus;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// What a terminal shows after `bytes`: '\r' returns to column 0, ESC[K clears to the end
// of the line, other escape sequences (colors) are dropped; the last row is included
// when not empty.
std::vector<std::string> Screen(const std::string& bytes) {
  std::vector<std::string> rows;
  std::string row;
  size_t col = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\x1b') {
      const size_t end = bytes.find_first_of("mK", i);
      if (end != std::string::npos && bytes[end] == 'K') row.resize(std::min(row.size(), col));
      i = end;
    } else if (c == '\r') {
      col = 0;
    } else if (c == '\n') {
      rows.push_back(row);
      row.clear();
      col = 0;
    } else {
      if (col < row.size()) {
        row[col] = c;
      } else {
        row.push_back(c);
      }
      ++col;
    }
  }
  if (!row.empty()) rows.push_back(row);
  return rows;
}

class FakeClock {
 public:
  absl::Time Now() {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  void Set(absl::Time t) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = t;
  }

 private:
  std::mutex mu_;
  absl::Time now_ = kT0;
};

ConsoleOptions TtyOptions(FILE* out, FakeClock* clock) {
  ConsoleOptions options;
  options.mode = OutputMode::kPrefixed;
  options.out = out;
  options.is_tty = true;
  options.terminal_width = 200;
  options.status_interval = absl::ZeroDuration();
  options.now = [clock] { return clock->Now(); };
  return options;
}

TEST(StatusLineTest, ShownOnATtyBelowTheOutput) {
  CapturedFile out;
  FakeClock clock;
  auto console = MakeConsole(TtyOptions(out.get(), &clock));
  console->RunStarted(MakeRun({Pending("a"), Pending("b"), Pending("c")}));
  console->ComponentStarted(Running(Pending("a")));
  console->ComponentStarted(Running(Pending("b")));
  clock.Set(kT0 + absl::Seconds(12));
  console->Output("a", 1, "hello\n");
  EXPECT_THAT(Screen(out.Text()), ElementsAre("gantry: apply: 3 components, run run-1",
                                              "gantry: a started", "gantry: b started",
                                              "[a] hello",
                                              "[0/3 done, running: a, b \xe2\x80\x94 12s]"));
  console->ComponentFinished(Ended(Pending("a"), ComponentStatus::kFailed, absl::Seconds(1)));
  EXPECT_EQ(Screen(out.Text()).back(), "[1/3 done, 1 failed, running: b \xe2\x80\x94 12s]");
}

TEST(StatusLineTest, ErasedAtTheEndLeavingOnlyNormalLines) {
  CapturedFile out;
  FakeClock clock;
  auto console = MakeConsole(TtyOptions(out.get(), &clock));
  record::RunRecord run = MakeRun({Pending("a")});
  console->RunStarted(run);
  console->ComponentStarted(Running(Pending("a")));
  console->Output("a", 1, "x\n");
  run.components[0] = Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1));
  console->ComponentFinished(run.components[0]);
  run.finished = kT0 + absl::Seconds(1);
  console->RunFinished(run);
  const std::string text = out.Text();
  EXPECT_THAT(text, HasSubstr("\r\x1b[K"));  // It was there...
  const std::vector<std::string> screen = Screen(text);
  for (const std::string& row : screen) EXPECT_THAT(row, Not(HasSubstr("done,"))) << row;
  EXPECT_EQ(screen.back(), "1 ok, 0 failed, 0 skipped, 0 cancelled in 1.0s");
}

TEST(StatusLineTest, NeverOnANonTty) {
  for (OutputMode mode : {OutputMode::kPrefixed, OutputMode::kGrouped, OutputMode::kQuiet}) {
    CapturedFile out;
    FakeClock clock;
    ConsoleOptions options = TtyOptions(out.get(), &clock);
    options.mode = mode;
    options.is_tty = false;
    options.status_interval = absl::Milliseconds(1);
    auto console = MakeConsole(options);
    record::RunRecord run = MakeRun({Pending("a"), Pending("b")});
    console->RunStarted(run);
    console->ComponentStarted(Running(Pending("a")));
    console->Output("a", 1, "x\n");
    console->ComponentFinished(Ended(Pending("a"), ComponentStatus::kOk, absl::Seconds(1)));
    console->ComponentFinished(Skipped(Pending("b"), "a"));
    console->RunFinished(run);
    const std::string text = out.Text();
    EXPECT_THAT(text, Not(HasSubstr("\r"))) << OutputModeName(mode);
    EXPECT_THAT(text, Not(HasSubstr("\x1b"))) << OutputModeName(mode);
    EXPECT_THAT(text, Not(HasSubstr(" done"))) << OutputModeName(mode);
  }
}

TEST(StatusLineTest, CutToTheTerminalWidth) {
  CapturedFile out;
  FakeClock clock;
  ConsoleOptions options = TtyOptions(out.get(), &clock);
  options.terminal_width = 20;
  auto console = MakeConsole(options);
  console->RunStarted(MakeRun({Pending("a-long-component-name")}));
  console->ComponentStarted(Running(Pending("a-long-component-name")));
  EXPECT_EQ(Screen(out.Text()).back(), "[0/1 done, running:");  // 19 columns.
}

// With a ticker running, concurrent output still comes out whole, and the status line
// is never left inside a line.
TEST(StatusLineTest, TickerAndConcurrentOutputNeverMix) {
  CapturedFile out;
  FakeClock clock;
  ConsoleOptions options = TtyOptions(out.get(), &clock);
  options.status_interval = absl::Milliseconds(1);
  auto console = MakeConsole(options);
  record::RunRecord run = MakeRun({Pending("a"), Pending("b")});
  console->RunStarted(run);
  console->ComponentStarted(Running(Pending("a")));
  console->ComponentStarted(Running(Pending("b")));
  std::vector<std::thread> threads;
  for (const char* name : {"a", "b"}) {
    threads.emplace_back([&console, name] {
      for (int i = 0; i < 2000; ++i) console->Output(name, 1, absl::StrCat("line ", i, "\n"));
    });
  }
  for (std::thread& thread : threads) thread.join();
  console->RunFinished(run);
  int lines = 0;
  for (const std::string& row : Screen(out.Text())) {
    if (row.rfind("[a] ", 0) == 0 || row.rfind("[b] ", 0) == 0) {
      EXPECT_THAT(row, ::testing::MatchesRegex("\\[[ab]\\] line [0-9]+")) << row;
      ++lines;
    }
  }
  EXPECT_EQ(lines, 4000);
}

TEST(RunProgressTest, StatusLineText) {
  RunProgress progress;
  progress.Start(MakeRun({Pending("a"), Pending("b"), Pending("c"), Pending("d"), Pending("e"),
                      Pending("f")}),
                 kT0);
  EXPECT_EQ(progress.StatusLine(kT0), "[0/6 done \xe2\x80\x94 0s]");
  for (const char* name : {"a", "b", "c", "d", "e"}) progress.Started(name);
  progress.Finished(Ended(Pending("b"), ComponentStatus::kFailed, absl::Seconds(1)));
  EXPECT_EQ(progress.StatusLine(kT0 + absl::Seconds(65)),
            "[1/6 done, 1 failed, running: a, c, d (+1) \xe2\x80\x94 1m05s]");
  EXPECT_EQ(progress.StatusOf("b"), ComponentStatus::kFailed);
  EXPECT_EQ(progress.StatusOf("f"), ComponentStatus::kPending);
  // A retry of b: running again, no longer counted failed.
  progress.Started("b");
  EXPECT_EQ(progress.StatusLine(kT0), "[0/6 done, running: a, c, d (+2) \xe2\x80\x94 0s]");
}

TEST(TerminalTest, WithoutLiveStatusWritesTextAsIs) {
  CapturedFile out;
  Terminal terminal(out.get(), false, 80, absl::Milliseconds(1), [] { return "status"; });
  terminal.StartStatus();
  terminal.Write("a\n");
  terminal.RefreshStatus();
  terminal.StopStatus();
  EXPECT_EQ(out.Text(), "a\n");
}

}  // namespace
}  // namespace gantry::console
