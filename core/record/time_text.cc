#include "core/record/time_text.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace gantry::record {

std::string FormatTimestamp(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
}

absl::StatusOr<absl::Time> ParseTimestamp(std::string_view text) {
  absl::Time time;
  std::string error;
  const absl::string_view input(text.data(), text.size());
  if (!absl::ParseTime(absl::RFC3339_full, input, &time, &error) ||
      time == absl::InfinitePast() || time == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad time \"", input, "\" (want RFC 3339, e.g. 2024-05-01T12:00:05.250Z)"));
  }
  return time;
}

std::string FormatClockTime(absl::Time time, absl::TimeZone zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", time, zone);
}

std::string HumanDuration(absl::Duration duration) {
  if (duration < absl::ZeroDuration()) duration = absl::ZeroDuration();
  if (duration < absl::Minutes(1)) {
    const int64_t tenths = absl::ToInt64Milliseconds(duration) / 100;
    return absl::StrFormat("%d.%ds", tenths / 10, tenths % 10);
  }
  if (duration < absl::Hours(1)) {
    const int64_t seconds = absl::ToInt64Seconds(duration);
    return absl::StrFormat("%dm%02ds", seconds / 60, seconds % 60);
  }
  const int64_t minutes = absl::ToInt64Minutes(duration);
  return absl::StrFormat("%dh%02dm", minutes / 60, minutes % 60);
}

std::string CompactDuration(absl::Duration duration) {
  const int64_t ms = std::max<int64_t>(0, absl::ToInt64Milliseconds(duration));
  if (ms == 0) return "0s";
  if (ms < 1000) return absl::StrCat(ms, "ms");
  if (ms < 60'000) {
    const int64_t tenths = ms / 100;
    return tenths % 10 == 0 ? absl::StrCat(tenths / 10, "s")
                            : absl::StrFormat("%d.%ds", tenths / 10, tenths % 10);
  }
  const int64_t s = ms / 1000;
  if (s < 3600) return s % 60 == 0 ? absl::StrCat(s / 60, "m") : absl::StrFormat("%dm%02ds", s / 60, s % 60);
  const int64_t m = s / 60;
  return m % 60 == 0 ? absl::StrCat(m / 60, "h") : absl::StrFormat("%dh%02dm", m / 60, m % 60);
}

double DurationSeconds(absl::Duration duration) {
  return static_cast<double>(absl::ToInt64Milliseconds(duration)) / 1000.0;
}

}  // namespace gantry::record
