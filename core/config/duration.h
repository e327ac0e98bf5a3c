// Durations as users write them: "90s", "10m", "1h30m", "250ms".
#ifndef GANTRY_CORE_CONFIG_DURATION_H_
#define GANTRY_CORE_CONFIG_DURATION_H_

#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace gantry::config {

/// Parses a positive duration made of number+unit parts (ms, s, m, h, d); a bare
/// number means seconds.
absl::StatusOr<absl::Duration> ParseDuration(absl::string_view text);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_DURATION_H_
