// The attempt loop alone, on a fake clock: retries, backoff, time limits and cancellation
// without a process or a real second going by.
#include "core/run/attempt_loop.h"

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/run/fake_attempt_world.h"

namespace gantry::run {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Plays back one AttemptEnd per attempt, recording what the loop asked for.
class Script {
 public:
  explicit Script(FakeWorld& world, std::deque<AttemptEnd> ends,
                  absl::Duration each = absl::ZeroDuration())
      : world_(world), ends_(std::move(ends)), each_(each) {}

  AttemptCalls Calls() {
    AttemptCalls calls;
    calls.run = [this](int attempt, absl::Time deadline) {
      runs.push_back(attempt);
      deadlines.push_back(deadline);
      world_.Advance(each_);
      AttemptEnd end = ends_.front();
      ends_.pop_front();
      return end;
    };
    calls.retrying = [this](int attempt, const std::string& error, absl::Duration delay) {
      retried.push_back({attempt, error, delay});
    };
    calls.started_again = [this](int attempt) { started_again.push_back(attempt); };
    return calls;
  }

  struct Retry {
    int attempt;
    std::string error;
    absl::Duration delay;
  };
  std::vector<int> runs;
  std::vector<absl::Time> deadlines;
  std::vector<Retry> retried;
  std::vector<int> started_again;

 private:
  FakeWorld& world_;
  std::deque<AttemptEnd> ends_;
  absl::Duration each_;
};

AttemptEnd Ends(gantry_status status, std::vector<std::string> errors = {},
                std::string tail = "") {
  AttemptEnd end;
  end.status = status;
  end.errors = std::move(errors);
  end.output_tail = std::move(tail);
  return end;
}

TEST(AttemptLoopTest, ASuccessIsOneAttemptWithNoDeadlineWithoutATimeout) {
  FakeWorld world;
  Script script(world, {Ends(GANTRY_STATUS_OK)});
  const AttemptsEnd end = RunAttempts(RetryPolicy(3, {}), std::nullopt, "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kSucceeded);
  EXPECT_EQ(end.attempts, 1);
  EXPECT_EQ(script.deadlines[0], absl::InfiniteFuture());
  EXPECT_TRUE(world.slept.empty());
}

TEST(AttemptLoopTest, RetryableFailuresAreRetriedWithBackoffUntilOneSucceeds) {
  FakeWorld world;
  Script script(world, {Ends(GANTRY_STATUS_RETRYABLE, {"throttled"}),
                        Ends(GANTRY_STATUS_RETRYABLE, {"throttled", "again"}),
                        Ends(GANTRY_STATUS_OK)});
  const AttemptsEnd end = RunAttempts(RetryPolicy(2, {}), std::nullopt, "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kSucceeded);
  EXPECT_EQ(end.attempts, 3);
  EXPECT_THAT(script.runs, ElementsAre(1, 2, 3));
  EXPECT_THAT(script.started_again, ElementsAre(2, 3));
  ASSERT_EQ(script.retried.size(), 2u);
  EXPECT_EQ(script.retried[0].error, "throttled");
  EXPECT_EQ(script.retried[1].error, "throttled; again");
  // Backoff with the jitter at 0.5: 3/4 of 1 s, then of 2 s; the loop slept exactly that.
  EXPECT_EQ(script.retried[0].delay, absl::Milliseconds(750));
  EXPECT_EQ(script.retried[1].delay, absl::Milliseconds(1500));
  EXPECT_THAT(world.slept, ElementsAre(absl::Milliseconds(750), absl::Milliseconds(1500)));
}

TEST(AttemptLoopTest, RetriesRunOutAndTheLastErrorFails) {
  FakeWorld world;
  Script script(world,
                {Ends(GANTRY_STATUS_RETRYABLE, {"one"}), Ends(GANTRY_STATUS_RETRYABLE, {"two"})});
  const AttemptsEnd end = RunAttempts(RetryPolicy(1, {}), std::nullopt, "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kFailed);
  EXPECT_EQ(end.attempts, 2);
  EXPECT_EQ(end.error, "two");
}

TEST(AttemptLoopTest, APlainFailureIsRetriedOnlyWhenItsOutputMatchesRetryOn) {
  FakeWorld world;
  Script matched(world, {Ends(GANTRY_STATUS_FAILED, {"exit 1"}, "Error: RequestLimitExceeded"),
                         Ends(GANTRY_STATUS_OK)});
  EXPECT_EQ(RunAttempts(RetryPolicy(1, {"LimitExceeded"}), std::nullopt, "p", world,
                        matched.Calls()).attempts,
            2);
  Script unmatched(world, {Ends(GANTRY_STATUS_FAILED, {"exit 1"}, "Error: bad syntax")});
  const AttemptsEnd end = RunAttempts(RetryPolicy(1, {"LimitExceeded"}), std::nullopt, "p",
                                      world, unmatched.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kFailed);
  EXPECT_EQ(end.attempts, 1);
}

TEST(AttemptLoopTest, AFailureWithoutAReasonIsCalledThePluginsBug) {
  FakeWorld world;
  Script script(world, {Ends(GANTRY_STATUS_FAILED)});
  const AttemptsEnd end =
      RunAttempts(RetryPolicy(0, {}), std::nullopt, "tf", world, script.Calls());
  EXPECT_THAT(end.error, HasSubstr("the tf plugin's execute failed without saying why; this "
                                   "is a bug in the tf plugin"));
}

TEST(AttemptLoopTest, AnAttemptPastItsTimeoutTimesOutAndIsNotRetried) {
  FakeWorld world;
  // The attempt takes 11 minutes of a 10-minute timeout and fails retryably.
  Script script(world, {Ends(GANTRY_STATUS_RETRYABLE, {"killed"})}, absl::Minutes(11));
  const AttemptsEnd end =
      RunAttempts(RetryPolicy(3, {}), absl::Minutes(10), "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kTimedOut);
  EXPECT_EQ(end.error, "timed out after 10m");
  EXPECT_EQ(end.attempts, 1);
  EXPECT_EQ(script.deadlines[0], absl::FromUnixSeconds(1'000'000) + absl::Minutes(10));
}

TEST(AttemptLoopTest, EachAttemptHasItsOwnDeadline) {
  FakeWorld world;
  Script script(world, {Ends(GANTRY_STATUS_RETRYABLE, {"x"}), Ends(GANTRY_STATUS_OK)},
                absl::Minutes(1));
  RunAttempts(RetryPolicy(1, {}), absl::Minutes(5), "p", world, script.Calls());
  ASSERT_EQ(script.deadlines.size(), 2u);
  // The second starts after the first's minute and the 750 ms backoff.
  EXPECT_EQ(script.deadlines[1] - script.deadlines[0], absl::Minutes(1) + absl::Milliseconds(750));
}

TEST(AttemptLoopTest, TheContextsOwnTimeoutCountsAsATimeout) {
  FakeWorld world;
  AttemptEnd stopped = Ends(GANTRY_STATUS_FAILED, {"terraform exited 130"});
  stopped.timed_out = true;
  Script script(world, {stopped});
  EXPECT_EQ(RunAttempts(RetryPolicy(3, {}), absl::Minutes(10), "p", world, script.Calls()).kind,
            AttemptsEnd::Kind::kTimedOut);
}

TEST(AttemptLoopTest, ACancelledAttemptKeepsWhatThePluginReported) {
  FakeWorld world;
  world.cancelled = true;
  Script script(world, {Ends(GANTRY_STATUS_CANCELLED, {"host killed"})});
  const AttemptsEnd end = RunAttempts(RetryPolicy(3, {}), std::nullopt, "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kCancelled);
  EXPECT_THAT(end.errors, ElementsAre("host killed"));
  EXPECT_TRUE(script.retried.empty());
}

TEST(AttemptLoopTest, CancellingDuringTheBackoffEndsTheAttempts) {
  FakeWorld world;
  world.cancel_while_sleeping = true;
  Script script(world, {Ends(GANTRY_STATUS_RETRYABLE, {"x"})});
  const AttemptsEnd end = RunAttempts(RetryPolicy(3, {}), std::nullopt, "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kCancelledWaiting);
  EXPECT_EQ(end.attempts, 1);
  EXPECT_TRUE(script.started_again.empty());
}

TEST(AttemptLoopTest, NothingToDoIsASuccess) {
  FakeWorld world;
  Script script(world, {Ends(GANTRY_STATUS_UNSUPPORTED)});
  const AttemptsEnd end = RunAttempts(RetryPolicy(0, {}), std::nullopt, "p", world, script.Calls());
  EXPECT_EQ(end.kind, AttemptsEnd::Kind::kSucceeded);
  EXPECT_EQ(end.status, GANTRY_STATUS_UNSUPPORTED);
}

}  // namespace
}  // namespace gantry::run
