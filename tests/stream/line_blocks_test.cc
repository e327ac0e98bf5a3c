#include "core/stream/line_blocks.h"

#include <random>
#include <string>
#include <vector>

#include "core/exec/line_splitter.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::stream {
namespace {

std::string Joined(LineBlock block) { return std::string(block.head).append(block.body); }

// `text` fed in chunks of the given sizes (the last chunk takes the rest), then flushed;
// the blocks joined.
std::string ThroughBlocks(std::string_view text, const std::vector<size_t>& sizes,
                          size_t max_line) {
  LineBlocks blocks(max_line);
  std::string out;
  size_t i = 0;
  while (!text.empty()) {
    const size_t n = i < sizes.size() ? std::min(sizes[i++], text.size()) : text.size();
    const std::string chunk(text.substr(0, n));  // The chunk dies after the call.
    out += Joined(blocks.Feed(chunk));
    text.remove_prefix(n);
  }
  out += blocks.Flush();
  return out;
}

// The same through exec::LineSplitter, line by line, with a '\n' after each.
std::string ThroughSplitter(std::string_view text, const std::vector<size_t>& sizes,
                            size_t max_line) {
  exec::LineSplitter splitter(max_line);
  std::string out;
  auto on_line = [&out](std::string_view line) { out.append(line).push_back('\n'); };
  size_t i = 0;
  while (!text.empty()) {
    const size_t n = i < sizes.size() ? std::min(sizes[i++], text.size()) : text.size();
    splitter.Feed(text.substr(0, n), on_line);
    text.remove_prefix(n);
  }
  if (std::optional<std::string> last = splitter.Flush()) {
    if (!last->empty() && last->back() == '\r') last->pop_back();
    on_line(*last);
  }
  return out;
}

TEST(LineBlocksTest, WholeLinesOfAChunkAsOneBlock) {
  LineBlocks blocks;
  EXPECT_EQ(Joined(blocks.Feed("a\nb\nc")), "a\nb\n");
  EXPECT_TRUE(blocks.has_partial());
  EXPECT_EQ(Joined(blocks.Feed("d")), "");
  EXPECT_EQ(Joined(blocks.Feed("e\nf\n")), "cde\nf\n");
  EXPECT_FALSE(blocks.has_partial());
  EXPECT_EQ(blocks.Flush(), "");
}

TEST(LineBlocksTest, NoCopyWhenNothingIsPending) {
  LineBlocks blocks;
  const std::string chunk = "one\ntwo\nthr";
  const LineBlock block = blocks.Feed(chunk);
  EXPECT_EQ(block.head, "");
  EXPECT_EQ(block.body, "one\ntwo\n");
  EXPECT_EQ(block.body.data(), chunk.data());
}

TEST(LineBlocksTest, OnlyTheLineCompletingPendingBytesIsCopied) {
  LineBlocks blocks;
  EXPECT_EQ(Joined(blocks.Feed("one\ntw")), "one\n");
  const std::string chunk = "o\nthree\nfour\nfi";
  const LineBlock block = blocks.Feed(chunk);
  EXPECT_EQ(block.head, "two\n");
  EXPECT_EQ(block.body, "three\nfour\n");
  EXPECT_EQ(block.body.data(), chunk.data() + 2);
  EXPECT_EQ(Joined(blocks.Feed("ve\n")), "five\n");
  EXPECT_FALSE(blocks.has_partial());
}

TEST(LineBlocksTest, AChunkLargerThanMaxLineOfShortLinesIsStillAView) {
  LineBlocks blocks(8);
  const std::string chunk = "1234567\nabc\n\nxyz";
  const LineBlock block = blocks.Feed(chunk);
  EXPECT_EQ(Joined(block), "1234567\nabc\n\n");
  EXPECT_EQ(block.body.data(), chunk.data());
  EXPECT_EQ(Joined(blocks.Feed("123456\n")), "xyz12345\n6\n");  // 9 > 8: cut, as LineSplitter does.
}

TEST(LineBlocksTest, CrLfEndsALine) {
  LineBlocks blocks;
  EXPECT_EQ(Joined(blocks.Feed("a\r\nb\r")), "a\n");
  EXPECT_EQ(Joined(blocks.Feed("\nc\rd\n")), "b\nc\rd\n");  // A lone '\r' stays.
  EXPECT_EQ(Joined(blocks.Feed("tail\r")), "");
  EXPECT_EQ(blocks.Flush(), "tail\n");
}

TEST(LineBlocksTest, LongLinesAreCut) {
  LineBlocks blocks(4);
  EXPECT_EQ(Joined(blocks.Feed("abcdefghij\nxy")), "abcd\nefgh\nij\n");
  EXPECT_EQ(Joined(blocks.Feed("z")), "");         // "xyz": 3 pending.
  EXPECT_EQ(Joined(blocks.Feed("1")), "");         // 4 pending: not cut yet...
  EXPECT_EQ(Joined(blocks.Feed("23")), "xyz1\n");  // ...but once more arrive, as LineSplitter does.
  EXPECT_EQ(blocks.Flush(), "23\n");
}

// Random text of short lines (with "\r\n", lone '\r' and empty lines) in random chunks:
// the same lines as exec::LineSplitter gives.
TEST(LineBlocksTest, SameLinesAsLineSplitter) {
  std::mt19937 random(42);
  for (int round = 0; round < 200; ++round) {
    const size_t max_line = round % 2 == 0 ? 1 << 20 : 1 + random() % 64;
    std::string text;
    const int lines = static_cast<int>(random() % 200);
    for (int i = 0; i < lines; ++i) {
      const size_t length = random() % (max_line > 64 ? 80 : 3 * max_line);
      for (size_t j = 0; j < length; ++j) {
        const unsigned r = random() % 40;
        text.push_back(r == 0 && max_line > 64 ? '\r' : static_cast<char>('a' + r % 26));
      }
      if (random() % 4 == 0 && max_line > 64) text.push_back('\r');
      if (i + 1 < lines || random() % 2 == 0) text.push_back('\n');
    }
    std::vector<size_t> sizes;
    for (size_t total = 0; total < text.size();) {
      sizes.push_back(1 + random() % 300);
      total += sizes.back();
    }
    EXPECT_EQ(ThroughBlocks(text, sizes, max_line), ThroughSplitter(text, sizes, max_line))
        << "round " << round;
  }
}

}  // namespace
}  // namespace gantry::stream
