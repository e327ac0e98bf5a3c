// The last lines of a log file, for the summary of a failed component.
#ifndef GANTRY_CORE_CONSOLE_LOG_TAIL_H_
#define GANTRY_CORE_CONSOLE_LOG_TAIL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace gantry::console {

/// The last `n` lines of the file at `path`, oldest first, without their '\n' (nor a
/// "\r" before it); a last line lacking its '\n' counts. Reads at most the last
/// `max_bytes` of the file, so a huge log costs little: a line cut by that window is
/// dropped unless it is the only one, then shown from the window's start. An empty file
/// gives no lines; an unreadable one an error naming it.
absl::StatusOr<std::vector<std::string>> ReadLastLines(const std::string& path, size_t n,
                                                       size_t max_bytes = 64 * 1024);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_LOG_TAIL_H_
