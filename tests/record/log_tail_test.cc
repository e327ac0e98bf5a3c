#include "core/record/log_tail.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

std::string Lines(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line " + std::to_string(i) + "\n";
  return text;
}

class LogTailTest : public ::testing::Test {
 protected:
  absl::StatusOr<LogTail> Tail(const std::string& text, size_t lines = kLogTailLines,
                               size_t bytes = kLogTailBytes) {
    return ReadLogTail(dir_.Write("c.log", text), lines, bytes);
  }
  gantry::testing::TempDir dir_;
};

TEST_F(LogTailTest, AShortLogIsShownWhole) {
  absl::StatusOr<LogTail> tail = Tail(Lines(1, 3));
  ASSERT_TRUE(tail.ok()) << tail.status();
  EXPECT_EQ(*tail, (LogTail{Lines(1, 3), false}));
  EXPECT_EQ(*Tail(""), (LogTail{"", false}));
  EXPECT_EQ(*Tail("no newline"), (LogTail{"no newline", false}));
}

TEST_F(LogTailTest, ALongLogShowsItsLastLines) {
  EXPECT_EQ(*Tail(Lines(1, 30)), (LogTail{Lines(11, 30), true}));
  EXPECT_EQ(*Tail(Lines(1, 20)), (LogTail{Lines(1, 20), false}));
  EXPECT_EQ(*Tail(Lines(1, 21)), (LogTail{Lines(2, 21), true}));
  EXPECT_EQ(*Tail(Lines(1, 5) + "last, unfinished", 2), (LogTail{"line 5\nlast, unfinished", true}));
}

TEST_F(LogTailTest, TheByteLimitLeavesOutTheLineItCuts) {
  // Only the last 12 bytes are read: "e 9\nline 10\n": "e 9" is a part of a line.
  EXPECT_EQ(*Tail(Lines(1, 10), 20, 12), (LogTail{"line 10\n", true}));
}

TEST_F(LogTailTest, OneHugeLineKeepsItsEndFromACharacterBoundary) {
  // StrCat, not operator+: GCC 12 at -O1 warns about std::string's own copy there.
  const std::string line = absl::StrCat(std::string(100, 'x'), "ééééé\n");  // 'é' is 2 bytes
  // The last 8 bytes start in the middle of an 'é': from the next one.
  absl::StatusOr<LogTail> tail = Tail(line, 20, 8);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->text, "ééé\n");
  EXPECT_TRUE(tail->cut);
}

TEST_F(LogTailTest, OnlyRegularFilesAreRead) {
  EXPECT_TRUE(absl::IsNotFound(ReadLogTail(dir_ / "missing.log").status()));
  const std::string fifo = dir_ / "fifo.log";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(ReadLogTail(fifo).ok()) << "a FIFO would block";
  const std::string real = dir_.Write("real.log", "secret\n");
  const std::string link = dir_ / "link.log";
  ASSERT_EQ(::symlink(real.c_str(), link.c_str()), 0);
  EXPECT_FALSE(ReadLogTail(link).ok()) << "logs are never symlinks";
}

}  // namespace
}  // namespace gantry::record
