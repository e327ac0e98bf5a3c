// How record files and reports write times and durations.
#ifndef GANTRY_CORE_RECORD_TIME_TEXT_H_
#define GANTRY_CORE_RECORD_TIME_TEXT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace gantry::record {

/// RFC 3339 in UTC with milliseconds, as in every record file: "2024-05-01T12:00:05.250Z".
/// Sub-millisecond digits are truncated.
std::string FormatTimestamp(absl::Time time);
/// Any RFC 3339 time (offset or Z, any number of fractional digits).
absl::StatusOr<absl::Time> ParseTimestamp(std::string_view text);

/// A wall-clock time for tables: "2024-05-01 14:00:05" in `zone`.
std::string FormatClockTime(absl::Time time, absl::TimeZone zone);

/// A human duration for tables: "0.4s", "12.3s", "3m05s", "1h02m" (rounded down to the
/// shown unit, never negative).
std::string HumanDuration(absl::Duration duration);

/// A short duration for a report page, precise for short ones: "0s", "5ms", "1.5s",
/// "12s", "2m30s", "2m", "1h05m", "1h" (rounded down, never negative).
std::string CompactDuration(absl::Duration duration);

/// Seconds with millisecond precision, for JSON reports (1.25 for 1250ms).
double DurationSeconds(absl::Duration duration);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_TIME_TEXT_H_
