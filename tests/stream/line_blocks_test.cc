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

// With secrets, a cut never splits one: it moves back to the secret's start.
TEST(LineBlocksTest, ACutNeverSplitsASecret) {
  const SecretMasker masker({"SECRET"});
  {
    LineBlocks blocks(8, &masker);  // A whole line: cut where the secret starts.
    EXPECT_EQ(Joined(blocks.Feed("abcdeSECRETxyz\n")), "abcde\nSECRETxy\nz\n");
  }
  {
    // An unfinished line waits for the secret's end (max_line + 5 bytes) before a cut.
    LineBlocks blocks(8, &masker);
    EXPECT_EQ(Joined(blocks.Feed("abcdeSECRE")), "");
    EXPECT_EQ(Joined(blocks.Feed("Txy")), "");  // 13 bytes: "SECRE" could still be...
    EXPECT_EQ(Joined(blocks.Feed("z")), "abcde\n");
    EXPECT_EQ(blocks.Flush(), "SECRETxy\nz\n");
  }
  {
    LineBlocks blocks(8, &masker);  // Flushed held bytes are cut too.
    EXPECT_EQ(Joined(blocks.Feed("abcdefghijkl")), "");
    EXPECT_EQ(blocks.Flush(), "abcdefgh\nijkl\n");
  }
}

// A secret learned while a line is pending (a component set a sensitive output) counts
// for every cut made from then on.
TEST(LineBlocksTest, ASecretLearnedMidLineCountsForLaterCuts) {
  LineBlocks blocks(8);
  EXPECT_EQ(Joined(blocks.Feed("abcdeSEC")), "");
  const SecretMasker masker({"SECRET"});
  blocks.SetMasker(&masker);
  EXPECT_EQ(Joined(blocks.Feed("RETxy\n")), "abcde\nSECRETxy\n");
  blocks.SetMasker(nullptr);
  EXPECT_EQ(Joined(blocks.Feed("abcdeSECRETxy\n")), "abcdeSEC\nRETxy\n");
}

// Random lines with secrets placed across cuts, fed in random chunks: every secret
// comes out whole, and the text is the same but for the line ends added at cuts.
TEST(LineBlocksTest, SecretsSurviveCutsWhateverTheChunks) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    const size_t max_line = 4 + random() % 40;
    std::vector<std::string> secrets;
    for (int i = 0; i < 3; ++i) {
      std::string secret;
      const size_t length = 2 + random() % (max_line + 4);
      for (size_t j = 0; j < length; ++j) secret.push_back(static_cast<char>('A' + random() % 3));
      secrets.push_back("<" + secret + ">");
    }
    const SecretMasker masker(secrets);
    std::string text;
    for (int n = 0; n < 5; ++n) {
      const size_t length = random() % (4 * max_line);
      std::string line;
      while (line.size() < length) {
        if (random() % 5 == 0) line += secrets[random() % secrets.size()];
        else line.push_back(static_cast<char>('a' + random() % 26));
      }
      text += line;
      if (n < 4 || random() % 2 == 0) text += '\n';  // The last line may be unfinished.
    }
    LineBlocks blocks(max_line, &masker);
    std::string out;
    for (size_t at = 0; at < text.size();) {
      const size_t n = std::min<size_t>(1 + random() % (2 * max_line), text.size() - at);
      const std::string chunk = text.substr(at, n);
      out += Joined(blocks.Feed(chunk));
      at += n;
    }
    out += blocks.Flush();
    size_t occurrences_in = 0;
    size_t occurrences_out = 0;
    for (const std::string& secret : secrets) {
      for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 1))
        ++occurrences_in;
      for (size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 1))
        ++occurrences_out;
    }
    EXPECT_EQ(occurrences_out, occurrences_in) << "round " << round;
    std::string unbroken = out;
    std::string original = text;
    std::erase(unbroken, '\n');
    std::erase(original, '\n');
    EXPECT_EQ(unbroken, original) << "round " << round;
  }
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
