// How the console renders a run: the `--output` mode and what the terminal can do.
#ifndef GANTRY_CORE_CONSOLE_CONSOLE_OPTIONS_H_
#define GANTRY_CORE_CONSOLE_CONSOLE_OPTIONS_H_

#include <cstddef>
#include <cstdio>
#include <functional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/console/color_mode.h"

namespace gantry::console {

/// `--output MODE`.
enum class OutputMode {
  kPrefixed,  ///< each whole line as it comes, labelled "[component] "
  kGrouped,   ///< each component's output as one block when it ends
  kQuiet,     ///< status lines only (the logs still get everything)
};

/// "prefixed", "grouped", "quiet".
const char* OutputModeName(OutputMode mode);
/// The inverse of OutputModeName; InvalidArgument naming the accepted words otherwise.
absl::StatusOr<OutputMode> ParseOutputMode(absl::string_view name);

struct ConsoleOptions {
  OutputMode mode = OutputMode::kPrefixed;
  /// Receives everything the console prints: component output (both streams), status
  /// lines, the live status line and the summary. Not owned; must outlive the console.
  FILE* out = stdout;
  /// `out` is a terminal: enables the live status line. Decided by the caller.
  bool is_tty = false;
  /// ANSI colors (labels, status words). Decided by the caller (see ConsoleOptionsFor).
  bool color = false;
  /// Running under GitHub Actions: grouped blocks are wrapped in ::group::/::endgroup::.
  bool github_actions = false;
  /// Columns of the terminal, to keep the live status line on one row; 0 asks the
  /// terminal (TIOCGWINSZ on `out`), falling back to 80.
  int terminal_width = 0;
  /// How often the live status line is redrawn (for the elapsed time) besides on every
  /// change; ZeroDuration() redraws on changes only (no ticker thread).
  absl::Duration status_interval = absl::Seconds(1);
  /// Grouped mode keeps at most about this many bytes of a component's output in memory
  /// (the first and the last half); the lines dropped between are counted and the block
  /// points at the log, which always holds everything.
  size_t grouped_limit = size_t{8} << 20;
  /// Lines of a failed component's log shown under the summary table.
  size_t tail_lines = 10;
  /// The clock (elapsed time of the live status line and of a run lacking its times);
  /// empty means absl::Now.
  std::function<absl::Time()> now;
};

/// Options for printing to `out` as the environment says: is_tty = isatty(fileno(out));
/// color = ColorWanted(color, the facts of `out`): with auto, a terminal with NO_COLOR
/// unset or empty (https://no-color.org) and TERM not "dumb"; github_actions =
/// GITHUB_ACTIONS is "true".
ConsoleOptions ConsoleOptionsFor(FILE* out, OutputMode mode = OutputMode::kPrefixed,
                                 ColorMode color = ColorMode::kAuto);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_CONSOLE_OPTIONS_H_
