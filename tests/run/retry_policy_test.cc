#include "core/run/retry_policy.h"

#include "gtest/gtest.h"

namespace gantry::run {
namespace {

TEST(RetryPolicyTest, NoRetriesNeverRetries) {
  RetryPolicy policy(0, {"throttl"});
  EXPECT_FALSE(policy.ShouldRetry(1, true, "Throttling"));
}

TEST(RetryPolicyTest, RetryableFailuresRetryWhileAttemptsRemain) {
  RetryPolicy policy(2, {});
  EXPECT_TRUE(policy.ShouldRetry(1, true, ""));
  EXPECT_TRUE(policy.ShouldRetry(2, true, ""));
  EXPECT_FALSE(policy.ShouldRetry(3, true, ""));
}

TEST(RetryPolicyTest, PlainFailuresRetryOnlyWhenTheOutputMatches) {
  RetryPolicy policy(3, {"rate limit(ed)?", "^Error: timeout$"});
  EXPECT_FALSE(policy.ShouldRetry(1, false, "Error: invalid argument"));
  EXPECT_TRUE(policy.ShouldRetry(1, false, "aws: rate limited, slow down"));
  EXPECT_TRUE(policy.ShouldRetry(1, false, "line one\nError: timeout\nline three"))
      << "^ and $ match at line breaks (multiline)";
}

TEST(RetryPolicyTest, BackoffDoublesUpToTheCapWithJitterInTheUpperHalf) {
  const absl::Duration base = absl::Seconds(1), cap = absl::Seconds(10);
  EXPECT_EQ(BackoffDelay(1, 0.0, base, cap), absl::Milliseconds(500));
  EXPECT_EQ(BackoffDelay(1, 1.0, base, cap), absl::Seconds(1));
  EXPECT_EQ(BackoffDelay(2, 1.0, base, cap), absl::Seconds(2));
  EXPECT_EQ(BackoffDelay(3, 0.5, base, cap), absl::Seconds(3));
  EXPECT_EQ(BackoffDelay(10, 1.0, base, cap), cap);
  EXPECT_EQ(BackoffDelay(10, 0.0, base, cap), cap / 2);
  EXPECT_EQ(BackoffDelay(1000, 1.0, base, cap), cap) << "no overflow for many attempts";
}

}  // namespace
}  // namespace gantry::run
