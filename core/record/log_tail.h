// The last lines of a component's log, for a run report page (`runs show --html`).
#ifndef GANTRY_CORE_RECORD_LOG_TAIL_H_
#define GANTRY_CORE_RECORD_LOG_TAIL_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace gantry::record {

/// The end of a log: its last lines, as written (already masked by the host).
struct LogTail {
  std::string text;
  bool cut = false;  ///< earlier lines of the log are left out
  bool operator==(const LogTail&) const = default;
};

/// How much of a log a report shows.
inline constexpr size_t kLogTailLines = 20;
/// At most this much is read from the end of a log: a log with very long lines shows
/// less than kLogTailLines of them rather than megabytes.
inline constexpr size_t kLogTailBytes = 16 * 1024;

/// The last `max_lines` lines of the regular file at `path`, read from its last
/// `max_bytes` at most; a line cut by that limit is left out, unless it is the only one
/// (then its end is kept, starting at a character boundary). Refuses to follow a
/// symlink or to open anything but a regular file (a FIFO would block): gantry's logs
/// are neither. NotFound when there is no file.
absl::StatusOr<LogTail> ReadLogTail(const std::string& path, size_t max_lines = kLogTailLines,
                                    size_t max_bytes = kLogTailBytes);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_LOG_TAIL_H_
