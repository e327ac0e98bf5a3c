#include "core/console/log_tail.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::console {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class LogTailTest : public ::testing::Test {
 protected:
  std::vector<std::string> Tail(const std::string& text, size_t n, size_t max_bytes = 65536) {
    const std::string path = dir_.Write("x.log", text);
    absl::StatusOr<std::vector<std::string>> lines = ReadLastLines(path, n, max_bytes);
    EXPECT_TRUE(lines.ok()) << lines.status();
    return lines.ok() ? *lines : std::vector<std::string>{};
  }

  gantry::testing::TempDir dir_;
};

TEST_F(LogTailTest, LastLinesOldestFirst) {
  EXPECT_THAT(Tail("1\n2\n3\n4\n", 2), ElementsAre("3", "4"));
  EXPECT_THAT(Tail("1\n2\n", 5), ElementsAre("1", "2"));
  EXPECT_THAT(Tail("1\n2\n", 0), IsEmpty());
}

TEST_F(LogTailTest, UnfinishedLastLineCounts) {
  EXPECT_THAT(Tail("1\n2\n3", 2), ElementsAre("2", "3"));
}

TEST_F(LogTailTest, BlankLinesAndCrlfKept) {
  EXPECT_THAT(Tail("a\r\n\nb\n", 3), ElementsAre("a", "", "b"));
}

TEST_F(LogTailTest, EmptyFileHasNoLines) { EXPECT_THAT(Tail("", 3), IsEmpty()); }

TEST_F(LogTailTest, ReadsOnlyTheEndOfALargeFile) {
  std::string text;
  for (int i = 0; i < 10000; ++i) absl::StrAppend(&text, "line ", i, "\n");
  // A 20-byte window holds "e 9998\nline 9999\n": the cut line is dropped.
  EXPECT_THAT(Tail(text, 5, 20), ElementsAre("line 9999"));
  EXPECT_THAT(Tail(text, 3), ElementsAre("line 9997", "line 9998", "line 9999"));
}

TEST_F(LogTailTest, ALineLongerThanTheWindowShowsItsEnd) {
  EXPECT_THAT(Tail(absl::StrCat(std::string(100, 'x'), "\n"), 2, 10), ElementsAre(std::string(9, 'x')));
}

TEST_F(LogTailTest, MissingFileIsAnErrorNamingIt) {
  absl::StatusOr<std::vector<std::string>> lines = ReadLastLines(dir_ / "nope.log", 3);
  ASSERT_FALSE(lines.ok());
  EXPECT_THAT(lines.status().message(), HasSubstr("nope.log"));
}

}  // namespace
}  // namespace gantry::console
