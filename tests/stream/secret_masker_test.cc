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
  EXPECT_THAT(masker.secrets(), ElementsAre("-----BEGIN KEY-----", "-----END KEY-----", "MIIsecret"));
  EXPECT_EQ(masker.Mask("key:\n-----BEGIN KEY-----\nMIIsecret\n-----END KEY-----\n"),
            "key:\n***\n***\n***\n");
}

TEST(SecretMaskerTest, Contains) {
  const SecretMasker masker({"s3cr3t"});
  EXPECT_TRUE(masker.Contains("a s3cr3t b"));
  EXPECT_FALSE(masker.Contains("a s3cr3 b"));
  EXPECT_FALSE(SecretMasker().Contains("anything"));
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
