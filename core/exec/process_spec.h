// What to run and how: the input and the result of one ProcessRunner::Run.
#ifndef GANTRY_CORE_EXEC_PROCESS_SPEC_H_
#define GANTRY_CORE_EXEC_PROCESS_SPEC_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace gantry::exec {

/// One child process to run. stdin is /dev/null unless stdin_data or stdin_path is set;
/// stdout and stderr are captured.
struct ProcessSpec {
  /// argv[0] is the program: looked up in PATH when it has no '/', never run through a
  /// shell. Must not be empty.
  std::vector<std::string> argv{};
  /// "NAME=value" entries added to the inherited environment; one replaces an inherited
  /// variable of the same NAME, and a later entry replaces an earlier one.
  std::vector<std::string> env_overrides{};
  /// When true the child gets only env_overrides, nothing inherited.
  bool clear_env = false;
  /// Working directory of the child; empty means the host's.
  std::string cwd{};
  /// After this long the process group gets SIGTERM (SIGINT with stop_with_sigint), then
  /// SIGKILL after kill_grace. Must be positive; InfiniteDuration() means no limit.
  absl::Duration timeout = absl::InfiniteDuration();
  /// A timeout asks the group to stop with SIGINT, as a graceful cancel does, instead of
  /// SIGTERM: for tools that release their locks on an interrupt (terraform).
  bool stop_with_sigint = false;
  /// How long a group asked to stop (SIGTERM on timeout, SIGINT on graceful cancel) has
  /// before it gets SIGKILL.
  absl::Duration kill_grace = absl::Seconds(5);
  /// Bytes fed to the child's stdin through a pipe, which is closed after the last one;
  /// nullopt: none. Fed while the output is read, so neither side can block the other.
  std::optional<std::string> stdin_data{};
  /// A file opened read-only as the child's stdin (relative to cwd when relative); empty:
  /// none. Not together with stdin_data.
  std::string stdin_path{};
};

/// How a child ended.
struct ProcessExit {
  /// The exit status; -1 when the child was killed by a signal.
  int exit_code = -1;
  /// The signal that killed the child; 0 when it exited.
  int term_signal = 0;
  /// The run was cancelled (through its CancelToken) before the child ended.
  bool cancelled = false;
  /// The child outlived ProcessSpec::timeout and was stopped.
  bool timed_out = false;

  /// True for a normal exit with status 0 that was neither cancelled nor timed out.
  bool ok() const { return exit_code == 0 && !cancelled && !timed_out; }
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_PROCESS_SPEC_H_
