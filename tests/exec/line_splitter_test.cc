#include "core/exec/line_splitter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::exec {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class LineSplitterTest : public ::testing::Test {
 protected:
  void Feed(std::string_view chunk) {
    splitter_.Feed(chunk, [this](std::string_view line) { lines_.emplace_back(line); });
  }

  LineSplitter splitter_;
  std::vector<std::string> lines_;
};

TEST_F(LineSplitterTest, WholeLinesInOneChunk) {
  Feed("one\ntwo\n");
  EXPECT_THAT(lines_, ElementsAre("one", "two"));
  EXPECT_FALSE(splitter_.has_partial());
  EXPECT_EQ(splitter_.Flush(), std::nullopt);
}

TEST_F(LineSplitterTest, LineSplitAcrossChunks) {
  Feed("he");
  Feed("ll");
  EXPECT_THAT(lines_, IsEmpty());
  EXPECT_TRUE(splitter_.has_partial());
  Feed("o\nwor");
  Feed("ld\n");
  EXPECT_THAT(lines_, ElementsAre("hello", "world"));
}

TEST_F(LineSplitterTest, CrLfEndingsAreStripped) {
  Feed("a\r\nb\r");
  Feed("\nc\r\n\r\n");
  EXPECT_THAT(lines_, ElementsAre("a", "b", "c", ""));
}

TEST_F(LineSplitterTest, LoneCrInsideALineIsKept) {
  Feed("50%\r100%\n");
  EXPECT_THAT(lines_, ElementsAre("50%\r100%"));
}

TEST_F(LineSplitterTest, EmptyLines) {
  Feed("\n\nx\n\n");
  EXPECT_THAT(lines_, ElementsAre("", "", "x", ""));
}

TEST_F(LineSplitterTest, FlushReturnsPartialLastLineOnce) {
  Feed("done\ntail");
  EXPECT_THAT(lines_, ElementsAre("done"));
  EXPECT_EQ(splitter_.Flush(), "tail");
  EXPECT_EQ(splitter_.Flush(), std::nullopt);
  Feed("next\n");
  EXPECT_THAT(lines_, ElementsAre("done", "next"));
}

TEST_F(LineSplitterTest, EmptyChunksAreHarmless) {
  Feed("");
  Feed("a");
  Feed("");
  Feed("\n");
  EXPECT_THAT(lines_, ElementsAre("a"));
}

TEST_F(LineSplitterTest, ByteAtATime) {
  for (char c : std::string("ab\r\n\ncd\n")) Feed(std::string_view(&c, 1));
  EXPECT_THAT(lines_, ElementsAre("ab", "", "cd"));
}

TEST(LineSplitterMaxLineTest, LongLinesComeOutInPieces) {
  LineSplitter splitter(4);
  std::vector<std::string> lines;
  auto collect = [&](std::string_view line) { lines.emplace_back(line); };
  splitter.Feed("abcdefghij", collect);
  EXPECT_THAT(lines, ElementsAre("abcd", "efgh"));
  splitter.Feed("k\nlmnopq\n1234\n", collect);
  EXPECT_THAT(lines, ElementsAre("abcd", "efgh", "ijk", "lmno", "pq", "1234"));
  EXPECT_EQ(splitter.Flush(), std::nullopt);
}

}  // namespace
}  // namespace gantry::exec
