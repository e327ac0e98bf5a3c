// Component output that tries to drive the terminal, in every console mode.
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/console/labelled_lines.h"
#include "core/console/make_console.h"
#include "core/console/summary_table.h"
#include "core/exec/inert_text.h"
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

constexpr char kHostile[] = "\x1b[2Jcleared\n\x1b]52;c;Zm9v\x07" "clip\nfake\rgantry: ok\n";
constexpr char kShown[] = "^[[2Jcleared\n^[]52;c;Zm9v^Gclip\nfake^Mgantry: ok\n";

ConsoleOptions Options(FILE* out, OutputMode mode, bool color = false) {
  ConsoleOptions options;
  options.mode = mode;
  options.out = out;
  options.color = color;
  return options;
}

// Label must give what labelling each raw line, neutralised on its own, gives.
std::string Reference(std::string_view label, std::string_view raw, bool keep_sgr) {
  std::string out;
  while (!raw.empty()) {
    const size_t nl = raw.find('\n');
    const size_t length = nl == std::string_view::npos ? raw.size() : nl + 1;
    out.append(label).append(exec::Neutralised(raw.substr(0, length), keep_sgr));
    if (nl == std::string_view::npos) out.push_back('\n');
    raw.remove_prefix(length);
  }
  return out;
}

TEST(HostileOutputTest, LabelledLinesNeutraliseLikeTheReferenceOnRandomText) {
  static constexpr std::string_view kPieces[] = {
      "\x1b", "[2J", "\x1b[31m", "\x1b[0m", "\r", "\r\n", "\n", "\t", "\x07", "\x7f",
      "\xc2\x9b", "\xc2\xa0", "\x1b]0;t\x1b\\", "\x00", "plain text ", "0123456789abcdef"};
  std::mt19937 random(11);
  LabelledLines labelled;
  for (int round = 0; round < 3000; ++round) {
    std::string raw;
    const int count = static_cast<int>(random() % 80);
    for (int i = 0; i < count; ++i) {
      const std::string_view piece = kPieces[random() % std::size(kPieces)];
      raw.append(piece.empty() ? std::string_view("\0", 1) : piece);
      if (random() % 4 == 0) raw.append(random() % 40, 'x');
    }
    const bool colour = round % 2 == 1;
    const std::string label = round % 3 == 0 ? "[a] " : std::string(40, 'L');
    ASSERT_EQ(labelled.Label(label, raw, colour), Reference(label, raw, colour))
        << "round " << round;
  }
}

TEST(HostileOutputTest, PrefixedLabelCannotBeOverwritten) {
  CapturedFile out;
  auto console = MakeConsole(Options(out.get(), OutputMode::kPrefixed));
  console->Output("db", 1, kHostile);
  EXPECT_EQ(out.Text(),
            "[db] ^[[2Jcleared\n[db] ^[]52;c;Zm9v^Gclip\n[db] fake^Mgantry: ok\n");
}

TEST(HostileOutputTest, PrefixedKeepsColoursOnlyOnAColourTerminalAndResetsThem) {
  CapturedFile plain, colour;
  MakeConsole(Options(plain.get(), OutputMode::kPrefixed))->Output("db", 1, "\x1b[8mhidden\n");
  MakeConsole(Options(colour.get(), OutputMode::kPrefixed, true))
      ->Output("db", 1, "\x1b[8mhidden\x1b[2J\n");
  EXPECT_EQ(plain.Text(), "[db] hidden\n");
  // The label (coloured itself) comes first; the line's own SGR is reset at its end.
  EXPECT_THAT(colour.Text(), HasSubstr("\x1b[8mhidden^[[2J\x1b[0m\n"));
}

TEST(HostileOutputTest, GroupedBlockIsNeutralised) {
  CapturedFile out;
  auto console = MakeConsole(Options(out.get(), OutputMode::kGrouped));
  console->Output("db", 1, kHostile);
  console->Output("db", 2, "\x1b[31mred\x1b[0m\n");
  console->ComponentFinished(Ended(Pending("db"), ComponentStatus::kOk, absl::Seconds(1)));
  EXPECT_EQ(out.Text(), absl::StrCat("gantry: db ok (1.0s)\n", kShown, "red\n"));
}

TEST(HostileOutputTest, StatusLinesSummaryAndLogTailAreNeutralised) {
  gantry::testing::TempDir dir;
  const std::string log_path = dir.Write("logs/db.log", kHostile);  // The log is raw.
  CapturedFile out;
  auto console = MakeConsole(Options(out.get(), OutputMode::kQuiet));
  record::ComponentRecord db = Ended(Pending("db"), ComponentStatus::kFailed, absl::Seconds(1));
  db.error = "exit status 1\r\x1b[Kgantry: db ok";
  db.log_path = log_path;
  console->RunStarted(MakeRun({Pending("db")}));
  console->Output("db", 1, kHostile);
  console->ComponentFinished(db);
  record::RunRecord run = MakeRun({db});
  run.finished = kT0 + absl::Seconds(1);
  console->RunFinished(run);
  const std::string text = out.Text();
  EXPECT_THAT(text, HasSubstr("gantry: db failed (1.0s): exit status 1^M^[[Kgantry: db ok\n"));
  EXPECT_THAT(text, HasSubstr("db failed: exit status 1^M^[[Kgantry: db ok\n"));
  EXPECT_THAT(text, HasSubstr("  | ^[[2Jcleared\n  | ^[]52;c;Zm9v^Gclip\n  | fake^Mgantry: ok\n"));
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  EXPECT_THAT(text, Not(HasSubstr("\r")));
}

TEST(HostileOutputTest, NoticeIsALineOfItsOwn) {
  CapturedFile out;
  auto console = MakeConsole(Options(out.get(), OutputMode::kPrefixed));
  console->Notice("db: cannot write the log /x/db.log: No space left on device");
  console->Notice("evil\x1b[2J");
  EXPECT_EQ(out.Text(),
            "gantry: db: cannot write the log /x/db.log: No space left on device\n"
            "gantry: evil^[[2J\n");
}

TEST(HostileOutputTest, SummaryListsWhatWasNotWritten) {
  record::RunRecord run = MakeRun({Ended(Pending("db"), ComponentStatus::kOk, absl::Seconds(1))});
  run.write_errors = {"db: cannot write the log /x/db.log: No space left on device; output "
                      "from here on is not logged"};
  const std::string text = RenderSummary(run, absl::Seconds(1), 10, Style(false));
  EXPECT_THAT(text, HasSubstr("\nnot written (the run fails for it):\n  db: cannot write the log "
                              "/x/db.log: No space left on device; output from here on is not "
                              "logged\n\n1 ok, 0 failed"));
}

}  // namespace
}  // namespace gantry::console
