#include "core/record/time_text.h"

#include "gtest/gtest.h"
#include "tests/record/sample_run.h"

namespace gantry::record {
namespace {

using testing::At;

TEST(TimeTextTest, TimestampsAreUtcWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(At(0)), "2024-05-01T12:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(At(1250)), "2024-05-01T12:00:01.250Z");
  // Sub-millisecond digits are dropped.
  EXPECT_EQ(FormatTimestamp(At(7) + absl::Microseconds(999)), "2024-05-01T12:00:00.007Z");
}

TEST(TimeTextTest, TimestampsParseBack) {
  for (int64_t ms : {0, 1, 999, 86400123}) {
    absl::StatusOr<absl::Time> parsed = ParseTimestamp(FormatTimestamp(At(ms)));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, At(ms));
  }
  absl::StatusOr<absl::Time> offset = ParseTimestamp("2024-05-01T14:00:00.5+02:00");
  ASSERT_TRUE(offset.ok()) << offset.status();
  EXPECT_EQ(*offset, At(500));
  EXPECT_FALSE(ParseTimestamp("2024-05-01 12:00").ok());
  EXPECT_FALSE(ParseTimestamp("").ok());
}

TEST(TimeTextTest, Durations) {
  EXPECT_EQ(HumanDuration(absl::ZeroDuration()), "0.0s");
  EXPECT_EQ(HumanDuration(absl::Milliseconds(-5)), "0.0s");
  EXPECT_EQ(HumanDuration(absl::Milliseconds(450)), "0.4s");
  EXPECT_EQ(HumanDuration(absl::Milliseconds(12345)), "12.3s");
  EXPECT_EQ(HumanDuration(absl::Seconds(65)), "1m05s");
  EXPECT_EQ(HumanDuration(absl::Minutes(59) + absl::Seconds(59)), "59m59s");
  EXPECT_EQ(HumanDuration(absl::Hours(1) + absl::Minutes(2) + absl::Seconds(50)), "1h02m");
  EXPECT_EQ(HumanDuration(absl::Hours(30)), "30h00m");
}

TEST(TimeTextTest, CompactDurations) {
  EXPECT_EQ(CompactDuration(absl::ZeroDuration()), "0s");
  EXPECT_EQ(CompactDuration(absl::Milliseconds(-5)), "0s");
  EXPECT_EQ(CompactDuration(absl::Milliseconds(5)), "5ms");
  EXPECT_EQ(CompactDuration(absl::Milliseconds(999)), "999ms");
  EXPECT_EQ(CompactDuration(absl::Milliseconds(1500)), "1.5s");
  EXPECT_EQ(CompactDuration(absl::Milliseconds(59999)), "59.9s");
  EXPECT_EQ(CompactDuration(absl::Seconds(12)), "12s");
  EXPECT_EQ(CompactDuration(absl::Seconds(150)), "2m30s");
  EXPECT_EQ(CompactDuration(absl::Minutes(2)), "2m");
  EXPECT_EQ(CompactDuration(absl::Minutes(65)), "1h05m");
  EXPECT_EQ(CompactDuration(absl::Hours(30)), "30h");
}

TEST(TimeTextTest, DurationSecondsHaveMillisecondPrecision) {
  EXPECT_DOUBLE_EQ(DurationSeconds(absl::Milliseconds(1250)), 1.25);
  EXPECT_DOUBLE_EQ(DurationSeconds(absl::Microseconds(1999)), 0.001);
}

TEST(TimeTextTest, ClockTimeInZone) {
  EXPECT_EQ(FormatClockTime(At(5000), absl::UTCTimeZone()), "2024-05-01 12:00:05");
  EXPECT_EQ(FormatClockTime(At(5000), absl::FixedTimeZone(2 * 3600)), "2024-05-01 14:00:05");
}

}  // namespace
}  // namespace gantry::record
