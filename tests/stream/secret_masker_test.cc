#include "core/stream/secret_masker.h"

#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::stream {
namespace {

using ::testing::ElementsAre;

TEST(SecretMaskerTest, NoSecretsLeavesBytesUntouchedWithoutACopy) {
  const SecretMasker masker;
  EXPECT_TRUE(masker.empty());
  constexpr char kRaw[] = "password: hunter2\n\0binary\xff"
                         "bytes";
  const std::string text(kRaw, sizeof kRaw - 1);
  std::string scratch = "unchanged";
  const std::string_view masked = masker.Mask(text, &scratch);
  EXPECT_EQ(masked.data(), text.data());
  EXPECT_EQ(masked.size(), text.size());
  EXPECT_EQ(scratch, "unchanged");
}

TEST(SecretMaskerTest, NoMatchReturnsTheInputItself) {
  const SecretMasker masker({"hunter2"});
  const std::string text = "nothing to see\nhere\n";
  std::string scratch;
  EXPECT_EQ(masker.Mask(text, &scratch).data(), text.data());
}

TEST(SecretMaskerTest, MasksEveryOccurrence) {
  const SecretMasker masker({"hunter2"});
  EXPECT_EQ(masker.Mask("hunter2"), "***");
  EXPECT_EQ(masker.Mask("pw=hunter2; again hunter2!\n"), "pw=***; again ***!\n");
  EXPECT_EQ(masker.Mask("hunter2hunter2"), "******");  // Adjacent: two masks.
  EXPECT_EQ(masker.Mask("hunter"), "hunter");
}

TEST(SecretMaskerTest, EmptySecretsAreIgnoredAndDuplicatesCountOnce) {
  const SecretMasker masker({"", "abc", "abc", ""});
  EXPECT_THAT(masker.secrets(), ElementsAre("abc"));
  EXPECT_EQ(masker.Mask("xabcx"), "x***x");
  EXPECT_TRUE(SecretMasker(std::vector<std::string>{""}).empty());
}

TEST(SecretMaskerTest, LongestFirst) {
  const SecretMasker masker({"pass", "password", "word"});
  EXPECT_THAT(masker.secrets(), ElementsAre("password", "pass", "word"));
  EXPECT_EQ(masker.Mask("my password is pass or word"), "my *** is *** or ***");
}

TEST(SecretMaskerTest, OverlappingSecretsMaskFully) {
  const SecretMasker masker({"abc", "bcd"});
  EXPECT_EQ(masker.Mask("xabcdx"), "x***x");
  EXPECT_EQ(masker.Mask("abcbcd"), "******");
  const SecretMasker chain({"aXb", "bYc", "cZd"});
  EXPECT_EQ(chain.Mask("<aXbYcZd>"), "<***>");
  // Overlapping occurrences of one secret.
  EXPECT_EQ(SecretMasker({"aa"}).Mask("xaaax"), "x***x");
}

TEST(SecretMaskerTest, MultiLineSecretIsMaskedLineByLine) {
  const SecretMasker masker({"-----BEGIN KEY-----\r\nMIIsecret\n-----END KEY-----\n"});
  // Each line, and the whole JSON-escaped (one line).
  EXPECT_THAT(masker.secrets(),
              ElementsAre(R"(-----BEGIN KEY-----\r\nMIIsecret\n-----END KEY-----\n)",
                          "-----BEGIN KEY-----", "-----END KEY-----", "MIIsecret"));
  EXPECT_EQ(masker.Mask("key:\n-----BEGIN KEY-----\nMIIsecret\n-----END KEY-----\n"),
            "key:\n***\n***\n***\n");
}

TEST(SecretMaskerTest, Contains) {
  const SecretMasker masker({"s3cr3t"});
  EXPECT_TRUE(masker.Contains("a s3cr3t b"));
  EXPECT_FALSE(masker.Contains("a s3cr3 b"));
  EXPECT_FALSE(SecretMasker().Contains("anything"));
}

TEST(SecretMaskerTest, PlainSecretsHaveNoExtraForms) {
  // Nothing to escape: one form each, so masking costs what it did.
  EXPECT_THAT(SecretMasker({"hunter2", "p@ss w0rd!"}).secrets(), ElementsAre("p@ss w0rd!", "hunter2"));
  EXPECT_EQ(SecretMasker({"hunter2"}).longest(), 7u);
  EXPECT_EQ(SecretMasker().longest(), 0u);
}

TEST(SecretMaskerTest, JsonEscapedFormsAreMasked) {
  // As nlohmann::json::dump and json.dumps(ensure_ascii=False) print them.
  const SecretMasker quote({"pa\"ss\\word"});
  EXPECT_EQ(quote.Mask(R"({"password": "pa\"ss\\word"})"), R"({"password": "***"})");
  EXPECT_EQ(quote.Mask("raw: pa\"ss\\word"), "raw: ***");
  const SecretMasker control({"tab\there\x1b[0m"});
  EXPECT_EQ(control.Mask(R"("tab\there\u001b[0m")"), R"("***")");
  // json.dumps by default (ensure_ascii): every non-ASCII character as \uXXXX, lower
  // case, a surrogate pair past U+FFFF.
  const SecretMasker accents({"s\xc3\xa9same-\xf0\x9f\x94\x91"});  // "sésame-🔑"
  EXPECT_EQ(accents.Mask(R"("s\u00e9same-\ud83d\udd11")"), R"("***")");
  EXPECT_EQ(accents.Mask("s\xc3\xa9same-\xf0\x9f\x94\x91"), "***");
  // A byte that is not UTF-8, as Python escapes what it read with surrogateescape.
  EXPECT_EQ(SecretMasker({"bad\xff" "byte"}).Mask(R"("bad\udcffbyte")"), R"("***")");
}

TEST(SecretMaskerTest, MultiLineSecretEscapedIsOneLine) {
  const SecretMasker masker({"first-line\nsecond-line\n"});
  EXPECT_EQ(masker.Mask(R"({"key": "first-line\nsecond-line\n"})"), R"({"key": "***"})");
  EXPECT_EQ(masker.Mask("first-line\nsecond-line\n"), "***\n***\n");
  // Line ends alone are no secret, escaped or not.
  EXPECT_TRUE(SecretMasker({"\n\r\n"}).empty());
}

TEST(SecretMaskerTest, SafeCutNeverSplitsAnOccurrence) {
  const SecretMasker masker({"SECRET"});
  const std::string text = "0123SECRET890";
  EXPECT_EQ(masker.SafeCut(text, 2), 2u);   // Nothing there.
  EXPECT_EQ(masker.SafeCut(text, 4), 4u);   // At the start: not split.
  EXPECT_EQ(masker.SafeCut(text, 7), 4u);   // Inside: back to its start.
  EXPECT_EQ(masker.SafeCut(text, 10), 10u); // At the end.
  // Overlapping occurrences chain: back to the first one's start.
  const SecretMasker chain({"aXb", "bYc"});
  EXPECT_EQ(chain.SafeCut("..aXbYc..", 6), 2u);
  // Chained from 0 past the cut: forward to the chain's end instead.
  EXPECT_EQ(masker.SafeCut("SECRET!", 3), 6u);
  EXPECT_EQ(SecretMasker().SafeCut(text, 7), 7u);
}

TEST(SecretMaskerTest, ConcurrentConstUse) {
  const SecretMasker masker({"alpha", "beta"});
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&masker, &bad, t] {
      std::string scratch;
      for (int i = 0; i < 2000; ++i) {
        if (masker.Mask("x alpha y beta z\n", &scratch) != "x *** y *** z\n") ++bad[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(bad, ElementsAre(0, 0, 0, 0));
}

}  // namespace
}  // namespace gantry::stream
